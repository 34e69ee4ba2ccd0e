package dev.syncview.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Reports each dead letter (its origin topic and reason headers) on its way to the sink. */
final class DeadLetterTap implements Processor<byte[], byte[], byte[], byte[]> {
  private final ProjectionEvents events;
  private ProcessorContext<byte[], byte[]> context;

  DeadLetterTap(ProjectionEvents events) {
    this.events = events;
  }

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> rec) {
    events.deadLettered(header(rec, DeadLetters.TOPIC), header(rec, DeadLetters.REASON));
    context.forward(rec);
  }

  private static String header(Record<byte[], byte[]> rec, String name) {
    Header h = rec.headers().lastHeader(name);
    return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
  }
}
