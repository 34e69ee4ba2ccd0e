package dev.syncview.query;

import dev.syncview.domain.Kind;
import dev.syncview.domain.StatusKind;

/**
 * A validated listing request (list_sources, or list_jobs with its extra filters).
 *
 * @param databaseName null for every database the key may see
 * @param kind null for every kind
 * @param status null for every status (list_jobs only)
 * @param sourceId null for every source (list_jobs only; never with a database)
 * @param offset items to skip; values past any real listing are simply past the end
 * @param after continue after this position (a cursor), or null to start from the beginning
 */
public record ListQuery(
    String databaseName,
    Kind kind,
    StatusKind status,
    String sourceId,
    int limit,
    long offset,
    Order order,
    Position after) {
  public static final int MAX_LIMIT = 1000;

  public ListQuery {
    if (limit < 0 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit out of range");
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0");
    }
    if (sourceId != null && databaseName != null) {
      throw new IllegalArgumentException("source_id and database_name are exclusive");
    }
    if (after != null && offset != 0) {
      throw new IllegalArgumentException("a cursor and an offset are exclusive");
    }
  }

  /** A list_sources request. */
  public ListQuery(String databaseName, Kind kind, int limit, long offset, Order order) {
    this(databaseName, kind, null, null, limit, offset, order, null);
  }
}
