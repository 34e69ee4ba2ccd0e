package dev.syncview.topology;

import dev.syncview.domain.Job;
import dev.syncview.domain.JobJoin;
import dev.syncview.domain.JoinOutcome;
import dev.syncview.domain.Source;
import dev.syncview.domain.SourceFacts;
import dev.syncview.ingest.Decoded;
import dev.syncview.ingest.JobParser;
import dev.syncview.ingest.SourceParser;
import dev.syncview.ingest.Uuids;
import dev.syncview.render.ItemJson;
import dev.syncview.render.SourceJson;
import dev.syncview.view.Bin;
import dev.syncview.view.RowAttrs;
import dev.syncview.view.ViewChange;
import dev.syncview.domain.DeadLetterReason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Per source id: applies rules 1-4 of events.md to sources and joins them with their jobs. A job
 * whose source has not arrived waits here; a source's arrival, change or delete re-shapes or hides
 * all its jobs; a job whose tenant or fields do not fit its source is dead-lettered when that is
 * found. Its output is changes to the tenant's view.
 */
final class SourceStage implements Processor<byte[], byte[], byte[], byte[]> {
  static final String TO_VIEW = Nodes.to(Nodes.SOURCE_STAGE, Nodes.CHANGES_BY_TENANT);
  static final String DEAD_LETTERS = Nodes.deadLetters(Nodes.SOURCE_STAGE);

  private ProcessorContext<byte[], byte[]> context;
  private KeyValueStore<Bytes, byte[]> sources;
  private KeyValueStore<Bytes, byte[]> jobs;
  private long timestamp;

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    this.context = context;
    this.sources = context.getStateStore(StoreNames.SOURCES);
    this.jobs = context.getStateStore(StoreNames.SOURCE_JOBS);
  }

  @Override
  public void process(Record<byte[], byte[]> rec) {
    timestamp = rec.timestamp();
    String sourceId = new String(rec.key(), StandardCharsets.UTF_8);
    switch (Origin.op(rec)) {
      case Ops.SOURCE -> onSource(sourceId, Origin.of(rec));
      case Ops.JOB_UPSERT -> onJob(sourceId, Origin.of(rec));
      case Ops.JOB_REMOVE -> {
        Bin.Reader r = new Bin.Reader(rec.value());
        onJobRemoved(sourceId, r.str(), r.i64());
      }
      default -> throw new IllegalStateException("unexpected op on source stage: " + Origin.op(rec));
    }
  }

  private void onSource(String sourceId, Origin origin) {
    SourceState state = sourceState(sourceId);
    if (state != null && state.deleted()) {
      return;
    }
    Decoded<Source> decoded =
        origin.value() == null
            ? new Decoded.Tombstone<>()
            : SourceParser.decode(sourceId, origin.value());
    if (decoded instanceof Decoded.Tombstone<Source>) {
      deleteSource(sourceId, state);
    } else if (decoded instanceof Decoded.Unreadable<Source> u) {
      deadLetter(origin, u.reason());
    } else if (decoded instanceof Decoded.Snapshot<Source> s) {
      boolean valid = s.body() instanceof Decoded.Valid<Source>;
      if (s.deleteMarker() && valid) {
        deleteSource(sourceId, state);
      } else if (state != null && s.version() <= state.version()) {
        return;
      } else if (s.body() instanceof Decoded.Invalid<Source> invalid) {
        deadLetter(origin, invalid.reason());
      } else {
        applySource(((Decoded.Valid<Source>) s.body()).value(), state, origin);
      }
    }
  }

  private void applySource(Source source, SourceState previous, Origin origin) {
    if (previous != null) {
      if (!previous.facts().tenant().equals(source.tenant())) {
        deadLetter(origin, DeadLetterReason.TENANT_MISMATCH);
        return;
      }
      if (previous.facts().type() != source.type()) {
        deadLetter(origin, DeadLetterReason.TYPE_KEYS);
        return;
      }
    }
    SourceFacts facts = source.facts();
    sources.put(key(source.id()), new SourceState(false, source.version(), facts).encode());
    toView(
        source.tenant(),
        new ViewChange.SourceUpsert(
            source.id(), source.databaseName(), source.type(), SourceJson.render(source)));
    if (previous == null || !previous.facts().equals(facts)) {
      reshapeJobs(facts);
    }
  }

  /** Lists (again) every job of a source that just arrived or changed what its jobs show. */
  private void reshapeJobs(SourceFacts facts) {
    for (KeyValue<Bytes, byte[]> entry : jobsOf(facts.id())) {
      StoredJob stored = StoredJob.decode(entry.value);
      Job job = parse(stored.origin());
      JoinOutcome outcome = JobJoin.join(facts, job);
      if (outcome instanceof JoinOutcome.Listed listed) {
        if (!stored.listed()) {
          jobs.put(entry.key, stored.asListed().encode());
        }
        upsertRow(facts, job, listed);
      } else {
        // Only a waiting job can be rejected here: tenant and type never change once accepted.
        deadLetter(stored.origin(), ((JoinOutcome.Rejected) outcome).reason());
        jobs.delete(entry.key);
      }
    }
  }

  private void deleteSource(String sourceId, SourceState state) {
    for (KeyValue<Bytes, byte[]> entry : jobsOf(sourceId)) {
      StoredJob stored = StoredJob.decode(entry.value);
      if (stored.listed()) {
        String jobId = Uuids.fromBytes(entry.key.get(), 16);
        toView(state.facts().tenant(), new ViewChange.RowRemove(jobId, stored.version(), sourceId));
      }
      jobs.delete(entry.key);
    }
    if (state != null && state.live()) {
      toView(state.facts().tenant(), new ViewChange.SourceRemove(sourceId));
    }
    sources.put(key(sourceId), SourceState.deletedMarker().encode());
  }

  private void onJob(String sourceId, Origin origin) {
    SourceState source = sourceState(sourceId);
    if (source != null && source.deleted()) {
      return;
    }
    Job job = parse(origin);
    Bytes entryKey = jobKey(sourceId, job.id());
    if (source == null) {
      jobs.put(entryKey, new StoredJob(false, job.version(), origin).encode());
      return;
    }
    JoinOutcome outcome = JobJoin.join(source.facts(), job);
    if (outcome instanceof JoinOutcome.Listed listed) {
      jobs.put(entryKey, new StoredJob(true, job.version(), origin).encode());
      upsertRow(source.facts(), job, listed);
    } else {
      deadLetter(origin, ((JoinOutcome.Rejected) outcome).reason());
      byte[] old = jobs.get(entryKey);
      if (old != null && StoredJob.decode(old).listed()) {
        toView(source.facts().tenant(), new ViewChange.RowRemove(job.id(), job.version(), sourceId));
      }
      jobs.delete(entryKey);
    }
  }

  private void onJobRemoved(String sourceId, String jobId, long version) {
    Bytes entryKey = jobKey(sourceId, jobId);
    byte[] old = jobs.get(entryKey);
    if (old == null) {
      return;
    }
    jobs.delete(entryKey);
    SourceState source = sourceState(sourceId);
    if (StoredJob.decode(old).listed() && source != null && source.live()) {
      toView(source.facts().tenant(), new ViewChange.RowRemove(jobId, version, sourceId));
    }
  }

  private void upsertRow(SourceFacts source, Job job, JoinOutcome.Listed listed) {
    toView(
        source.tenant(),
        new ViewChange.RowUpsert(
            job.version(),
            source.id(),
            RowAttrs.of(listed.item()),
            ItemJson.render(listed.item())));
  }

  /** A stored job passed the job gate's checks, so it always parses. */
  private static Job parse(Origin origin) {
    Decoded<Job> decoded =
        JobParser.decode(Uuids.normalize(jobIdOf(origin)), origin.value());
    if (decoded instanceof Decoded.Snapshot<Job> s && s.body() instanceof Decoded.Valid<Job> v) {
      return v.value();
    }
    throw new IllegalStateException("a job accepted by the gate no longer parses: " + decoded);
  }

  private static String jobIdOf(Origin origin) {
    return new String(origin.key(), StandardCharsets.UTF_8);
  }

  private List<KeyValue<Bytes, byte[]>> jobsOf(String sourceId) {
    byte[] from = Arrays.copyOf(Uuids.toBytes(sourceId), 32);
    byte[] to = Arrays.copyOf(from, 32);
    Arrays.fill(to, 16, 32, (byte) 0xFF);
    List<KeyValue<Bytes, byte[]>> out = new ArrayList<>();
    try (KeyValueIterator<Bytes, byte[]> it = jobs.range(Bytes.wrap(from), Bytes.wrap(to))) {
      it.forEachRemaining(out::add);
    }
    return out;
  }

  private SourceState sourceState(String sourceId) {
    byte[] b = sources.get(key(sourceId));
    return b == null ? null : SourceState.decode(b);
  }

  private static Bytes key(String sourceId) {
    return Bytes.wrap(Uuids.toBytes(sourceId));
  }

  private static Bytes jobKey(String sourceId, String jobId) {
    byte[] k = Arrays.copyOf(Uuids.toBytes(sourceId), 32);
    System.arraycopy(Uuids.toBytes(jobId), 0, k, 16, 16);
    return Bytes.wrap(k);
  }

  private void deadLetter(Origin origin, DeadLetterReason reason) {
    context.forward(DeadLetters.of(origin, reason), DEAD_LETTERS);
  }

  private void toView(String tenant, ViewChange change) {
    context.forward(
        new Record<>(tenant.getBytes(StandardCharsets.UTF_8), change.encode(), timestamp),
        TO_VIEW);
  }
}
