package dev.syncview.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports each dead letter (its origin topic and reason headers) on its way to the sink. A dead
 * letter the dead-letter topic cannot take is not sent (the producer or the broker would refuse
 * it, and under exactly-once a refused send fails the whole transaction): it is counted and
 * logged with its coordinates, and the projection goes on (events.md rule 5).
 */
final class DeadLetterTap implements Processor<byte[], byte[], byte[], byte[]> {
  private static final Logger log = LoggerFactory.getLogger(DeadLetterTap.class);
  private final ProjectionEvents events;
  private final RecordLimits limits;
  private ProcessorContext<byte[], byte[]> context;

  DeadLetterTap(ProjectionEvents events, RecordLimits limits) {
    this.events = events;
    this.limits = limits;
  }

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> rec) {
    String topic = header(rec, DeadLetters.TOPIC);
    String reason = header(rec, DeadLetters.REASON);
    long size = size(rec);
    if (size > limits.maxDeadLetterBytes()) {
      events.deadLetterSkipped(topic, reason);
      log.warn(
          "dead letter of {}-{}@{} ({}) skipped: {} bytes, more than the dead-letter topic takes ({})",
          topic,
          header(rec, DeadLetters.PARTITION),
          header(rec, DeadLetters.OFFSET),
          reason,
          size,
          limits.maxDeadLetterBytes());
      return;
    }
    events.deadLettered(topic, reason);
    context.forward(rec);
  }

  /** Key, value and headers: what the producer's size estimate adds to a record's framing. */
  private static long size(Record<byte[], byte[]> rec) {
    long size = (rec.key() == null ? 0 : rec.key().length) + (rec.value() == null ? 0 : rec.value().length);
    for (Header h : rec.headers()) {
      size += h.key().length() + (h.value() == null ? 0 : h.value().length) + 8;
    }
    return size;
  }

  private static String header(Record<byte[], byte[]> rec, String name) {
    Header h = rec.headers().lastHeader(name);
    return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
  }
}
