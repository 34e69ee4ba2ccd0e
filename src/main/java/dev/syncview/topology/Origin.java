package dev.syncview.topology;

import dev.syncview.view.Bin;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Where an input record came from, carried in headers to the gate that owns its id (and inside
 * messages and rows where a later stage may still dead-letter it), so that its dead letter has the
 * original key, value, timestamp and coordinates.
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

  /** The origin of a record read from an input topic. */
  static Origin arrived(Record<byte[], byte[]> rec, RecordMetadata m) {
    return new Origin(m.topic(), m.partition(), m.offset(), rec.timestamp(), rec.key(), rec.value());
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

  /** The record routed to its id's gate: keyed by the id, the original value, these headers. */
  Record<byte[], byte[]> routed(byte[] id) {
    // tombstones travel as empty values: a null value in a repartition topic would be dropped
    Record<byte[], byte[]> out = new Record<>(id, value == null ? new byte[0] : value, timestamp);
    Headers h = out.headers();
    h.add(TOPIC, topic.getBytes(StandardCharsets.UTF_8));
    h.add(PARTITION, ByteBuffer.allocate(4).putInt(partition).array());
    h.add(OFFSET, ByteBuffer.allocate(8).putLong(offset).array());
    if (key != null) {
      h.add(KEY, key);
    }
    if (value == null) {
      h.add(TOMBSTONE, new byte[] {1});
    }
    return out;
  }

  void write(Bin.Writer w) {
    w.str(topic).i32(partition).i64(offset).i64(timestamp).bytes(key).bytes(value);
  }

  static Origin read(Bin.Reader r) {
    return new Origin(r.str(), r.i32(), r.i64(), r.i64(), r.bytes(), r.bytes());
  }

  byte[] encode() {
    Bin.Writer w = new Bin.Writer(64 + (key == null ? 0 : key.length) + (value == null ? 0 : value.length));
    write(w);
    return w.toByteArray();
  }

  static Origin decode(byte[] bytes) {
    return read(new Bin.Reader(bytes));
  }

  private static byte[] value(Headers h, String name) {
    Header header = h.lastHeader(name);
    return header == null ? null : header.value();
  }
}
