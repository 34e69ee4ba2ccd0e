package dev.syncview.topology;

import dev.syncview.view.Bin;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Where an input record came from, carried in headers through the repartition topics so that any
 * later stage can dead-letter it byte for byte with its original coordinates.
 *
 * @param key the original key bytes (may be null)
 * @param value the original value bytes (null for a tombstone)
 */
public record Origin(
    String topic, int partition, long offset, long timestamp, byte[] key, byte[] value) {

  static final String TOPIC = "sv.topic";
  static final String PARTITION = "sv.partition";
  static final String OFFSET = "sv.offset";
  static final String KEY = "sv.key";
  static final String TOMBSTONE = "sv.tombstone";
  static final String OP = "sv.op";

  /** Headers for a routed record: the coordinates, the original key, and an operation tag. */
  static Headers headers(String topic, int partition, long offset, byte[] key, boolean tombstone, String op) {
    RecordHeaders h = new RecordHeaders();
    h.add(TOPIC, topic.getBytes(StandardCharsets.UTF_8));
    h.add(PARTITION, ByteBuffer.allocate(4).putInt(partition).array());
    h.add(OFFSET, ByteBuffer.allocate(8).putLong(offset).array());
    if (key != null) {
      h.add(KEY, key);
    }
    if (tombstone) {
      h.add(TOMBSTONE, new byte[] {1});
    }
    h.add(OP, op.getBytes(StandardCharsets.UTF_8));
    return h;
  }

  /** The origin of a routed record; its value is the original value (null for a tombstone). */
  static Origin of(Record<byte[], byte[]> rec) {
    Headers h = rec.headers();
    return new Origin(
        new String(h.lastHeader(TOPIC).value(), StandardCharsets.UTF_8),
        ByteBuffer.wrap(h.lastHeader(PARTITION).value()).getInt(),
        ByteBuffer.wrap(h.lastHeader(OFFSET).value()).getLong(),
        rec.timestamp(),
        value(h, KEY),
        h.lastHeader(TOMBSTONE) != null ? null : rec.value());
  }

  static String op(Record<byte[], byte[]> rec) {
    Header op = rec.headers().lastHeader(OP);
    return op == null ? "" : new String(op.value(), StandardCharsets.UTF_8);
  }

  /** Headers that let a later stage rebuild this origin. */
  Headers toHeaders(String op) {
    return headers(topic, partition, offset, key, value == null, op);
  }

  /** Stores the origin inside a state value (see StoredJob, KeyState). */
  void write(Bin.Writer w) {
    w.str(topic).i32(partition).i64(offset).i64(timestamp).bytes(key).bytes(value);
  }

  static Origin read(Bin.Reader r) {
    return new Origin(r.str(), r.i32(), r.i64(), r.i64(), r.bytes(), r.bytes());
  }

  /** The value to send through a repartition topic: tombstones travel as empty values. */
  byte[] wireValue() {
    return value == null ? new byte[0] : value;
  }

  private static byte[] value(Headers h, String name) {
    Header header = h.lastHeader(name);
    return header == null ? null : header.value();
  }
}
