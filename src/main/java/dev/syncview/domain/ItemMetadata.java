package dev.syncview.domain;

import java.util.Objects;

/** A listed job's metadata: its kind with the kind's detail, beside database and collection. */
public record ItemMetadata(KindDetail detail, String databaseName, String collectionName) {

  public ItemMetadata {
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(databaseName, "databaseName");
    Objects.requireNonNull(collectionName, "collectionName");
  }

  public Kind kind() {
    return detail.kind();
  }
}
