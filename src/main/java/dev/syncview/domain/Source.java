package dev.syncview.domain;

import java.util.Objects;

/**
 * An accepted source snapshot. Credentials never reach this record: the parser drops them.
 *
 * @param config the type key's config object, sanitized (known fields only, no credentials)
 * @param s3BucketName for S3 sources, the bucket every job of the source lists
 * @param s3CollectionName for S3 sources, the collection a job without its own target lists
 */
public record Source(
    String id,
    String tenant,
    String databaseName,
    long createdAt,
    long version,
    SourceType type,
    JsonText config,
    String s3BucketName,
    String s3CollectionName,
    JsonText embeddingModel,
    JsonText embedding,
    JsonText chunking) {

  public Source {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(databaseName, "databaseName");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(config, "config");
  }

  /** What a job of this source takes from it; a change here re-shapes all its jobs. */
  public SourceFacts facts() {
    return new SourceFacts(id, tenant, databaseName, type, s3BucketName, s3CollectionName);
  }
}
