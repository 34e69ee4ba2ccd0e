package dev.syncview.isolation;

import dev.syncview.testing.Events;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The hostile records HostileBrokerIntegrationTest publishes, for input topics that take records up
 * to {@link HostileBrokerIntegrationTest#TOPIC_MAX} bytes, and what each must come to.
 */
final class Corpus {
  static final int MAX = HostileBrokerIntegrationTest.TOPIC_MAX;
  /** A value whose record is as large as the topic takes (batch and record framing left). */
  static final int AT = MAX - 150;
  static final int UNDER = MAX - 4096;
  static final int TWO_MIB = 2 * 1024 * 1024;
  /** Just under what the view carries in a value (RecordLimits). */
  static final int CARRIED = 1024 * 1024 - 2048;

  /**
   * @param id the entity an applied record creates (a source, a job, or a key whose token is
   *     {@code "tok-" + id})
   * @param outcome "applied", "skipped" (too large for even the dead-letter topic) or a reason
   */
  record Entry(String topic, String key, byte[] value, RecordHeaders headers, String outcome, String id) {
    byte[] keyBytes() {
      return key == null ? null : key.getBytes(StandardCharsets.UTF_8);
    }
  }

  private Corpus() {}

  static List<Entry> entries(String src) {
    List<Entry> out = new ArrayList<>();
    for (String topic : HostileBrokerIntegrationTest.INPUTS) {
      out.add(new Entry(topic, "k".repeat(600_000), utf8("{}"), null, "too-large", null));
      out.add(new Entry(topic, "k".repeat(AT - 2), utf8("{}"), null, "skipped", null));
      out.add(new Entry(topic, "k".repeat(UNDER), null, null, "skipped", null));
      out.add(padded(topic, src, AT, null, "skipped"));
      out.add(padded(topic, src, UNDER, null, "skipped"));
      out.add(padded(topic, src, TWO_MIB, null, "too-large"));
      out.add(padded(topic, src, CARRIED, null, "applied"));
      out.add(padded(topic, src, 200, header(MAX - 1024), "applied"));
      out.add(padded(topic, src, 200, header(UNDER - 1024), "applied"));
      Entry deep = padded(topic, src, 0, null, "malformed-json");
      out.add(new Entry(topic, deep.key(), withField(deep.value(), "\"deep\":" + nested(10_000)), null, "malformed-json", null));
      Entry wide = padded(topic, src, 0, null, "applied");
      out.add(new Entry(topic, wide.key(), withField(wide.value(), fields(50_000)), null, "applied", wide.id()));
    }
    String id = "k" + "i".repeat(998);
    out.add(new Entry("sync.api-keys", id, Events.apiKey(id, "acme", "tok-" + id, null).bytes(), null, "applied", id));
    String over = "k" + "o".repeat(1024);
    out.add(new Entry("sync.api-keys", over, Events.apiKey(over, "acme", "tok-" + over, null).bytes(), null, "too-large", null));
    String scoped = "scoped-" + UUID.randomUUID();
    out.add(new Entry("sync.api-keys", scoped,
        Events.apiKey(scoped, "acme", "tok-" + scoped, null).setJson("databases", HostileEventsTest.databases(100_000)).bytes(),
        null, "applied", scoped));
    return out;
  }

  /** A valid snapshot of a new entity of the topic, padded with an unknown field to {@code bytes}. */
  static Entry padded(String topic, String src, int bytes, RecordHeaders headers, String outcome) {
    String id = UUID.randomUUID().toString();
    Events.Snapshot s = switch (topic) {
      case "sync.sources" -> Events.s3Source(id, "acme", "docs");
      case "sync.jobs" -> Events.job(id, "acme", src);
      default -> Events.apiKey(id, "acme", "tok-" + id, null);
    };
    int pad = Math.max(0, bytes - s.bytes().length - 10);
    byte[] value = s.set("pad", "p".repeat(pad)).bytes();
    return new Entry(topic, id, value, headers, outcome, outcome.equals("applied") ? id : null);
  }

  static RecordHeaders header(int bytes) {
    RecordHeaders h = new RecordHeaders();
    h.add("trace", new byte[bytes]);
    return h;
  }

  static byte[] withField(byte[] json, String field) {
    String s = new String(json, StandardCharsets.UTF_8);
    return utf8("{" + field + "," + s.substring(1));
  }

  static String nested(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  static String fields(int count) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < count; i++) {
      b.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":").append(i);
    }
    return b.toString();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
