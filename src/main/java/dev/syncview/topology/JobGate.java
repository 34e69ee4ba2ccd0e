package dev.syncview.topology;

import dev.syncview.domain.DeadLetterReason;
import dev.syncview.domain.Job;
import dev.syncview.ingest.Decoded;
import dev.syncview.ingest.JobParser;
import dev.syncview.rules.SnapshotRule.Held;
import dev.syncview.rules.SnapshotRule.Verdict;
import dev.syncview.rules.SnapshotRule;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Per job id: parses each job record once and sends it, in compact form, to the view partition of
 * the tenant the job belongs to. The tenant a job's first accepted snapshot names is its tenant
 * for good ({@link Claim}): a later snapshot naming another is sent there as a {@code
 * tenant-mismatch} candidate, so the view judges it stale or not against the applied version.
 * Records that need no state are judged here: a value whose version cannot be read is
 * dead-lettered, and so is an invalid snapshot of a job never accepted (nothing applied: it cannot
 * be stale). Deletes are final.
 */
final class JobGate implements Processor<byte[], byte[], byte[], byte[]> {
  static final String TO_TENANT = Nodes.to(Nodes.JOB_GATE, Nodes.JOBS_BY_TENANT);
  static final String DEAD_LETTERS = Nodes.deadLetters(Nodes.JOB_GATE);

  private ProcessorContext<byte[], byte[]> context;
  private KeyValueStore<Bytes, byte[]> claims;

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    this.context = context;
    this.claims = context.getStateStore(StoreNames.JOB_CLAIMS);
  }

  @Override
  public void process(Record<byte[], byte[]> rec) {
    String jobId = new String(rec.key(), StandardCharsets.UTF_8);
    Bytes key = Bytes.wrap(rec.key());
    byte[] stored = claims.get(key);
    Claim claim = stored == null ? null : Claim.decode(stored);
    Origin origin = Origin.of(rec);
    Verdict<Job> verdict = SnapshotRule.judge(held(claim), decode(jobId, origin));
    if (verdict instanceof Verdict.Delete<Job>) {
      delete(jobId, key, claim, origin);
    } else if (verdict instanceof Verdict.DeadLetter<Job> d) {
      context.forward(DeadLetters.of(origin, d.reason()), DEAD_LETTERS);
    } else if (verdict instanceof Verdict.Refuse<Job> r) {
      candidate(claim, jobId, r.version(), r.reason(), origin);
    } else if (verdict instanceof Verdict.Apply<Job> a) {
      valid(a.value(), key, claim, origin);
    }
  }

  /** Versions live in the view's rows: the gate knows a job's tenant, the view judges staleness. */
  private static Held held(Claim claim) {
    if (claim == null) {
      return SnapshotRule.NOTHING;
    }
    return claim.deleted() ? SnapshotRule.DELETED : SnapshotRule.ELSEWHERE;
  }

  private static Decoded<Job> decode(String jobId, Origin origin) {
    return origin.value() == null ? new Decoded.Tombstone<>() : JobParser.decode(jobId, origin.value());
  }

  private void valid(Job job, Bytes key, Claim claim, Origin origin) {
    if (claim == null) {
      claims.put(key, new Claim(false, job.tenant()).encode());
    } else if (!claim.tenant().equals(job.tenant())) {
      candidate(claim, job.id(), job.version(), DeadLetterReason.TENANT_MISMATCH, origin);
      return;
    }
    // a job with a source may still be refused by it, and then dead-lettered as it came
    toTenant(job.tenant(), new GateMessage.Upsert(job, job.sourceless() ? null : origin), origin);
  }

  private void delete(String jobId, Bytes key, Claim claim, Origin origin) {
    claims.put(key, Claim.DELETED.encode());
    if (claim != null) {
      toTenant(claim.tenant(), new GateMessage.Delete(jobId), origin);
    }
  }

  /** A snapshot the claimed tenant's view dead-letters unless it is stale there. */
  private void candidate(Claim claim, String jobId, long version, DeadLetterReason reason, Origin origin) {
    toTenant(claim.tenant(), new GateMessage.Candidate(jobId, version, reason, origin), origin);
  }

  private void toTenant(String tenant, GateMessage message, Origin origin) {
    context.forward(
        new Record<>(tenant.getBytes(StandardCharsets.UTF_8), message.encode(), origin.timestamp()),
        TO_TENANT);
  }
}
