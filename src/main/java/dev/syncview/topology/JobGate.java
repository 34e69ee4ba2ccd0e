package dev.syncview.topology;

import dev.syncview.domain.Job;
import dev.syncview.domain.JobItem;
import dev.syncview.domain.JobJoin;
import dev.syncview.ingest.Decoded;
import dev.syncview.ingest.JobParser;
import dev.syncview.render.ItemJson;
import dev.syncview.view.Bin;
import dev.syncview.view.RowAttrs;
import dev.syncview.view.ViewChange;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies rules 1 and 2 of events.md to jobs, per job id: stale and duplicate versions are ignored,
 * deletes are final, invalid snapshots are dead-lettered. An accepted job is handed to its source's
 * stage, or, without a source, listed directly; when a job changes owner the old one is told.
 */
final class JobGate implements Processor<byte[], byte[], byte[], byte[]> {
  static final String TO_SOURCES = Nodes.to(Nodes.JOB_GATE, Nodes.JOBS_BY_SOURCE);
  static final String TO_VIEW = Nodes.to(Nodes.JOB_GATE, Nodes.SOURCELESS_BY_TENANT);
  static final String DEAD_LETTERS = Nodes.deadLetters(Nodes.JOB_GATE);

  private ProcessorContext<byte[], byte[]> context;
  private KeyValueStore<Bytes, byte[]> gate;
  /** The timestamp of the record being processed, given to everything it causes. */
  private long timestamp;

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    this.context = context;
    this.gate = context.getStateStore(StoreNames.JOB_GATE);
  }

  @Override
  public void process(Record<byte[], byte[]> rec) {
    timestamp = rec.timestamp();
    String jobId = new String(rec.key(), StandardCharsets.UTF_8);
    Bytes key = Bytes.wrap(rec.key());
    byte[] stored = gate.get(key);
    JobGateState state = stored == null ? null : JobGateState.decode(stored);
    if (state != null && state.deleted()) {
      return;
    }
    Origin origin = Origin.of(rec);
    Decoded<Job> decoded =
        origin.value() == null ? new Decoded.Tombstone<>() : JobParser.decode(jobId, origin.value());
    if (decoded instanceof Decoded.Tombstone<Job>) {
      delete(jobId, key, state);
    } else if (decoded instanceof Decoded.Unreadable<Job> u) {
      context.forward(DeadLetters.of(origin, u.reason()), DEAD_LETTERS);
    } else if (decoded instanceof Decoded.Snapshot<Job> s) {
      if (s.deleteMarker() && s.body() instanceof Decoded.Valid<Job>) {
        delete(jobId, key, state);
        return;
      }
      if (state != null && s.version() <= state.version()) {
        return;
      }
      if (s.body() instanceof Decoded.Invalid<Job> invalid) {
        context.forward(DeadLetters.of(origin, invalid.reason()), DEAD_LETTERS);
      } else {
        apply(((Decoded.Valid<Job>) s.body()).value(), key, state, origin);
      }
    }
  }

  private void apply(Job job, Bytes key, JobGateState previous, Origin origin) {
    if (previous != null && leftOwner(previous, job)) {
      detach(job.id(), previous, job.version());
    }
    if (job.sourceless()) {
      JobItem item = JobJoin.sourceless(job);
      toView(
          job.tenant(),
          new ViewChange.RowUpsert(job.version(), null, RowAttrs.of(item), ItemJson.render(item)));
    } else {
      context.forward(
          new Record<>(
              job.sourceId().getBytes(StandardCharsets.UTF_8),
              origin.wireValue(),
              origin.timestamp(),
              origin.toHeaders(Ops.JOB_UPSERT)),
          TO_SOURCES);
    }
    gate.put(key, new JobGateState(false, job.version(), job.sourceId(), job.tenant()).encode());
  }

  /** Whether the job's listing moves away from where the previous version listed it. */
  private static boolean leftOwner(JobGateState previous, Job job) {
    return !Objects.equals(previous.sourceId(), job.sourceId())
        || (job.sourceless() && !previous.tenant().equals(job.tenant()));
  }

  private void delete(String jobId, Bytes key, JobGateState state) {
    if (state != null) {
      detach(jobId, state, state.version());
    }
    gate.put(key, JobGateState.deletedMarker().encode());
  }

  /** Takes the job away from its current owner as of {@code version}. */
  private void detach(String jobId, JobGateState owner, long version) {
    if (owner.sourceId() == null) {
      toView(owner.tenant(), new ViewChange.RowRemove(jobId, version, null));
      return;
    }
    RecordHeaders h = new RecordHeaders();
    h.add(Origin.OP, Ops.JOB_REMOVE.getBytes(StandardCharsets.UTF_8));
    byte[] value = new Bin.Writer(48).str(jobId).i64(version).toByteArray();
    context.forward(
        new Record<>(
            owner.sourceId().getBytes(StandardCharsets.UTF_8), value, timestamp, h),
        TO_SOURCES);
  }

  private void toView(String tenant, ViewChange change) {
    context.forward(
        new Record<>(
            tenant.getBytes(StandardCharsets.UTF_8),
            change.encode(),
            timestamp),
        TO_VIEW);
  }
}
