package dev.syncview.topology;

import dev.syncview.domain.DeadLetterReason;
import dev.syncview.domain.Job;
import dev.syncview.view.Bin;
import dev.syncview.view.JobCodec;

/**
 * What the job gate tells the tenant's view partition about one job record, keyed by tenant. The
 * gate has parsed the record already: the view never parses JSON. The original record travels only
 * where the view may still have to dead-letter it.
 */
sealed interface GateMessage {

  byte[] encode();

  /**
   * A snapshot that passed every check needing no state.
   *
   * @param encodedJob the job in JobCodec form, as it travels and as the view's row keeps it
   * @param origin the original record, for a job with a source (which may refuse it); else null
   */
  record Upsert(Job job, byte[] encodedJob, Origin origin) implements GateMessage {
    Upsert(Job job, Origin origin) {
      this(job, JobCodec.encode(job), origin);
    }

    public byte[] encode() {
      Bin.Writer w = new Bin.Writer(512).u8(1);
      w.bytes(encodedJob).bool(origin != null);
      if (origin != null) {
        origin.write(w);
      }
      return w.toByteArray();
    }
  }

  /**
   * A snapshot to dead-letter with {@code reason} unless the view has applied {@code version} or
   * a newer one (then it is stale, and ignored) or deleted the job.
   */
  record Candidate(String jobId, long version, DeadLetterReason reason, Origin origin) implements GateMessage {
    public byte[] encode() {
      Bin.Writer w = new Bin.Writer(256).u8(2).str(jobId).i64(version).u8(reason.ordinal());
      origin.write(w);
      return w.toByteArray();
    }
  }

  /** The job is deleted for good. */
  record Delete(String jobId) implements GateMessage {
    public byte[] encode() {
      return new Bin.Writer(48).u8(3).str(jobId).toByteArray();
    }
  }

  static GateMessage decode(byte[] bytes) {
    Bin.Reader r = new Bin.Reader(bytes);
    int type = r.u8();
    return switch (type) {
      case 1 -> {
        byte[] encodedJob = r.bytes();
        yield new Upsert(JobCodec.decode(encodedJob), encodedJob, r.bool() ? Origin.read(r) : null);
      }
      case 2 -> new Candidate(r.str(), r.i64(), DeadLetterReason.values()[r.u8()], Origin.read(r));
      case 3 -> new Delete(r.str());
      default -> throw new IllegalArgumentException("unknown gate message type " + type);
    };
  }
}
