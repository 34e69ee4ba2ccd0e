package dev.syncview.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * First step for every input topic: checks the record key and re-keys the record by the entity id
 * it names, so that the stage owning that id sees every version of it whichever partitioner the
 * producer used. A key that names no entity is dead-lettered here.
 */
final class Router implements Processor<byte[], byte[], byte[], byte[]> {
  private final KeyRule rule;
  private final String op;
  private final String routeChild;
  private final String deadLetterChild;
  private final ProjectionEvents events;
  private ProcessorContext<byte[], byte[]> context;

  Router(
      KeyRule rule, String op, String routeChild, String deadLetterChild, ProjectionEvents events) {
    this.events = events;
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
