package dev.syncview.view;

import dev.syncview.domain.Kind;
import dev.syncview.domain.StatusKind;

/**
 * Equality filters on a tenant's jobs; null means "any". A source filter implies its database and
 * kind, so it is never combined with them (the query layer checks those against the source).
 */
public record IndexFilter(
    String databaseName, Kind kind, StatusKind status, String sourceId, String objectKey) {

  public static final IndexFilter NONE = new IndexFilter(null, null, null, null, null);

  public IndexFilter {
    if (sourceId != null && (databaseName != null || kind != null)) {
      throw new IllegalArgumentException("a source filter is not combined with database or kind");
    }
    if (objectKey != null && (sourceId == null || status != null)) {
      throw new IllegalArgumentException("an object-key filter goes with a source filter only");
    }
    if (kind != null && !kind.filterable()) {
      throw new IllegalArgumentException("kind " + kind + " is not filterable");
    }
  }

  public IndexFilter withDatabase(String db) {
    return new IndexFilter(db, kind, status, sourceId, objectKey);
  }
}
