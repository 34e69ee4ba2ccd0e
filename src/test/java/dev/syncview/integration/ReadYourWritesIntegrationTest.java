package dev.syncview.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncview.testing.Events;
import dev.syncview.testing.Json;
import dev.syncview.testing.Producing;
import dev.syncview.testing.RunningService;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/**
 * Read-your-writes on the real broker: a client that passes the position of what it produced
 * sees it in the very next answer, every time; a position the view cannot reach in time is a 503.
 */
class ReadYourWritesIntegrationTest {
  static final String[] STATUSES = {"pending", "processing", "cancelled"};

  static String position(RecordMetadata m) {
    return m.topic() + ":" + m.partition() + ":" + m.offset();
  }

  @Test
  void shouldSeeEveryWriteAtOnceWhenItsPositionIsGiven() throws Exception {
    try (RunningService service = new RunningService().with("MIN_POSITION_TIMEOUT_MS", "10000").start();
        Producing kafka = new Producing(service.bootstrapServers())) {
      String src = UUID.randomUUID().toString();
      String job = UUID.randomUUID().toString();
      RecordMetadata key = kafka.send("sync.api-keys", "k1", Events.apiKey("k1", "acme", "tok", null));
      kafka.send("sync.sources", src, Events.githubSource(src, "acme", "docs"));

      // a brand-new key works at once when its position is given
      HttpResponse<String> first = service.http().get("/api/v1/sources?min_position=" + position(key), "tok");
      assertThat(first.statusCode()).isEqualTo(200);

      List<Long> waits = new ArrayList<>();
      for (int v = 1; v <= 25; v++) {
        RecordMetadata m =
            kafka.send("sync.jobs", job, Events.job(job, "acme", src).version(v)
                .set("status", STATUSES[v % 3]).set("target_collection_name", "c" + v));
        long start = System.nanoTime();
        HttpResponse<String> r =
            service.http().get("/api/v1/invocations/" + job + "?min_position=" + position(m), "tok");
        waits.add((System.nanoTime() - start) / 1_000_000);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode item = Json.parse(r.body());
        assertThat(item.get("metadata").get("collection_name").asText()).as("version %d", v).isEqualTo("c" + v);
        assertThat(item.get("status").asText()).isEqualTo(STATUSES[v % 3]);
        assertThat(r.headers().firstValue("X-View-Lag-Records")).isPresent();
      }
      // a source change re-shapes its jobs, visible at once in the listing
      RecordMetadata moved = kafka.send("sync.sources", src, Events.githubSource(src, "acme", "archive").version(2));
      HttpResponse<String> listing =
          service.http().get("/api/v1/sources?database_name=archive&min_position=" + position(moved), "tok");
      assertThat(Json.parse(listing.body())).hasSize(1);
      waits.sort(Long::compare);
      System.out.printf("read-your-writes waits (ms): median %d, max %d%n", waits.get(waits.size() / 2), waits.get(waits.size() - 1));
    }
  }

  @Test
  void shouldAnswerUnavailableWhenThePositionIsNotReachedInTimeAndBadRequestForOtherTopics() throws Exception {
    // Room for a key's position, which waits for global fetches even when the key is long
    // applied; short enough that the unreachable position's 503 comes quickly.
    try (RunningService service = new RunningService().with("MIN_POSITION_TIMEOUT_MS", "2000").start();
        Producing kafka = new Producing(service.bootstrapServers())) {
      RecordMetadata key = kafka.send("sync.api-keys", "k1", Events.apiKey("k1", "acme", "tok", null));
      service.awaitCaughtUp(Duration.ofSeconds(30));

      HttpResponse<String> future = service.http().get("/api/v1/sources?min_position=sync.jobs:0:1000000", "tok");
      assertThat(future.statusCode()).isEqualTo(503);
      assertThat(future.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(service.http().get("/api/v1/sources?min_position=other.topic:0:1", "tok").statusCode()).isEqualTo(400);
      assertThat(service.http().get("/api/v1/sources?min_position=sync.jobs:x:1", "tok").statusCode()).isEqualTo(400);
      assertThat(service.http().get("/api/v1/sources?min_position=" + position(key), "tok").statusCode()).isEqualTo(200);
      assertThat(service.http().get("/api/v1/sources?min_position=sync.api-keys:99:0", "tok").statusCode()).isEqualTo(400);

      // An applied position answers at once however often it is given: 20 copies within the 2 s
      // timeout (each once waited three global fetches in turn, and timed out)
      String twenty = ("&min_position=" + position(key)).repeat(20);
      assertThat(service.http().get("/api/v1/sources?limit=1" + twenty, "tok").statusCode()).isEqualTo(200);

      JsonNode health = Json.parse(service.http().get("/health", null).body());
      assertThat(health.get("status").asText()).isEqualTo("ok");
      assertThat(health.get("lag").get("records").asLong()).isZero();
      assertThat(health.get("lag").get("partitions").has("sync.jobs-0")).isTrue();
    }
  }

  @Test
  void shouldAnswer401AtOnceWhenAnUnknownTokenNamesPositionsItsKeyCannotBeIn() throws Exception {
    // Given a read-your-writes timeout far longer than the client's 30 s: a request that waited
    // for it would fail the client, so every 401 below came without waiting
    try (RunningService service = new RunningService().with("MIN_POSITION_TIMEOUT_MS", "120000").start();
        Producing kafka = new Producing(service.bootstrapServers())) {
      RecordMetadata key = kafka.send("sync.api-keys", "k1", Events.apiKey("k1", "acme", "tok", null));
      service.awaitCaughtUp(Duration.ofSeconds(30));

      // When an unknown token names a partition that does not exist, an applied record, a record
      // not yet produced, or another topic's records
      for (String position : List.of(
          "sync.api-keys:99:0", position(key), "sync.api-keys:" + key.partition() + ":1000000", "sync.jobs:0:1000000")) {
        HttpResponse<String> r = service.http().get("/api/v1/sources?min_position=" + position, "nope");

        // Then the answer is a 401 at once: none of these can make the token known
        assertThat(r.statusCode()).as(position).isEqualTo(401);
      }
      // while the valid token still reads with its own applied position
      assertThat(service.http().get("/api/v1/sources?min_position=" + position(key), "tok").statusCode()).isEqualTo(200);
    }
  }
}
