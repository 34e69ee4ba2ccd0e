package dev.syncview.topology;

import dev.syncview.domain.DeadLetterReason;
import dev.syncview.domain.Job;
import dev.syncview.domain.JobItem;
import dev.syncview.domain.SourceFacts;
import dev.syncview.render.ItemJson;
import dev.syncview.rules.JobJoin;
import dev.syncview.rules.JoinOutcome;
import dev.syncview.rules.SnapshotRule.Held;
import dev.syncview.rules.SnapshotRule;
import dev.syncview.view.FactsValue;
import dev.syncview.view.JobCodec;
import dev.syncview.view.RowAttrs;
import dev.syncview.view.RowValue;
import dev.syncview.view.SourceValue;
import dev.syncview.view.ViewKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One partition of the view, per tenant: applies what the job gate sends (versions: a snapshot
 * not newer than the row is ignored) and joins each job with its source's facts, which every
 * partition keeps a copy of (SourceGate multicasts them). A job whose source has not arrived waits
 * in its row; a source's arrival, change or delete re-shapes, lists, refuses or hides the jobs that
 * follow it (their member entries, derived from the rows). Rows are the only logged writes of a
 * job change: index entries, counts and members follow them in the store (IndexingViewStore).
 */
final class TenantView implements Processor<byte[], byte[], byte[], byte[]> {
  static final String DEAD_LETTERS = Nodes.deadLetters(Nodes.TENANT_VIEW);
  /**
   * A terminal node every processed message reaches: Kafka Streams measures a record's end-to-end
   * latency (its timestamp, the input record's, to now) at terminal nodes, so this is where the
   * view's freshness shows in the metrics.
   */
  static final String APPLIED = Nodes.TENANT_VIEW + ".applied";
  private static final byte[] EMPTY = new byte[0];

  private ProcessorContext<byte[], byte[]> context;
  private KeyValueStore<Bytes, byte[]> view;

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    this.context = context;
    this.view = context.getStateStore(StoreNames.VIEW);
  }

  @Override
  public void process(Record<byte[], byte[]> rec) {
    if (rec.value()[0] < 10) {
      onJob(new String(rec.key(), StandardCharsets.UTF_8), GateMessage.decode(rec.value()));
    } else {
      onSource(rec.key(), SourceMessage.decode(rec.value()));
    }
    context.forward(rec, APPLIED);
  }

  private void onJob(String tenant, GateMessage message) {
    if (message instanceof GateMessage.Upsert u) {
      Bytes rowKey = Bytes.wrap(ViewKeys.row(tenant, u.job().id()));
      if (SnapshotRule.applies(held(row(rowKey)), u.job().version())) {
        view.put(rowKey, applied(tenant, u.job(), u.encodedJob(), u.origin()).encode());
      }
    } else if (message instanceof GateMessage.Candidate c) {
      if (SnapshotRule.applies(held(row(Bytes.wrap(ViewKeys.row(tenant, c.jobId())))), c.version())) {
        deadLetter(c.origin(), c.reason());
      }
    } else if (message instanceof GateMessage.Delete d) {
      Bytes rowKey = Bytes.wrap(ViewKeys.row(tenant, d.jobId()));
      RowValue row = row(rowKey);
      if (row == null || !row.deleted()) {
        view.put(rowKey, RowValue.only(RowValue.State.DELETED, 0).encode());
      }
    }
  }

  /** What a row holds, for the snapshot rule: the view is where a job's version is kept. */
  private static Held held(RowValue row) {
    if (row == null) {
      return SnapshotRule.NOTHING;
    }
    return row.deleted() ? SnapshotRule.DELETED : SnapshotRule.applied(row.version());
  }

  /** The row a newly accepted snapshot makes, given this partition's copy of its source. */
  private RowValue applied(String tenant, Job job, byte[] encodedJob, Origin origin) {
    if (job.sourceless()) {
      JobItem item = JobJoin.sourceless(job);
      markDatabase(tenant, item.metadata().databaseName());
      return listed(job, encodedJob, item);
    }
    FactsValue source = facts(job.sourceId());
    if (source == null) {
      return RowValue.waiting(job.version(), encodedJob, origin.encode(), job.sourceId());
    }
    if (source.deleted()) {
      return RowValue.only(RowValue.State.HIDDEN, job.version());
    }
    return joined(source.facts(), job, encodedJob, origin);
  }

  private RowValue joined(SourceFacts source, Job job, byte[] encodedJob, Origin origin) {
    JoinOutcome outcome = JobJoin.join(source, job);
    if (outcome instanceof JoinOutcome.Listed listed) {
      return listed(job, encodedJob, listed.item());
    }
    deadLetter(origin, ((JoinOutcome.Rejected) outcome).reason());
    return RowValue.only(RowValue.State.REJECTED, job.version());
  }

  private static RowValue listed(Job job, byte[] encodedJob, JobItem item) {
    return RowValue.listed(job.version(), RowAttrs.of(item), ItemJson.render(item), encodedJob);
  }

  private void onSource(byte[] key, SourceMessage message) {
    if (message instanceof SourceMessage.Facts f) {
      Bytes factsKey = Bytes.wrap(ViewKeys.facts(f.facts().id()));
      FactsValue current = facts(f.facts().id());
      if (SnapshotRule.applies(SourceGate.held(current), f.version())) {
        view.put(factsKey, new FactsValue(false, f.version(), f.facts()).encode());
        if (current == null || !current.facts().equals(f.facts())) {
          reshape(f.facts());
        }
      }
    } else if (message instanceof SourceMessage.Gone g) {
      FactsValue current = facts(g.sourceId());
      if (current == null || current.live()) {
        view.put(Bytes.wrap(ViewKeys.facts(g.sourceId())), FactsValue.deletedMarker().encode());
        hide(g.sourceId());
      }
    } else if (message instanceof SourceMessage.Served s) {
      String tenant = new String(key, StandardCharsets.UTF_8);
      markDatabase(tenant, s.databaseName());
      view.put(
          Bytes.wrap(ViewKeys.source(tenant, s.sourceId())),
          new SourceValue(s.databaseName(), s.type(), s.sourceJson()).encode());
    } else if (message instanceof SourceMessage.Unserved u) {
      view.delete(Bytes.wrap(ViewKeys.source(new String(key, StandardCharsets.UTF_8), u.sourceId())));
    }
  }

  /** Joins the source's waiting jobs, and renders its listed ones again with its new facts. */
  private void reshape(SourceFacts source) {
    for (byte[] rowKey : members(source.id())) {
      RowValue row = row(Bytes.wrap(rowKey));
      Job job = JobCodec.decode(row.job());
      RowValue next =
          row.live()
              ? listedIfStill(source, job, row)
              : joined(source, job, row.job(), Origin.decode(row.origin()));
      if (next != row) {
        view.put(Bytes.wrap(rowKey), next.encode());
      }
    }
  }

  /** A listed job stays listed with any later facts: tenant and type of a source never change. */
  private static RowValue listedIfStill(SourceFacts source, Job job, RowValue row) {
    JoinOutcome outcome = JobJoin.join(source, job);
    if (outcome instanceof JoinOutcome.Listed listed) {
      RowValue next = listed(job, row.job(), listed.item());
      return Arrays.equals(next.itemJson(), row.itemJson()) ? row : next;
    }
    throw new IllegalStateException("a listed job no longer joins its source: " + outcome);
  }

  private void hide(String sourceId) {
    for (byte[] rowKey : members(sourceId)) {
      RowValue row = row(Bytes.wrap(rowKey));
      view.put(Bytes.wrap(rowKey), RowValue.only(RowValue.State.HIDDEN, row.version()).encode());
    }
  }

  /** The row keys of the jobs following a source in this partition, read before any changes. */
  private List<byte[]> members(String sourceId) {
    List<byte[]> out = new ArrayList<>();
    byte[] prefix = ViewKeys.memberPrefix(sourceId);
    byte[] end = Arrays.copyOf(prefix, prefix.length + 1);
    end[prefix.length] = (byte) 0xFF;
    try (KeyValueIterator<Bytes, byte[]> it = view.range(Bytes.wrap(prefix), Bytes.wrap(end))) {
      it.forEachRemaining(kv -> out.add(ViewKeys.rowOfMember(kv.key.get())));
    }
    return out;
  }

  private void markDatabase(String tenant, String databaseName) {
    Bytes key = Bytes.wrap(ViewKeys.database(tenant, databaseName));
    if (view.get(key) == null) {
      view.put(key, EMPTY);
    }
  }

  private RowValue row(Bytes rowKey) {
    byte[] b = view.get(rowKey);
    return b == null ? null : RowValue.decode(b);
  }

  private FactsValue facts(String sourceId) {
    byte[] b = view.get(Bytes.wrap(ViewKeys.facts(sourceId)));
    return b == null ? null : FactsValue.decode(b);
  }

  private void deadLetter(Origin origin, DeadLetterReason reason) {
    context.forward(DeadLetters.of(origin, reason), DEAD_LETTERS);
  }
}
