package dev.syncview.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncview.testing.Events;
import dev.syncview.testing.ProjectionHarness;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Rule 5 of events.md: bad input goes to the dead-letter topic unchanged and processing goes on. */
public class DeadLetterRulesTest {
  static final String SRC = "0b6b1f8e-2c55-4a8e-9a7e-3f3c2b1d4e5f";
  static final String SRC2 = "1c7c2f9f-3d66-4b9f-8b8f-4f4d3c2e5f60";
  public static final String JOB = "7d0c6d58-5f0e-4b7a-9a51-0d1f1b2f6e10";
  static final String JOB2 = "8e1d7e69-6a1f-4c8b-8b62-1e2a2c3f7a21";

  ProjectionHarness h;

  @BeforeEach
  void setUp() {
    h = new ProjectionHarness();
    h.key(Events.apiKey("k1", "acme", "tok", null));
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  public static Stream<Arguments> badSources() {
    Function<Events.Snapshot, String> json = Events.Snapshot::json;
    return Stream.of(
        Arguments.of("truncated JSON", SRC, "{\"id\":", "malformed-json"),
        Arguments.of("a JSON array", SRC, "[1,2]", "malformed-json"),
        Arguments.of("an empty value", SRC, "", "malformed-json"),
        Arguments.of("duplicate keys", SRC, "{\"id\":\"" + SRC + "\",\"id\":\"" + SRC + "\",\"version\":1}", "malformed-json"),
        Arguments.of("no version", SRC, json.apply(gh().remove("version")), "missing-field"),
        Arguments.of("version as a string", SRC, json.apply(gh().set("version", "2")), "invalid-field"),
        Arguments.of("version 0", SRC, json.apply(gh().version(0)), "invalid-field"),
        Arguments.of("version 2.0", SRC, json.apply(gh().setJson("version", "2.0")), "invalid-field"),
        Arguments.of("version 1.5", SRC, json.apply(gh().setJson("version", "1.5")), "invalid-field"),
        Arguments.of("version over 2^63-1", SRC, json.apply(gh().setJson("version", "9223372036854775808")), "invalid-field"),
        Arguments.of("no id", SRC, json.apply(gh().remove("id")), "missing-field"),
        Arguments.of("id not a UUID", SRC, json.apply(gh().set("id", "not-a-uuid")), "invalid-uuid"),
        Arguments.of("id differs from key", SRC, json.apply(gh().set("id", SRC2)), "key-mismatch"),
        Arguments.of("key not a UUID", "source-1", json.apply(gh()), "invalid-uuid"),
        Arguments.of("no tenant", SRC, json.apply(gh().remove("tenant")), "missing-field"),
        Arguments.of("empty tenant", SRC, json.apply(gh().set("tenant", "")), "invalid-field"),
        Arguments.of("tenant of 129 characters", SRC, json.apply(gh().set("tenant", "t".repeat(129))), "invalid-field"),
        Arguments.of("no database_name", SRC, json.apply(gh().remove("database_name")), "missing-field"),
        Arguments.of("database_name of 257 characters", SRC, json.apply(gh().set("database_name", "d".repeat(257))), "invalid-field"),
        Arguments.of("created_at without offset", SRC, json.apply(gh().set("created_at", "2026-11-20T10:15:30")), "invalid-timestamp"),
        Arguments.of("created_at not a date", SRC, json.apply(gh().set("created_at", "yesterday")), "invalid-timestamp"),
        Arguments.of("no type key", SRC, json.apply(gh().remove("github")), "type-keys"),
        Arguments.of("two type keys", SRC, json.apply(gh().setJson("s3", "{\"bucket_name\":\"b\",\"region\":\"r\",\"collection_name\":\"c\"}")), "type-keys"),
        Arguments.of("github without repository", SRC, json.apply(gh().setJson("github", "{}")), "missing-field"),
        Arguments.of("deleted not a boolean", SRC, json.apply(gh().set("deleted", "yes")), "invalid-field"));
  }

  @ParameterizedTest(name = "a source with {0} is dead-lettered as {3}")
  @MethodSource("badSources")
  void shouldDeadLetterBadSourceUnchangedWithItsCoordinates(
      String defect, String key, String value, String reason) {
    // Given a listed job of another source, and one bad source record
    h.source(Events.githubSource(SRC2, "acme", "docs")).job(Events.job(JOB, "acme", SRC2));
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);

    // When the bad record arrives, then a good one after it
    h.source(key, bytes);
    h.job(Events.job(JOB2, "acme", SRC2));

    // Then exactly one dead letter, byte for byte, with the four headers; and processing went on
    List<TestRecord<byte[], byte[]>> dead = h.deadLetters();
    assertThat(dead).hasSize(1);
    assertDeadLetter(dead.get(0), key.getBytes(StandardCharsets.UTF_8), bytes, reason, h.topics.sources(), 1);
    assertThat(h.ids("tok")).containsExactlyInAnyOrder(JOB, JOB2);
  }

  public static Stream<Arguments> badJobs() {
    Function<Events.Snapshot, String> json = Events.Snapshot::json;
    return Stream.of(
        Arguments.of("a status of unknown form", json.apply(job().set("status", "done")), "unknown-status"),
        Arguments.of("a status in the wrong case", json.apply(job().set("status", "Pending")), "unknown-status"),
        Arguments.of("an empty complete status", json.apply(job().setJson("status", "{\"complete\":{}}")), "unknown-status"),
        Arguments.of("a negative duration", json.apply(job().setJson("status", "{\"complete\":{\"finished_at\":\"2026-11-20T10:16:02Z\",\"duration_ms\":-1}}")), "unknown-status"),
        Arguments.of("a status object with two keys", json.apply(job().setJson("status", "{\"failed\":{\"error\":\"x\"},\"complete\":{}}")), "unknown-status"),
        Arguments.of("no status", json.apply(job().remove("status")), "missing-field"),
        Arguments.of("no source_id", json.apply(job().remove("source_id")), "missing-field"),
        Arguments.of("a source_id that is not a UUID", json.apply(job().set("source_id", "abc")), "invalid-uuid"),
        Arguments.of("a ref_identifier with both forms", json.apply(job().setJson("ref_identifier", "{\"branch\":\"a\",\"sha\":\"b\"}")), "invalid-field"),
        Arguments.of("no metadata and no source", json.apply(job().setNull("source_id")), "missing-field"),
        Arguments.of("source-less metadata with two kinds", json.apply(Events.sourcelessJob(JOB, "acme", "docs").edit(o -> o.with("metadata").putNull("Unknown"))), "invalid-field"),
        Arguments.of("source-less metadata without a kind", json.apply(Events.sourcelessJob(JOB, "acme", "docs").edit(o -> o.with("metadata").remove("web_scrape"))), "missing-field"));
  }

  @ParameterizedTest(name = "a job with {0} is dead-lettered as {2}")
  @MethodSource("badJobs")
  void shouldDeadLetterBadJobUnchanged(String defect, String value, String reason) {
    h.source(Events.githubSource(SRC, "acme", "docs"));
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);

    h.job(JOB, bytes);
    h.job(Events.job(JOB2, "acme", SRC));

    List<TestRecord<byte[], byte[]>> dead = h.deadLetters();
    assertThat(dead).hasSize(1);
    assertDeadLetter(dead.get(0), JOB.getBytes(StandardCharsets.UTF_8), bytes, reason, h.topics.jobs(), 0);
    assertThat(h.ids("tok")).containsExactly(JOB2);
  }

  @Test
  void shouldDeadLetterAJobMissingItsKindFieldWhenItsSourceArrivesLater() {
    // Given a job without ref_identifier, waiting for its source (not dead-lettered while waiting)
    byte[] bytes = job().remove("ref_identifier").bytes();
    h.job(JOB, bytes);
    assertThat(h.deadLetters()).isEmpty();

    // When its github source arrives
    h.source(Events.githubSource(SRC, "acme", "docs"));

    // Then the job's own record is dead-lettered, with its own coordinates, and never listed
    List<TestRecord<byte[], byte[]>> dead = h.deadLetters();
    assertThat(dead).hasSize(1);
    assertDeadLetter(dead.get(0), JOB.getBytes(StandardCharsets.UTF_8), bytes, "missing-field", h.topics.jobs(), 0);
    assertThat(h.ids("tok")).isEmpty();
  }

  @Test
  void shouldNotDeadLetterAStaleSnapshotEvenWhenItIsInvalid() {
    h.source(Events.githubSource(SRC, "acme", "docs").version(5));

    h.source(SRC, gh().version(3).remove("github").bytes());

    assertThat(h.deadLetters()).isEmpty();
  }

  @Test
  void shouldDeadLetterANullKeyedSourceAsInvalidUuid() {
    byte[] bytes = gh().bytes();
    h.pipe(h.topics.sources(), null, bytes);

    List<TestRecord<byte[], byte[]>> dead = h.deadLetters();
    assertThat(dead).hasSize(1);
    assertDeadLetter(dead.get(0), null, bytes, "invalid-uuid", h.topics.sources(), 0);
  }

  @Test
  void shouldKeepTheOriginalTimestampOnADeadLetter() {
    h.pipe(h.topics.sources(), SRC.getBytes(StandardCharsets.UTF_8), "nope".getBytes(StandardCharsets.UTF_8));

    TestRecord<byte[], byte[]> dead = h.deadLetters().get(0);

    assertThat(dead.timestamp()).isNotNull();
  }

  static Events.Snapshot gh() {
    return Events.githubSource(SRC, "acme", "docs");
  }

  static Events.Snapshot job() {
    return Events.job(JOB, "acme", SRC);
  }

  static void assertDeadLetter(
      TestRecord<byte[], byte[]> dead, byte[] key, byte[] value, String reason, String topic, long offset) {
    assertThat(dead.key()).isEqualTo(key);
    assertThat(dead.value()).isEqualTo(value);
    assertThat(header(dead, "dlq.reason")).isEqualTo(reason);
    assertThat(header(dead, "dlq.topic")).isEqualTo(topic);
    assertThat(header(dead, "dlq.partition")).isEqualTo("0");
    assertThat(header(dead, "dlq.offset")).isEqualTo(Long.toString(offset));
    assertThat(dead.headers().toArray()).hasSize(4);
  }

  static String header(TestRecord<byte[], byte[]> rec, String name) {
    Header h = rec.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  static Stream<Arguments> tooLarge() {
    String bigKey = "k".repeat(RecordLimits.DEFAULT.maxKeyBytes() + 1);
    String padded = Events.githubSource(SRC, "acme", "docs")
        .set("pad", "p".repeat(RecordLimits.DEFAULT.maxValueBytes())).json();
    return Stream.of(
        Arguments.of("an API key's key", "sync.api-keys", bigKey, "{}"),
        Arguments.of("an API-key tombstone's key", "sync.api-keys", bigKey, null),
        Arguments.of("a source's key", "sync.sources", bigKey, Events.githubSource(SRC, "acme", "docs").json()),
        Arguments.of("a source's value", "sync.sources", SRC, padded),
        Arguments.of("a job's value", "sync.jobs", JOB, Events.job(JOB, "acme", SRC).set("pad", "p".repeat(RecordLimits.DEFAULT.maxValueBytes())).json()));
  }

  @ParameterizedTest(name = "{0} over the limit is dead-lettered as too-large")
  @MethodSource("tooLarge")
  void shouldDeadLetterARecordTooLargeToCarryWithoutApplyingAnyOfIt(
      String what, String topic, String key, String value) {
    // Given a record whose key or value is over what the view carries
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    byte[] v = value == null ? null : value.getBytes(StandardCharsets.UTF_8);

    // When it arrives, then a good job after it
    h.pipe(topic, k, v);
    h.source(Events.githubSource(SRC2, "acme", "docs")).job(Events.job(JOB2, "acme", SRC2));

    // Then it is dead-lettered unchanged as too-large, none of it applied, and the rest goes on
    List<TestRecord<byte[], byte[]>> dead = h.deadLetters();
    assertThat(dead).hasSize(1);
    assertThat(header(dead.get(0), "dlq.reason")).isEqualTo("too-large");
    assertThat(header(dead.get(0), "dlq.topic")).isEqualTo(topic);
    assertThat(dead.get(0).key()).isEqualTo(k);
    assertThat(dead.get(0).value()).isEqualTo(v);
    assertThat(h.ids("tok")).containsExactly(JOB2);
  }
}
