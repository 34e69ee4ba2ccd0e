package dev.syncview.topology;

import dev.syncview.domain.DeadLetterReason;
import dev.syncview.domain.Source;
import dev.syncview.ingest.Decoded;
import dev.syncview.ingest.SourceParser;
import dev.syncview.render.SourceJson;
import dev.syncview.rules.SnapshotRule.Held;
import dev.syncview.rules.SnapshotRule.Verdict;
import dev.syncview.rules.SnapshotRule;
import dev.syncview.view.FactsValue;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Per source id: applies rules 1, 2, 4 and 5 of events.md to sources (versions, final deletes,
 * immutable tenant and type key, dead letters), parsing each record once. An applied change goes
 * to the view partitions as {@link SourceMessage}s: facts and deletes to all of them (their jobs
 * may be anywhere), the served Source object to its tenant's.
 */
final class SourceGate implements Processor<byte[], byte[], byte[], byte[]> {
  static final String TO_VIEW = Nodes.to(Nodes.SOURCE_GATE, Nodes.SOURCE_CHANGES);
  static final String DEAD_LETTERS = Nodes.deadLetters(Nodes.SOURCE_GATE);

  private ProcessorContext<byte[], byte[]> context;
  private KeyValueStore<Bytes, byte[]> sources;
  private long timestamp;

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    this.context = context;
    this.sources = context.getStateStore(StoreNames.SOURCE_GATE);
  }

  @Override
  public void process(Record<byte[], byte[]> rec) {
    timestamp = rec.timestamp();
    String sourceId = new String(rec.key(), StandardCharsets.UTF_8);
    Bytes key = Bytes.wrap(rec.key());
    byte[] stored = sources.get(key);
    FactsValue state = stored == null ? null : FactsValue.decode(stored);
    Origin origin = Origin.of(rec);
    Decoded<Source> decoded =
        origin.value() == null ? new Decoded.Tombstone<>() : SourceParser.decode(sourceId, origin.value());
    Verdict<Source> verdict = SnapshotRule.judge(held(state), decoded);
    if (verdict instanceof Verdict.Delete<Source>) {
      delete(sourceId, key, state);
    } else if (verdict instanceof Verdict.DeadLetter<Source> d) {
      deadLetter(origin, d.reason());
    } else if (verdict instanceof Verdict.Apply<Source> a) {
      apply(a.value(), key, state, origin);
    }
  }

  static Held held(FactsValue state) {
    if (state == null) {
      return SnapshotRule.NOTHING;
    }
    return state.deleted() ? SnapshotRule.DELETED : SnapshotRule.applied(state.version());
  }

  private void apply(Source source, Bytes key, FactsValue previous, Origin origin) {
    if (previous != null && !previous.facts().tenant().equals(source.tenant())) {
      deadLetter(origin, DeadLetterReason.TENANT_MISMATCH);
      return;
    }
    if (previous != null && previous.facts().type() != source.type()) {
      deadLetter(origin, DeadLetterReason.TYPE_KEYS);
      return;
    }
    sources.put(key, new FactsValue(false, source.version(), source.facts()).encode());
    if (previous == null || !previous.facts().equals(source.facts())) {
      send(source.id(), new SourceMessage.Facts(source.version(), source.facts()));
    }
    send(source.tenant(),
        new SourceMessage.Served(source.id(), source.databaseName(), source.type(), SourceJson.render(source)));
  }

  /** A delete, even of a source never seen: jobs waiting for it anywhere are hidden for good. */
  private void delete(String sourceId, Bytes key, FactsValue state) {
    sources.put(key, FactsValue.deletedMarker().encode());
    send(sourceId, new SourceMessage.Gone(sourceId));
    if (state != null) {
      send(state.facts().tenant(), new SourceMessage.Unserved(sourceId));
    }
  }

  private void send(String key, SourceMessage message) {
    context.forward(new Record<>(key.getBytes(StandardCharsets.UTF_8), message.encode(), timestamp), TO_VIEW);
  }

  private void deadLetter(Origin origin, DeadLetterReason reason) {
    context.forward(DeadLetters.of(origin, reason), DEAD_LETTERS);
  }
}
