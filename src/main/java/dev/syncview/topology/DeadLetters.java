package dev.syncview.topology;

import dev.syncview.domain.DeadLetterReason;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.processor.api.Record;

/** Builds the dead-letter record of events.md: original key, value and timestamp, four headers. */
final class DeadLetters {
  static final String REASON = "dlq.reason";
  static final String TOPIC = "dlq.topic";
  static final String PARTITION = "dlq.partition";
  static final String OFFSET = "dlq.offset";

  private DeadLetters() {}

  static Record<byte[], byte[]> of(Origin origin, DeadLetterReason reason) {
    Record<byte[], byte[]> out = new Record<>(origin.key(), origin.value(), origin.timestamp());
    out.headers()
        .add(REASON, utf8(reason.wireName()))
        .add(TOPIC, utf8(origin.topic()))
        .add(PARTITION, utf8(Integer.toString(origin.partition())))
        .add(OFFSET, utf8(Long.toString(origin.offset())));
    return out;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
