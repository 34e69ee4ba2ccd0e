package dev.syncview.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncview.query.Order;
import dev.syncview.query.Principal;
import dev.syncview.testing.Events;
import dev.syncview.testing.Json;
import dev.syncview.testing.ProjectionHarness;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile records on every input topic, through the real topology (TopologyTestDriver): strings
 * just under and over what the view carries, 10k-deep JSON, extreme numbers and dates, control characters and NUL, duplicate keys,
 * invalid UTF-8, values that are not JSON objects, empty values, hostile record keys. Each record is
 * either dead-lettered (exactly one dead letter, original key and value byte for byte, the
 * documented reason) or stored safely (every answer about it is valid UTF-8 JSON holding the value
 * as given); no exception escapes the driver, nothing is logged at ERROR, and a valid event after
 * it is applied and listed correctly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class HostileEventsTest {
  static final String SRC = "0b6b1f8e-2c55-4a8e-9a7e-3f3c2b1d4e5f";
  static final String SRC2 = "1c7c2f9f-3d66-4b9f-8b8f-4f4d3c2e5f60";
  static final String JOB0 = "7d0c6d58-5f0e-4b7a-9a51-0d1f1b2f6e10";
  static final String JOB2 = "8e1d7e69-6a1f-4c8b-8b62-1e2a2c3f7a21";
  static final String NEXT = "9f2e8f7a-7b2a-4d9c-9c73-2f3b3d4a8b32";
  /** Just under what the view carries in a value (RecordLimits), with room for the rest of the JSON. */
  static final String MB = "x".repeat(1024 * 1024 - 4096);
  /** A field that alone takes a value over what the view carries. */
  static final String OVER_MB = "x".repeat(1024 * 1024);
  /** Just under what the view carries in a record key. */
  static final String KEY_KB = "k".repeat(1000);
  public static final String STORED = "(stored)";
  public static final String EITHER = "(either)";

  ProjectionHarness h;
  LogCapture logs;

  @BeforeAll
  void captureLogs() {
    logs = new LogCapture();
  }

  @AfterAll
  void releaseLogs() {
    logs.close();
  }

  @BeforeEach
  void setUp() {
    // Given a tenant with a key, an S3 source and one listed job
    h = new ProjectionHarness();
    h.key(Events.apiKey("k1", "acme", "tok", null));
    h.source(Events.s3Source(SRC, "acme", "docs"));
    h.job(Events.job(JOB0, "acme", SRC));
    assertThat(h.deadLetters()).isEmpty();
    logs.clear();
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  /**
   * One hostile record. {@code expected}: the dead-letter reason, {@link #STORED} (applied, no dead
   * letter) or {@link #EITHER} (the contract allows both). {@code check} runs on a stored record.
   */
  public record Case(String name, String topic, byte[] key, byte[] value, String expected, Consumer<HostileEventsTest> check) {
    @Override
    public String toString() {
      return name + " -> " + expected;
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** The JSON text with {@code @@} replaced by raw bytes (to plant bytes no JSON writer would). */
  static byte[] withRaw(String json, byte... raw) {
    int at = json.indexOf("@@");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(utf8(json.substring(0, at)));
    out.writeBytes(raw);
    out.writeBytes(utf8(json.substring(at + 2)));
    return out.toByteArray();
  }

  static Events.Snapshot source2() {
    return Events.githubSource(SRC2, "acme", "docs2");
  }

  static Events.Snapshot job2() {
    return Events.job(JOB2, "acme", SRC).set("object_key", "k");
  }

  static Events.Snapshot key2() {
    return Events.apiKey("k2", "acme", "tok2", null);
  }

  static String nested(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  static Case src(String name, byte[] value, String expected) {
    return new Case("source " + name, "sources", utf8(SRC2), value, expected, null);
  }

  static Case src(String name, Events.Snapshot s, String expected) {
    return src(name, s.bytes(), expected);
  }

  static Case srcStored(String name, Events.Snapshot s, Consumer<HostileEventsTest> check) {
    return new Case("source " + name, "sources", utf8(SRC2), s.bytes(), STORED, check);
  }

  static Case job(String name, byte[] value, String expected) {
    return new Case("job " + name, "jobs", utf8(JOB2), value, expected, null);
  }

  static Case job(String name, Events.Snapshot s, String expected) {
    return job(name, s.bytes(), expected);
  }

  static Case jobStored(String name, Events.Snapshot s, Consumer<HostileEventsTest> check) {
    return new Case("job " + name, "jobs", utf8(JOB2), s.bytes(), STORED, check);
  }

  static Case key(String name, byte[] value, String expected) {
    return new Case("api key " + name, "api-keys", utf8("k2"), value, expected, null);
  }

  static Case key(String name, Events.Snapshot s, String expected) {
    return key(name, s.bytes(), expected);
  }

  public static Stream<Case> cases() {
    List<Case> c = new ArrayList<>();
    String validSource = source2().json();
    String validJob = job2().json();
    String validKey = key2().json();

    // --- sources: size
    c.add(srcStored("with a 1 MB unknown field", source2().set("junk", MB),
        t -> assertThat(t.sourceText(SRC2)).doesNotContain("junk").doesNotContain("xxxxxxxx")));
    c.add(src("with a 1 MB database_name", source2().set("database_name", MB), "invalid-field"));
    c.add(src("with a 1 MB tenant", source2().set("tenant", MB), "invalid-field"));
    c.add(src("with a 1 MB repository", source2().edit(o -> o.with("github").put("repository", "a/" + MB)), "invalid-field"));
    c.add(srcStored("with a 1 MB kept embedding_model", source2().edit(o -> o.with("embedding_model").put("model", MB)),
        t -> assertThat(t.source(SRC2).get("embedding_model").get("model").asText()).isEqualTo(MB)));
    // --- sources: depth
    c.add(src("that is 10k nested arrays", utf8(nested(10_000)), "malformed-json"));
    c.add(src("with 10k nested arrays in an unknown field",
        utf8(validSource.replaceFirst("\\{", "{\"junk\":" + nested(10_000) + ",")), "malformed-json"));
    c.add(src("with 10k nested objects in chunking",
        utf8(validSource.replaceFirst("\\{", "{\"chunking\":" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000) + ",")),
        "malformed-json"));
    c.add(srcStored("with 50 nested arrays in chunking",
        source2().setJson("chunking", "{\"a\":" + nested(50) + "}"),
        t -> assertThat(Json.write(t.source(SRC2).get("chunking"))).isEqualTo("{\"a\":" + nested(50) + "}")));
    // --- sources: numbers
    c.add(src("with version 1e308", source2().setJson("version", "1e308"), "invalid-field"));
    c.add(src("with version -1", source2().version(-1), "invalid-field"));
    c.add(src("with version 2^63", source2().setJson("version", "9223372036854775808"), "invalid-field"));
    c.add(src("with version 10^30", source2().setJson("version", "1000000000000000000000000000000"), "invalid-field"));
    c.add(srcStored("with version 2^63-1", source2().version(Long.MAX_VALUE),
        t -> assertThat(t.source(SRC2).get("id").asText()).isEqualTo(SRC2)));
    c.add(src("with a 10,001-digit number in an unknown field",
        utf8(validSource.replaceFirst("\\{", "{\"junk\":" + "9".repeat(10_001) + ",")), "malformed-json"));
    c.add(srcStored("with a 10,000-digit number in an unknown field",
        source2().setJson("junk", "9".repeat(10_000)), t -> assertThat(t.sourceText(SRC2)).doesNotContain("9999999999")));
    c.add(srcStored("with 1e999999, -0 and 1.10 kept in embedding",
        source2().setJson("embedding", "{\"a\":1e999999,\"b\":-0,\"c\":1.10,\"d\":1e-999999}"),
        t -> {
          JsonNode e = t.source(SRC2).get("embedding");
          assertThat(e.get("a").decimalValue()).isEqualByComparingTo(new BigDecimal("1e999999"));
          assertThat(e.get("c").decimalValue()).isEqualTo(new BigDecimal("1.10"));
          assertThat(e.get("d").decimalValue()).isEqualByComparingTo(new BigDecimal("1e-999999"));
        }));
    c.add(src("with version NaN", utf8(validSource.replace("\"version\":1", "\"version\":NaN")), "malformed-json"));
    // --- sources: dates
    c.add(src("created in year 99999", source2().createdAt("99999-01-01T00:00:00Z"), "invalid-timestamp"));
    c.add(src("created at 9999-12-31T23:59:59.999-23:59 (year 10000 in UTC)",
        source2().createdAt("9999-12-31T23:59:59.999-23:59"), "invalid-timestamp"));
    c.add(srcStored("created in year 0000", source2().createdAt("0000-01-01T00:00:00Z"),
        t -> assertThat(t.source(SRC2).get("created_at").asText()).isEqualTo("0000-01-01T00:00:00.000Z")));
    // --- sources: characters
    String controls = "d\u0000\u0001\u001f\u007f\u2028\u2029\"\\</script>";
    c.add(srcStored("with NUL and control characters in database_name and include_globs",
        source2().set("database_name", controls).edit(o -> o.with("github").putArray("include_globs").add("\u0000\n\t")),
        t -> {
          JsonNode s = t.source(SRC2);
          assertThat(s.get("database_name").asText()).isEqualTo(controls);
          assertThat(s.get("github").get("include_globs").get(0).asText()).isEqualTo("\u0000\n\t");
        }));
    c.add(src("with a lone surrogate escape in database_name",
        utf8(validSource.replace("\"docs2\"", "\"a\\ud800\"")), "invalid-field"));
    c.add(src("with a lone surrogate escape in a kept blob",
        utf8(validSource.replaceFirst("\\{", "{\"chunking\":{\"x\":\"\\\\udc00\"},")), "invalid-field"));
    c.add(src("with a lone surrogate escape in a kept blob's field name",
        utf8(validSource.replaceFirst("\\{", "{\"embedding\":{\"\\\\ud800\":1},")),
        "invalid-field|malformed-json")); // documented: invalid-field; see the pinned defect test below
    c.add(src("with duplicate keys", utf8(validSource.replaceFirst("\\{", "{\"tenant\":\"acme\",")), "malformed-json"));
    c.add(src("with duplicate keys in a kept blob",
        utf8(validSource.replaceFirst("\\{", "{\"chunking\":{\"a\":1,\"a\":2},")), "malformed-json"));
    c.add(src("with bytes C3 28 (invalid UTF-8)", withRaw(validSource.replace("\"docs2\"", "\"@@\""), (byte) 0xC3, (byte) 0x28), "malformed-json"));
    c.add(src("with an overlong encoding C0 AF", withRaw(validSource.replace("\"docs2\"", "\"@@\""), (byte) 0xC0, (byte) 0xAF), "malformed-json"));
    c.add(src("with surrogate bytes ED A0 80", withRaw(validSource.replace("\"docs2\"", "\"@@\""), (byte) 0xED, (byte) 0xA0, (byte) 0x80), "malformed-json"));
    c.add(src("with a byte FF", withRaw(validSource.replace("\"docs2\"", "\"@@\""), (byte) 0xFF), "malformed-json"));
    c.add(src("with a raw NUL byte inside a string", withRaw(validSource.replace("\"docs2\"", "\"a@@b\""), (byte) 0), "malformed-json"));
    c.add(src("with a raw NUL byte outside strings", withRaw(validSource.replaceFirst("\\{", "{@@"), (byte) 0), "malformed-json"));
    c.add(src("cut in the middle of a multi-byte character",
        withRaw(validSource.substring(0, 20) + "@@", (byte) 0xE2, (byte) 0x82), "malformed-json"));
    // --- sources: not one JSON object
    for (String v : new String[] {"[]", "\"x\"", "1", "null", "true", "", " ", "\n", "{", "{}{}", validSource + " x",
      validSource + validSource, "/*c*/" + validSource, "{'id':1}"}) {
      String shown = v.length() > 20 ? v.substring(0, 20) + "..." : v;
      c.add(src("valued " + Json.write(Json.MAPPER.getNodeFactory().textNode(shown)), utf8(v), "malformed-json"));
    }
    c.add(src("with a UTF-8 BOM", withRaw("@@" + validSource, (byte) 0xEF, (byte) 0xBB, (byte) 0xBF), EITHER));
    c.add(src("encoded as UTF-16LE", validSource.getBytes(StandardCharsets.UTF_16LE), EITHER));
    c.add(src("encoded as UTF-16 with a BOM", validSource.getBytes(StandardCharsets.UTF_16), EITHER));
    c.add(src("encoded as UTF-32BE", validSource.getBytes(java.nio.charset.Charset.forName("UTF-32BE")), EITHER));
    // --- sources: hostile record keys
    c.add(new Case("source keyed by bytes C3 28", "sources", new byte[] {(byte) 0xC3, 0x28}, source2().bytes(), "invalid-uuid", null));
    c.add(new Case("source keyed by an empty key", "sources", new byte[0], source2().bytes(), "invalid-uuid", null));
    c.add(new Case("source keyed by 1,000 bytes", "sources", utf8(KEY_KB), source2().bytes(), "invalid-uuid", null));
    c.add(new Case("source keyed by 1 MB", "sources", utf8(OVER_MB), source2().bytes(), "too-large", null));
    c.add(src("with a 1 MiB unknown field", source2().set("junk", OVER_MB), "too-large"));
    c.add(new Case("source keyed by its id and a NUL", "sources", utf8(SRC2 + "\u0000"), source2().bytes(), "invalid-uuid", null));

    // --- jobs
    c.add(jobStored("failed with a 1 MB error", job2().setJson("status", "{\"failed\":{\"error\":\"" + MB + "\"}}"),
        t -> assertThat(t.item(JOB2).get("status").get("failed").get("error").asText()).isEqualTo(MB)));
    c.add(job("with a 1 MB object_key", job2().set("object_key", MB), "invalid-field"));
    c.add(job("with a 1 MB target_collection_name", job2().set("target_collection_name", MB), "invalid-field"));
    c.add(job("with a 1 MB status", job2().set("status", MB), "unknown-status"));
    c.add(job("with 10k nested arrays in additional_metadata", utf8(validJob.replaceFirst("\\{", "{\"additional_metadata\":{\"a\":" + nested(10_000) + "},")), "malformed-json"));
    c.add(jobStored("with NUL and control characters in additional_metadata keys and values",
        job2().setJson("additional_metadata", "{\"\\u0000k\\u001f\":\"v\\u0000\\u2028\",\"n\":[1e999999,-0,1.10]}"),
        t -> {
          JsonNode m = t.item(JOB2).get("metadata").get("s3").get("additional_metadata");
          assertThat(m.get("\u0000k\u001f").asText()).isEqualTo("v\u0000\u2028");
          assertThat(m.get("n").get(0).decimalValue()).isEqualByComparingTo(new BigDecimal("1e999999"));
          assertThat(m.get("n").get(2).decimalValue()).isEqualTo(new BigDecimal("1.10"));
        }));
    c.add(jobStored("with NUL in object_key and custom_id", job2().set("object_key", "a\u0000b").set("custom_id", "\u0000"),
        t -> assertThat(t.item(JOB2).get("metadata").get("s3").get("object_key").asText()).isEqualTo("a\u0000b")));
    c.add(job("created in year 99999", job2().createdAt("99999-12-31T00:00:00Z"), "invalid-timestamp"));
    c.add(job("with version 2^63", job2().setJson("version", "9223372036854775808"), "invalid-field"));
    c.add(job("with version 1e308", job2().setJson("version", "1e308"), "invalid-field"));
    c.add(job("with version -1", job2().version(-1), "invalid-field"));
    c.add(job("complete with duration_ms 2^63", job2().setJson("status",
        "{\"complete\":{\"finished_at\":\"2026-11-20T10:00:00Z\",\"duration_ms\":9223372036854775808}}"), "unknown-status"));
    c.add(job("complete with duration_ms 1e308", job2().setJson("status",
        "{\"complete\":{\"finished_at\":\"2026-11-20T10:00:00Z\",\"duration_ms\":1e308}}"), "unknown-status"));
    c.add(job("complete with finished_at in year 99999", job2().setJson("status",
        "{\"complete\":{\"finished_at\":\"99999-11-20T10:00:00Z\",\"duration_ms\":1}}"), "unknown-status"));
    c.add(job("with a source_id followed by NUL", job2().set("source_id", SRC + "\u0000"), "invalid-uuid"));
    c.add(job("with duplicate keys", utf8(validJob.replaceFirst("\\{", "{\"status\":\"pending\",")), "malformed-json"));
    c.add(job("with invalid UTF-8 in object_key", withRaw(validJob.replace("\"object_key\":\"k\"", "\"object_key\":\"@@\""), (byte) 0xC3, (byte) 0x28), "malformed-json"));
    c.add(job("that is empty", new byte[0], "malformed-json"));
    c.add(job("that is a JSON array", utf8("[" + validJob + "]"), "malformed-json"));
    c.add(job("that is JSON null", utf8("null"), "malformed-json"));
    c.add(new Case("job keyed by 1,000 bytes", "jobs", utf8(KEY_KB), job2().bytes(), "invalid-uuid", null));
    c.add(new Case("job keyed by 1 MB", "jobs", utf8(OVER_MB), job2().bytes(), "too-large", null));
    c.add(job("failed with a 1 MiB error", job2().setJson("status", "{\"failed\":{\"error\":\"" + OVER_MB + "\"}}"), "too-large"));

    // --- API keys
    c.add(key("with a 1 MB token_sha256", key2().set("token_sha256", MB), "invalid-field"));
    c.add(key("with a 1 MB database name", key2().setJson("databases", "[\"" + MB + "\"]"), "invalid-field"));
    c.add(key("with version 1e308", key2().setJson("version", "1e308"), "invalid-field"));
    c.add(key("with version 2^63", key2().setJson("version", "9223372036854775808"), "invalid-field"));
    c.add(key("with revoked \"yes\"", key2().set("revoked", "yes"), "invalid-field"));
    c.add(key("with duplicate keys", utf8(validKey.replaceFirst("\\{", "{\"tenant\":\"acme\",")), "malformed-json"));
    c.add(key("with 10k nested arrays", utf8(validKey.replaceFirst("\\{", "{\"junk\":" + nested(10_000) + ",")), "malformed-json"));
    c.add(key("with invalid UTF-8 in the tenant", withRaw(validKey.replace("\"acme\"", "\"@@\""), (byte) 0xFF), "malformed-json"));
    c.add(key("that is empty", new byte[0], "malformed-json"));
    c.add(key("that is a JSON string", utf8("\"k2\""), "malformed-json"));
    c.add(new Case("api key keyed by bytes C3 28", "api-keys", new byte[] {(byte) 0xC3, 0x28}, key2().bytes(), "key-mismatch", null));
    c.add(new Case("api key keyed by an empty key", "api-keys", new byte[0], key2().bytes(), "key-mismatch", null));
    c.add(new Case("api key with a 1,000-byte id", "api-keys", utf8(KEY_KB), Events.apiKey(KEY_KB, "acme", "tok2", null).bytes(),
        STORED, t -> assertThat(t.h.login("tok2").keyId()).isEqualTo(KEY_KB)));
    c.add(new Case("api key with a 600,000-byte id and the value {}", "api-keys", utf8("k".repeat(600_000)), utf8("{}"), "too-large", null));
    c.add(new Case("api key with a 1 MB id", "api-keys", utf8("k" + OVER_MB), Events.apiKey("k" + OVER_MB, "acme", "tok2", null).bytes(),
        "too-large", null));
    c.add(new Case("api key scoped to 100,000 databases", "api-keys", utf8("k2"),
        key2().setJson("databases", databases(100_000)).bytes(), STORED,
        t -> assertThat(t.h.login("tok2").databases()).hasSize(100_000).contains("d99999")));
    c.add(new Case("api key with NUL and controls in its tenant", "api-keys", utf8("k2"),
        Events.apiKey("k2", "ac\u0000me\u001f", "tok2", null).bytes(), STORED,
        t -> {
          assertThat(t.h.login("tok2").tenant()).isEqualTo("ac\u0000me\u001f");
          assertThat(t.h.ids("tok2")).isEmpty();
        }));
    c.add(new Case("api key scoped to 70,000 databases", "api-keys", utf8("k2"), manyDatabases(70_000), STORED,
        t -> {
          Principal p = t.h.login("tok2");
          assertThat(p.databases()).hasSize(70_000);
          assertThat(t.h.ids("tok2")).containsExactly(JOB0);
        }));
    return c.stream();
  }

  static byte[] manyDatabases(int n) {
    ObjectNode k = (ObjectNode) key2().node();
    ArrayNode dbs = k.putArray("databases");
    for (int i = 0; i < n - 1; i++) {
      dbs.add("db" + i);
    }
    dbs.add("docs");
    return utf8(Json.write(k));
  }

  String topic(String name) {
    return switch (name) {
      case "sources" -> h.topics.sources();
      case "jobs" -> h.topics.jobs();
      default -> h.topics.apiKeys();
    };
  }

  // --- what a stored record looks like through the read API

  /** The Source object as served, after checking it is valid UTF-8 and strict JSON. */
  JsonNode source(String id) {
    return strictJson(h.api().source(h.login("tok"), id));
  }

  String sourceText(String id) {
    return new String(h.api().source(h.login("tok"), id), StandardCharsets.UTF_8);
  }

  /** One job item as served by get_invocation; it must equal the listed one. */
  JsonNode item(String id) {
    JsonNode item = strictJson(h.api().job(h.login("tok"), id));
    assertThat(listed()).contains(item);
    return item;
  }

  List<JsonNode> listed() {
    List<JsonNode> out = new ArrayList<>();
    for (byte[] b : h.api().list(h.login("tok"), ProjectionHarness.query(null, null, 1000, 0, Order.DESC)).items()) {
      out.add(strictJson(b));
    }
    return out;
  }

  static JsonNode strictJson(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
    } catch (CharacterCodingException e) {
      throw new AssertionError("served bytes are not UTF-8", e);
    }
    return Json.parse(bytes);
  }

  static String header(TestRecord<byte[], byte[]> rec, String name) {
    Header hd = rec.headers().lastHeader(name);
    return hd == null ? null : new String(hd.value(), StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void shouldDeadLetterOnceOrStoreSafelyAndGoOnWhenARecordIsHostile(Case c) {
    // When the hostile record arrives
    assertThatCode(() -> h.pipe(topic(c.topic()), c.key(), c.value()))
        .as("no exception may escape the topology")
        .doesNotThrowAnyException();

    // Then it is dead-lettered exactly once, byte for byte, or stored and served as valid JSON
    List<TestRecord<byte[], byte[]>> dead = h.deadLetters();
    if (c.expected().equals(STORED)) {
      assertThat(dead).as("dead letters of a record that must be stored: %s",
          dead.stream().map(d -> header(d, "dlq.reason")).toList()).isEmpty();
      c.check().accept(this);
    } else if (c.expected().equals(EITHER)) {
      assertThat(dead).hasSizeLessThanOrEqualTo(1);
      if (dead.isEmpty()) {
        assertThat(source(SRC2).get("id").asText()).isEqualTo(SRC2);
      }
    } else {
      assertThat(dead).as("dead letters").hasSize(1);
      TestRecord<byte[], byte[]> d = dead.get(0);
      assertThat(d.key()).as("dead letter key, byte for byte").isEqualTo(c.key());
      assertThat(d.value()).as("dead letter value, byte for byte").isEqualTo(c.value());
      assertThat(header(d, "dlq.reason")).isIn((Object[]) c.expected().split("\\|"));
      assertThat(header(d, "dlq.topic")).isEqualTo(topic(c.topic()));
      assertThat(header(d, "dlq.partition")).isNotNull();
      assertThat(header(d, "dlq.offset")).isNotNull();
    }

    // and a valid event after it is applied and listed, next to what was there
    assertThatCode(() -> h.job(Events.job(NEXT, "acme", SRC).createdAt("2026-11-21T00:00:00Z")))
        .doesNotThrowAnyException();
    assertThat(h.deadLetters()).isEmpty();
    List<String> ids = h.ids("tok");
    assertThat(ids).startsWith(NEXT).contains(JOB0);
    boolean hostileJobListed = c.topic().equals("jobs") && c.expected().equals(STORED);
    assertThat(ids.contains(JOB2)).as("the hostile job listed").isEqualTo(hostileJobListed);
    assertThat(ids).hasSize(hostileJobListed ? 3 : 2);
    for (JsonNode item : listed()) {
      assertThat(item.size()).as("fields of %s", item.get("id")).isEqualTo(5);
    }
    assertThat(h.login("tok").tenant()).isEqualTo("acme");
    assertThat(logs.atLeast(Level.ERROR)).as("ERROR logs").isEmpty();
  }

  // ---------------------------------------------------------------- defects, pinned one by one

  @org.junit.jupiter.api.Test
  void shouldDeadLetterAsMalformedJsonWhenAValueIsNotUtf8() {
    // Given a valid source snapshot, encoded as UTF-16LE, UTF-16 with a BOM and UTF-32BE
    String json = source2().json();
    java.nio.charset.Charset[] encodings = {
      StandardCharsets.UTF_16LE, StandardCharsets.UTF_16, java.nio.charset.Charset.forName("UTF-32BE")
    };
    for (java.nio.charset.Charset cs : encodings) {
      byte[] value = json.getBytes(cs);

      // When it arrives on sync.sources
      h.source(SRC2, value);

      // Then it is dead-lettered as malformed-json (events.md: every value is UTF-8 JSON), not applied
      List<TestRecord<byte[], byte[]>> dead = h.deadLetters();
      assertThat(dead).as("%s", cs).hasSize(1);
      assertThat(header(dead.get(0), "dlq.reason")).as("%s", cs).isEqualTo("malformed-json");
      assertThat(dead.get(0).value()).isEqualTo(value);
    }
  }

  @Test
  void shouldDeadLetterAsMalformedJsonWhenAFieldNameHoldsALoneSurrogate() {
    // Given a source whose kept embedding blob has the field name "\ud800" (an escape, valid JSON text)
    byte[] value = utf8(source2().json().replaceFirst("\\{", "{\"embedding\":{\"\\\\ud800\":1},"));

    // When it arrives
    h.source(SRC2, value);

    // Then it is dead-lettered as malformed-json: the JSON reader cannot name a field with it
    // (docs/events.md; the same escape in a string value is invalid-field)
    List<TestRecord<byte[], byte[]>> dead = h.deadLetters();
    assertThat(dead).hasSize(1);
    assertThat(header(dead.get(0), "dlq.reason")).isEqualTo("malformed-json");
  }

  /** A JSON array of that many distinct database names. */
  static String databases(int count) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < count; i++) {
      b.append(i == 0 ? "" : ",").append("\"d").append(i).append('"');
    }
    return b.append(']').toString();
  }
}
