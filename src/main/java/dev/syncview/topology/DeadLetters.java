package dev.syncview.topology;

import dev.syncview.domain.DeadLetterReason;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;

/** Builds the dead-letter record of events.md: original key, value and timestamp, four headers. */
final class DeadLetters {
  static final String REASON = "dlq.reason";
  static final String TOPIC = "dlq.topic";
  static final String PARTITION = "dlq.partition";
  static final String OFFSET = "dlq.offset";

  private DeadLetters() {}

  static Record<byte[], byte[]> of(Origin origin, DeadLetterReason reason) {
    RecordHeaders h = new RecordHeaders();
    h.add(REASON, utf8(reason.wireName()));
    h.add(TOPIC, utf8(origin.topic()));
    h.add(PARTITION, utf8(Integer.toString(origin.partition())));
    h.add(OFFSET, utf8(Long.toString(origin.offset())));
    return new Record<>(origin.key(), origin.value(), origin.timestamp(), h);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
