package dev.syncview.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syncview.kafka.EmbeddedKafkaBroker;
import dev.syncview.testing.CaughtUp;
import dev.syncview.testing.Events;
import dev.syncview.testing.Json;
import dev.syncview.testing.Producing;
import dev.syncview.testing.ServiceProcess;
import dev.syncview.testing.TempDirs;
import dev.syncview.testing.TopicReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/**
 * Dead letters end to end on a real broker, with the service as an operator runs it (a child
 * JVM): every malformed case of events.md yields exactly one dead letter carrying the original key
 * and value byte for byte, the original coordinates and reason, and the events after it are still
 * applied. A planted S3 secret never shows in the service's log, its stores' changelogs, its auth
 * topic or its answers.
 */
class DeadLetterIntegrationTest {
  static final String SECRET = "planted-secret-" + UUID.randomUUID();
  static final String KEY_ID = "AKIAPLANTED" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();

  static final List<String> INPUTS = List.of("sync.sources", "sync.jobs", "sync.api-keys");

  record Sent(RecordMetadata at, String reason, byte[] key, byte[] value) {}

  @Test
  void shouldDeadLetterEveryMalformedCaseOnceAndKeepGoingWithoutLeakingSecrets() throws Exception {
    Path dir = Files.createTempDirectory("sync-view-dlq-");
    String app = "dlq-" + UUID.randomUUID().toString().substring(0, 8);
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start("localhost", 0, 0, dir.resolve("kafka"), Map.of());
        ServiceProcess service =
            new ServiceProcess(broker.bootstrapServers(), Files.createDirectories(dir.resolve("svc")), app,
                EmbeddedKafkaBroker.freePort("127.0.0.1")).start();
        Producing kafka = new Producing(broker.bootstrapServers())) {
      String src = UUID.randomUUID().toString();
      String s3 = UUID.randomUUID().toString();
      kafka.send("sync.api-keys", "k1", Events.apiKey("k1", "acme", "tok", null));
      kafka.send("sync.sources", src, Events.githubSource(src, "acme", "docs"));
      kafka.send("sync.sources", s3, Events.s3Source(s3, "acme", "bucket").edit(o -> o.with("s3")
          .put("aws_access_key_id", KEY_ID).put("aws_secret_access_key", SECRET)));

      // Given every malformed case, each followed by a good job
      List<Sent> bad = new ArrayList<>();
      List<String> good = new ArrayList<>();
      for (Object[] c : cases(src, s3)) {
        String topic = (String) c[0];
        byte[] key = c[1] == null ? null : ((String) c[1]).getBytes(StandardCharsets.UTF_8);
        byte[] value = c[2] == null ? null : ((String) c[2]).getBytes(StandardCharsets.UTF_8);
        bad.add(new Sent(kafka.send(topic, null, key == null ? null : (String) c[1], value), (String) c[3], key, value));
        String job = UUID.randomUUID().toString();
        kafka.send("sync.jobs", job, Events.job(job, "acme", src));
        good.add(job);
      }

      // Then exactly one dead letter per case, byte for byte with its coordinates
      CaughtUp.await(broker.bootstrapServers(), app, INPUTS, Duration.ofMinutes(2));
      List<ConsumerRecord<byte[], byte[]>> dead = TopicReader.readToEnd(broker.bootstrapServers(), "sync.dead-letters");
      assertThat(dead).hasSize(bad.size());
      for (Sent s : bad) {
        List<ConsumerRecord<byte[], byte[]>> matches =
            dead.stream()
                .filter(d -> header(d, "dlq.offset").equals(Long.toString(s.at().offset()))
                    && header(d, "dlq.partition").equals(Integer.toString(s.at().partition()))
                    && header(d, "dlq.topic").equals(s.at().topic()))
                .toList();
        assertThat(matches).as("dead letters of %s", s.reason()).hasSize(1);
        ConsumerRecord<byte[], byte[]> d = matches.get(0);
        assertThat(header(d, "dlq.reason")).isEqualTo(s.reason());
        assertThat(d.key()).isEqualTo(s.key());
        assertThat(d.value()).isEqualTo(s.value());
        assertThat(d.timestamp()).isEqualTo(s.at().timestamp());
      }
      // and the good events after them were applied
      await().atMost(Duration.ofMinutes(1)).ignoreExceptions().untilAsserted(() -> {
        var r = service.http().get("/api/v1/sources?limit=1000&database_name=docs", "tok");
        List<String> ids = new ArrayList<>();
        Json.parse(r.body()).forEach(i -> ids.add(i.get("id").asText()));
        assertThat(ids).containsAll(good);
      });

      // and the planted secret is nowhere but in the original bytes
      String everything = service.http().get("/api/v1/sources?limit=1000", "tok").body();
      assertThat(everything).doesNotContain(SECRET).doesNotContain(KEY_ID);
      assertThat(service.log()).doesNotContain(SECRET).doesNotContain(KEY_ID);
      for (String topic : internalTopics(broker.bootstrapServers(), app)) {
        for (ConsumerRecord<byte[], byte[]> r : TopicReader.readToEnd(broker.bootstrapServers(), topic)) {
          String text = new String(r.value() == null ? new byte[0] : r.value(), StandardCharsets.ISO_8859_1);
          assertThat(text).as(topic).doesNotContain(SECRET).doesNotContain(KEY_ID);
        }
      }
    } finally {
      TempDirs.delete(dir);
    }
  }

  /** topic, key, value, reason. */
  static List<Object[]> cases(String src, String s3) {
    String job = UUID.randomUUID().toString();
    String otherSrc = UUID.randomUUID().toString();
    List<Object[]> c = new ArrayList<>();
    c.add(new Object[] {"sync.sources", src, "{\"id\":", "malformed-json"});
    c.add(new Object[] {"sync.sources", src, Events.githubSource(src, "acme", "docs").version(9).remove("tenant").json(), "missing-field"});
    c.add(new Object[] {"sync.sources", src, Events.githubSource(src, "acme", "docs").set("version", "2").json(), "invalid-field"});
    c.add(new Object[] {"sync.sources", "not-a-uuid", Events.githubSource(src, "acme", "docs").json(), "invalid-uuid"});
    c.add(new Object[] {"sync.sources", otherSrc, Events.githubSource(src, "acme", "docs").json(), "key-mismatch"});
    c.add(new Object[] {"sync.sources", src, Events.githubSource(src, "acme", "docs").version(9).set("created_at", "2026-11-20").json(), "invalid-timestamp"});
    c.add(new Object[] {"sync.sources", src, Events.githubSource(src, "acme", "docs").version(9).remove("github").json(), "type-keys"});
    c.add(new Object[] {"sync.sources", src, Events.webSource(src, "acme", "docs").version(9).json(), "type-keys"});
    c.add(new Object[] {"sync.sources", src, Events.githubSource(src, "other", "docs").version(9).json(), "tenant-mismatch"});
    c.add(new Object[] {"sync.sources", s3, Events.s3Source(s3, "acme", "bucket").version(9).remove("tenant")
        .edit(o -> o.with("s3").put("aws_secret_access_key", SECRET)).json(), "missing-field"});
    c.add(new Object[] {"sync.jobs", job, Events.job(job, "acme", src).set("status", "Done").json(), "unknown-status"});
    c.add(new Object[] {"sync.jobs", job, Events.job(job, "acme", src).remove("ref_identifier").json(), "missing-field"});
    c.add(new Object[] {"sync.jobs", UUID.randomUUID().toString(), Events.job(UUID.randomUUID().toString(), "other", src).json(), "key-mismatch"});
    String mismatched = UUID.randomUUID().toString();
    c.add(new Object[] {"sync.jobs", mismatched, Events.job(mismatched, "other", src).json(), "tenant-mismatch"});
    c.add(new Object[] {"sync.api-keys", "k2", Events.apiKey("k2", "acme", "tok", null).json(), "duplicate-token"});
    c.add(new Object[] {"sync.api-keys", "k3", Events.apiKey("k3", "acme", "t3", null).set("token_sha256", "ABC").json(), "invalid-field"});
    c.add(new Object[] {"sync.api-keys", "", Events.apiKey("", "acme", "t4", null).json(), "key-mismatch"});
    return c;
  }

  static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    var h = r.headers().lastHeader(name);
    return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
  }

  static List<String> internalTopics(String bootstrap, String app) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      return admin.listTopics().names().get().stream()
          .filter(t -> (t.startsWith(app + "-") && t.endsWith("-changelog")) || t.equals(app + ".auth"))
          .toList();
    }
  }
}
