package dev.syncview.topology;

import dev.syncview.domain.DeadLetterReason;
import dev.syncview.rules.KeyRule;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * First step for every input topic: counts the record, dead-letters one too large to carry or
 * whose key names no entity (before anything is forwarded or stored), and sends the rest to the
 * gate that owns the id it names, so that gate sees every version of it whichever partitioner the
 * producer used. A record already sitting on the partition its id hashes to (the producer used
 * the gate's partitioner, murmur2 on the id) goes to the gate directly, in this very task; only the
 * others take the by-id repartition topic.
 */
final class Router implements Processor<byte[], byte[], byte[], byte[]> {
  private final KeyRule rule;
  private final String inlineChild;
  private final String hopChild;
  private final String deadLetterChild;
  private final TopologySettings settings;
  private ProcessorContext<byte[], byte[]> context;

  /** @param inlineChild the gate in this task, or null when every record takes the hop */
  Router(KeyRule rule, String inlineChild, String hopChild, String deadLetterChild, TopologySettings settings) {
    this.rule = rule;
    this.inlineChild = inlineChild;
    this.hopChild = hopChild;
    this.deadLetterChild = deadLetterChild;
    this.settings = settings;
  }

  /**
   * The partition a keyed record of a repartition topic lands on: Kafka's default for keyed
   * records, murmur2 of the key. The inline path depends on matching it exactly.
   */
  static int partitionOf(byte[] key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key)) % partitions;
  }

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> rec) {
    RecordMetadata m = context.recordMetadata().orElseThrow();
    settings.events().received(m.topic());
    Origin origin = Origin.arrived(rec, m);
    if (!settings.limits().carries(rec.key(), rec.value())) {
      context.forward(DeadLetters.of(origin, DeadLetterReason.TOO_LARGE), deadLetterChild);
      return;
    }
    String id = rule.normalize(rec.key());
    if (id == null) {
      context.forward(DeadLetters.of(origin, rule.reason()), deadLetterChild);
      return;
    }
    byte[] key = id.getBytes(StandardCharsets.UTF_8);
    boolean home = inlineChild != null && partitionOf(key, settings.partitions()) == m.partition();
    context.forward(origin.routed(key), home ? inlineChild : hopChild);
  }
}
