package dev.syncview.rules;

import dev.syncview.domain.DeadLetterReason;
import dev.syncview.domain.ItemMetadata;
import dev.syncview.domain.Job;
import dev.syncview.domain.JobItem;
import dev.syncview.domain.Kind;
import dev.syncview.domain.KindDetail;
import dev.syncview.domain.SourceFacts;

/** The rules of events.md that need both a job and its source. Pure: no state, no I/O. */
public final class JobJoin {

  private JobJoin() {}

  public static JoinOutcome join(SourceFacts source, Job job) {
    if (!source.tenant().equals(job.tenant())) {
      return new JoinOutcome.Rejected(
          DeadLetterReason.TENANT_MISMATCH, "job tenant differs from its source's tenant");
    }
    return switch (source.type()) {
      case GITHUB -> github(source, job);
      case WEB_SCRAPE -> unit(source, job, Kind.WEB_SCRAPE);
      case FILE_UPLOAD -> unit(source, job, Kind.UNKNOWN);
      case S3 -> s3(source, job);
    };
  }

  /** A source-less job lists the metadata it carries. */
  public static JobItem sourceless(Job job) {
    return new JobItem(job.id(), job.status(), job.ownMetadata(), null, job.createdAt());
  }

  private static JoinOutcome github(SourceFacts source, Job job) {
    if (job.ref() == null) {
      return missing("ref_identifier");
    }
    if (job.targetCollectionName() == null) {
      return missing("target_collection_name");
    }
    return listed(source, job, new KindDetail.Github(job.ref()), job.targetCollectionName());
  }

  private static JoinOutcome unit(SourceFacts source, Job job, Kind kind) {
    if (job.targetCollectionName() == null) {
      return missing("target_collection_name");
    }
    return listed(source, job, new KindDetail.Unit(kind), job.targetCollectionName());
  }

  private static JoinOutcome s3(SourceFacts source, Job job) {
    String collection =
        job.targetCollectionName() != null
            ? job.targetCollectionName()
            : source.s3CollectionName();
    KindDetail detail =
        new KindDetail.S3(
            source.s3BucketName(), job.objectKey(), job.customId(), job.additionalMetadata());
    return listed(source, job, detail, collection);
  }

  private static JoinOutcome listed(
      SourceFacts source, Job job, KindDetail detail, String collection) {
    ItemMetadata metadata = new ItemMetadata(detail, source.databaseName(), collection);
    return new JoinOutcome.Listed(
        new JobItem(job.id(), job.status(), metadata, source.id(), job.createdAt()));
  }

  private static JoinOutcome missing(String field) {
    return new JoinOutcome.Rejected(
        DeadLetterReason.MISSING_FIELD, "a job of this source's kind needs " + field);
  }
}
