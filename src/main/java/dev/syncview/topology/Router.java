package dev.syncview.topology;

import dev.syncview.domain.DeadLetterReason;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * First step for every input topic: checks the record key and re-keys the record by the entity id
 * it names, so that the stage owning that id sees every version of it whichever partitioner the
 * producer used. A record too large to carry, or whose key names no entity, is dead-lettered here,
 * before anything is forwarded or stored.
 */
final class Router implements Processor<byte[], byte[], byte[], byte[]> {
  private final KeyRule rule;
  private final String op;
  private final String routeChild;
  private final String deadLetterChild;
  private final ProjectionEvents events;
  private final RecordLimits limits;
  private ProcessorContext<byte[], byte[]> context;

  Router(
      KeyRule rule,
      String op,
      String routeChild,
      String deadLetterChild,
      ProjectionEvents events,
      RecordLimits limits) {
    this.events = events;
    this.limits = limits;
    this.rule = rule;
    this.op = op;
    this.routeChild = routeChild;
    this.deadLetterChild = deadLetterChild;
  }

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> rec) {
    RecordMetadata m = context.recordMetadata().orElseThrow();
    events.received(m.topic());
    Origin origin =
        new Origin(m.topic(), m.partition(), m.offset(), rec.timestamp(), rec.key(), rec.value());
    if (!limits.carries(rec.key(), rec.value())) {
      context.forward(DeadLetters.of(origin, DeadLetterReason.TOO_LARGE), deadLetterChild);
      return;
    }
    String id = rule.normalize(rec.key());
    if (id == null) {
      context.forward(DeadLetters.of(origin, rule.reason), deadLetterChild);
      return;
    }
    context.forward(
        new Record<>(
            id.getBytes(StandardCharsets.UTF_8),
            origin.wireValue(),
            rec.timestamp(),
            origin.toHeaders(op)),
        routeChild);
  }
}
