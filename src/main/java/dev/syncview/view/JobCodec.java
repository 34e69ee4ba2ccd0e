package dev.syncview.view;

import dev.syncview.domain.GitRef;
import dev.syncview.domain.ItemMetadata;
import dev.syncview.domain.Job;
import dev.syncview.domain.JobStatus;
import dev.syncview.domain.JsonText;
import dev.syncview.domain.Kind;
import dev.syncview.domain.KindDetail;
import dev.syncview.domain.StatusKind;

/**
 * A parsed job in a compact binary form: the first stage parses a record's JSON once, and every
 * later stage and the view's rows read this instead. Field order is the record's; every string is
 * length-prefixed (null allowed). Persisted in the view's rows: change it only with the layout.
 */
public final class JobCodec {
  private JobCodec() {}

  public static byte[] encode(Job job) {
    Bin.Writer w = new Bin.Writer(256);
    write(w, job);
    return w.toByteArray();
  }

  public static Job decode(byte[] bytes) {
    return read(new Bin.Reader(bytes));
  }

  static void write(Bin.Writer w, Job j) {
    w.str(j.id()).str(j.tenant()).str(j.sourceId()).i64(j.createdAt()).i64(j.version());
    status(w, j.status());
    w.str(j.targetCollectionName());
    ref(w, j.ref());
    w.str(j.objectKey()).str(j.customId()).str(json(j.additionalMetadata()));
    ItemMetadata own = j.ownMetadata();
    w.bool(own != null);
    if (own != null) {
      detail(w, own.detail());
      w.str(own.databaseName()).str(own.collectionName());
    }
  }

  static Job read(Bin.Reader r) {
    String id = r.str();
    String tenant = r.str();
    String sourceId = r.str();
    long createdAt = r.i64();
    long version = r.i64();
    JobStatus status = status(r);
    String target = r.str();
    GitRef ref = ref(r);
    String objectKey = r.str();
    String customId = r.str();
    JsonText additional = json(r.str());
    ItemMetadata own = r.bool() ? new ItemMetadata(detail(r), r.str(), r.str()) : null;
    return new Job(id, tenant, sourceId, createdAt, version, status, target, ref, objectKey, customId, additional, own);
  }

  private static void status(Bin.Writer w, JobStatus s) {
    w.u8(s.kind().code());
    if (s instanceof JobStatus.Complete c) {
      w.i64(c.finishedAt()).i64(c.durationMs());
    } else if (s instanceof JobStatus.Failed f) {
      w.str(f.error());
    }
  }

  private static JobStatus status(Bin.Reader r) {
    return switch (StatusKind.fromCode((byte) r.u8())) {
      case PENDING -> new JobStatus.Pending();
      case PROCESSING -> new JobStatus.Processing();
      case CANCELLED -> new JobStatus.Cancelled();
      case COMPLETE -> new JobStatus.Complete(r.i64(), r.i64());
      case FAILED -> new JobStatus.Failed(r.str());
    };
  }

  private static void ref(Bin.Writer w, GitRef ref) {
    if (ref instanceof GitRef.Branch b) {
      w.u8(1).str(b.name());
    } else if (ref instanceof GitRef.Sha s) {
      w.u8(2).str(s.sha());
    } else {
      w.u8(0);
    }
  }

  private static GitRef ref(Bin.Reader r) {
    return switch (r.u8()) {
      case 1 -> new GitRef.Branch(r.str());
      case 2 -> new GitRef.Sha(r.str());
      default -> null;
    };
  }

  private static void detail(Bin.Writer w, KindDetail d) {
    w.u8(d.kind().code());
    if (d instanceof KindDetail.Github g) {
      ref(w, g.ref());
    } else if (d instanceof KindDetail.S3 s3) {
      w.str(s3.bucketName()).str(s3.objectKey()).str(s3.customId()).str(json(s3.additionalMetadata()));
    }
  }

  private static KindDetail detail(Bin.Reader r) {
    Kind kind = Kind.fromCode((byte) r.u8());
    return switch (kind) {
      case GITHUB -> new KindDetail.Github(ref(r));
      case S3 -> new KindDetail.S3(r.str(), r.str(), r.str(), json(r.str()));
      case WEB_SCRAPE, UNKNOWN -> new KindDetail.Unit(kind);
    };
  }

  private static String json(JsonText t) {
    return t == null ? null : t.json();
  }

  private static JsonText json(String s) {
    return s == null ? null : new JsonText(s);
  }
}
