package dev.syncview.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncview.testing.Events;
import dev.syncview.testing.Json;
import dev.syncview.testing.Producing;
import dev.syncview.testing.RunningService;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The service end to end on a real in-JVM Kafka broker: events produced with a KafkaProducer, the
 * listing read over real HTTP, and a restart that keeps the listing.
 */
class ServiceIntegrationTest {
  static final Duration PATIENCE = Duration.ofSeconds(60);
  static final String SOURCES = "sync.sources";
  static final String JOBS = "sync.jobs";

  @Test
  void shouldServeTheListingFromTheRealBrokerAndKeepItAcrossARestart() throws Exception {
    try (RunningService service = new RunningService().start()) {
      String src = UUID.randomUUID().toString();
      String s3 = UUID.randomUUID().toString();
      List<String> jobs = new ArrayList<>();
      try (Producing kafka = new Producing(service.bootstrapServers())) {
        // Given a key, two sources, jobs in every partition, one updated through another partition
        kafka.send("sync.api-keys", "k1", Events.apiKey("k1", "acme", "tok", null));
        kafka.send(SOURCES, src, Events.githubSource(src, "acme", "docs"));
        kafka.send(SOURCES, s3, Events.s3Source(s3, "acme", "bucket-db"));
        for (int i = 0; i < 12; i++) {
          String id = UUID.randomUUID().toString();
          jobs.add(id);
          kafka.send(JOBS, id, Events.job(id, "acme", i % 2 == 0 ? src : s3).createdAt(ts(i)));
        }
        // a producer with another partitioner: version 2 lands in a partition murmur2 would not pick
        String moved = jobs.get(0);
        byte[] v2 = Events.job(moved, "acme", src).createdAt(ts(0)).version(2).set("status", "cancelled").bytes();
        int p1 = kafka.send(JOBS, moved, Events.job(moved, "acme", src).createdAt(ts(0))).partition();
        kafka.send(JOBS, (p1 + 1) % 3, moved, v2);
        kafka.send(JOBS, (p1 + 2) % 3, moved, Events.job(moved, "acme", src).createdAt(ts(0)).bytes());
        // and one poison record
        kafka.send(JOBS, null, "not-a-uuid", "{oops".getBytes(StandardCharsets.UTF_8));
      }

      // Then the listing appears over HTTP, in order, with the newest version of the moved job
      List<String> expected = new ArrayList<>(jobs);
      java.util.Collections.reverse(expected);
      // Both at once: the moved job's version 2 crosses another input partition, so the listing can
      // be complete with version 1 a moment before version 2 is applied.
      await().atMost(PATIENCE).untilAsserted(() -> {
        assertThat(ids(service)).isEqualTo(expected);
        assertThat(statusOf(service, jobs.get(0))).isEqualTo("cancelled");
      });
      List<ConsumerRecord<byte[], byte[]>> dead = deadLetters(service.bootstrapServers(), 1);
      assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{oops");
      assertThat(new String(dead.get(0).headers().lastHeader("dlq.reason").value(), StandardCharsets.UTF_8))
          .isEqualTo("invalid-uuid");

      // When the service restarts on the same directory
      String before = service.http().get("/api/v1/sources?limit=1000", "tok").body();
      service.stop();
      service.start();

      // Then it answers the same listing as soon as it is ready
      assertThat(service.http().get("/api/v1/sources?limit=1000", "tok").body()).isEqualTo(before);
    }
  }

  static String ts(int i) {
    return String.format("2026-11-20T10:%02d:00.000Z", i);
  }

  static List<String> ids(RunningService service) {
    var r = service.http().get("/api/v1/sources?limit=1000", "tok");
    List<String> out = new ArrayList<>();
    if (r.statusCode() == 200) {
      for (JsonNode item : Json.parse(r.body())) {
        out.add(item.get("id").asText());
      }
    }
    return out;
  }

  static String statusOf(RunningService service, String id) {
    for (JsonNode item : Json.parse(service.http().get("/api/v1/sources?limit=1000", "tok").body())) {
      if (item.get("id").asText().equals(id)) {
        return item.get("status").asText();
      }
    }
    return null;
  }

  static List<ConsumerRecord<byte[], byte[]>> deadLetters(String bootstrap, int atLeast) {
    Map<String, Object> cfg =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(cfg, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      c.subscribe(List.of("sync.dead-letters"));
      await()
          .atMost(PATIENCE)
          .until(
              () -> {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
                return out.size() >= atLeast;
              });
    }
    return out;
  }
}
