package dev.syncview.domain;

import java.util.Objects;

/**
 * An accepted job snapshot. Kind-specific fields are optional here: which ones a job needs is known
 * only once its source is (see {@code rules.JobJoin}).
 *
 * @param sourceId the job's source, or null for a source-less job
 * @param ownMetadata the metadata a source-less job carries itself; null when it has a source
 */
public record Job(
    String id,
    String tenant,
    String sourceId,
    long createdAt,
    long version,
    JobStatus status,
    String targetCollectionName,
    GitRef ref,
    String objectKey,
    String customId,
    JsonText additionalMetadata,
    ItemMetadata ownMetadata) {

  public Job {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(status, "status");
    if ((sourceId == null) == (ownMetadata == null)) {
      throw new IllegalArgumentException("a job has either a source or its own metadata");
    }
  }

  public boolean sourceless() {
    return sourceId == null;
  }
}
