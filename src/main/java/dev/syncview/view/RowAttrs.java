package dev.syncview.view;

import dev.syncview.domain.JobItem;
import dev.syncview.domain.Kind;
import dev.syncview.domain.KindDetail;
import dev.syncview.domain.StatusKind;

/**
 * What the listing indexes of one listed job are built from.
 *
 * @param sourceId null for a source-less job
 * @param objectKey the S3 object key, or null (only S3 jobs with a key have one)
 */
public record RowAttrs(
    String jobId,
    long createdAt,
    String databaseName,
    Kind kind,
    StatusKind status,
    String sourceId,
    String objectKey) {

  public static RowAttrs of(JobItem item) {
    String objectKey =
        item.metadata().detail() instanceof KindDetail.S3 s3 ? s3.objectKey() : null;
    return new RowAttrs(
        item.id(),
        item.createdAt(),
        item.metadata().databaseName(),
        item.metadata().kind(),
        item.status().kind(),
        item.sourceId(),
        objectKey);
  }

  void write(Bin.Writer w) {
    w.str(jobId).i64(createdAt).str(databaseName).u8(kind.code()).u8(status.code());
    w.str(sourceId).str(objectKey);
  }

  static RowAttrs read(Bin.Reader r) {
    return new RowAttrs(
        r.str(),
        r.i64(),
        r.str(),
        Kind.fromCode((byte) r.u8()),
        StatusKind.fromCode((byte) r.u8()),
        r.str(),
        r.str());
  }
}
