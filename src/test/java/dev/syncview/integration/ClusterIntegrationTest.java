package dev.syncview.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncview.kafka.EmbeddedKafkaBroker;
import dev.syncview.testing.Events;
import dev.syncview.testing.HttpClientSupport;
import dev.syncview.testing.Json;
import dev.syncview.testing.Producing;
import dev.syncview.testing.ServiceProcess;
import dev.syncview.testing.TempDirs;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Three instances of one application on one broker, with a standby copy of every store: any
 * instance answers any tenant's query with the same page (forwarding to the instance that holds
 * the tenant), and while one instance is killed and its partitions move, the others answer only
 * the correct page or a 503, never a wrong page, a 500 or a hang.
 */
class ClusterIntegrationTest {
  static final int INSTANCES = 3;
  static final int TENANTS = 9;
  static final int JOBS_PER_TENANT = 7;
  static final Duration DURING_REBALANCE = Duration.ofSeconds(25);

  record Query(String token, String path) {}

  @Test
  void shouldAnswerIdenticallyOnEveryInstanceAndStayCorrectWhileOneIsKilled() throws Exception {
    Path dir = Files.createTempDirectory("sync-view-cluster-");
    String app = "cluster-" + UUID.randomUUID().toString().substring(0, 8);
    List<ServiceProcess> instances = new ArrayList<>();
    try (EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.start("localhost", 0, 0, dir.resolve("kafka"), Map.of())) {
      for (int i = 0; i < INSTANCES; i++) {
        Path home = Files.createDirectories(dir.resolve("instance-" + i));
        int port = EmbeddedKafkaBroker.freePort("127.0.0.1");
        instances.add(
            new ServiceProcess(broker.bootstrapServers(), home, app, port)
                .with("APPLICATION_SERVER", "127.0.0.1:" + port)
                .with("NUM_STANDBY_REPLICAS", "1")
                .with("FORWARD_TIMEOUT_MS", "3000")
                .start());
      }
      // Given tenants spread over the view's partitions, each with its own key, source and jobs
      Map<Query, List<String>> expected = publish(broker.bootstrapServers());

      // When every instance is asked every query, once they are caught up
      try {
        for (ServiceProcess instance : instances) {
          await()
              .atMost(Duration.ofMinutes(3))
              .pollInterval(Duration.ofMillis(500))
              .ignoreException(UncheckedIOException.class)
              .untilAsserted(() -> assertAnswers(instance.http(), expected));
        }

        // Then the pages are byte-identical across instances, and some were served elsewhere
        Set<String> servedElsewhere = new HashSet<>();
        for (Query q : expected.keySet()) {
          String first = null;
          for (int i = 0; i < INSTANCES; i++) {
            HttpResponse<String> r = instances.get(i).http().get(q.path(), q.token());
            assertThat(r.statusCode()).isEqualTo(200);
            first = first == null ? r.body() : first;
            assertThat(r.body()).as("%s on instance %d", q, i).isEqualTo(first);
            String servedBy = r.headers().firstValue("X-Served-By").orElseThrow();
            if (!servedBy.endsWith(":" + instances.get(i).port())) {
              servedElsewhere.add(q.path() + " via " + i);
            }
          }
        }
        assertThat(servedElsewhere).isNotEmpty();

        // When one instance dies hard, the others keep answering: the right page or a 503
        instances.get(0).kill();
        long until = System.nanoTime() + DURING_REBALANCE.toNanos();
        int ok = 0;
        int unavailable = 0;
        int standby = 0;
        while (System.nanoTime() < until) {
          for (Map.Entry<Query, List<String>> e : expected.entrySet()) {
            for (int i = 1; i < INSTANCES; i++) {
              long start = System.nanoTime();
              HttpResponse<String> r = instances.get(i).http().get(e.getKey().path(), e.getKey().token());
              long ms = (System.nanoTime() - start) / 1_000_000;
              assertThat(ms).as("answer time of %s", e.getKey()).isLessThan(10_000);
              if (r.statusCode() == 503) {
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
                assertThat(Json.parse(r.body()).path("error").asText()).isEqualTo("Unavailable");
                unavailable++;
              } else {
                assertThat(r.statusCode()).as("%s: %s", e.getKey(), r.body()).isEqualTo(200);
                assertThat(ids(r.body())).as("%s", e.getKey()).isEqualTo(e.getValue());
                ok++;
                standby += r.headers().firstValue("X-View-Standby").isPresent() ? 1 : 0;
              }
            }
          }
        }
        System.out.printf(
            "during the rebalance: %d correct pages (%d from standbys), %d 503s%n", ok, standby, unavailable);
        assertThat(ok).isPositive();

        // Then, settled, both survivors answer everything again from the active copies: what
        // an instance kept about where tenants live was dropped when the tasks moved
        for (int i = 1; i < INSTANCES; i++) {
          HttpClientSupport http = instances.get(i).http();
          await()
              .atMost(Duration.ofMinutes(2))
              .pollInterval(Duration.ofMillis(500))
              .untilAsserted(() -> assertAnswers(http, expected));
          await()
              .atMost(Duration.ofMinutes(1))
              .pollInterval(Duration.ofMillis(500))
              .untilAsserted(() -> assertActiveAnswers(http, expected));
        }
      } catch (AssertionError | RuntimeException e) {
        for (int i = 0; i < INSTANCES; i++) {
          Files.copy(
              instances.get(i).logFile().toPath(),
              Path.of("target", "cluster-instance-" + i + ".log"),
              StandardCopyOption.REPLACE_EXISTING);
        }
        throw e;
      }
    } finally {
      for (ServiceProcess p : instances) {
        p.close();
      }
      TempDirs.delete(dir);
    }
  }

  /** Publishes the data; returns each query with the job ids its page must hold, in order. */
  private static Map<Query, List<String>> publish(String bootstrap) {
    Map<Query, List<String>> expected = new LinkedHashMap<>();
    try (Producing kafka = new Producing(bootstrap)) {
      for (int t = 0; t < TENANTS; t++) {
        String tenant = "tenant-" + t;
        String token = "token-" + t + "-" + UUID.randomUUID();
        String source = UUID.nameUUIDFromBytes(tenant.getBytes()).toString();
        kafka.send("sync.api-keys", "key-" + t, Events.apiKey("key-" + t, tenant, token, null));
        kafka.send("sync.sources", source, Events.githubSource(source, tenant, "db-" + t));
        List<String> newestFirst = new ArrayList<>();
        for (int j = 0; j < JOBS_PER_TENANT; j++) {
          String job = UUID.nameUUIDFromBytes((tenant + "/" + j).getBytes()).toString();
          kafka.send(
              "sync.jobs",
              job,
              Events.job(job, tenant, source).createdAt(String.format("2026-11-%02dT10:00:00Z", 1 + j)));
          newestFirst.add(0, job);
        }
        expected.put(new Query(token, "/api/v1/sources"), newestFirst);
        expected.put(new Query(token, "/api/v1/sources?limit=3&order_by=ASC"), reversed(newestFirst).subList(0, 3));
        expected.put(new Query(token, "/api/v1/invocations?source_id=" + source + "&offset=2&limit=2"), newestFirst.subList(2, 4));
      }
    }
    return expected;
  }

  private static void assertAnswers(HttpClientSupport http, Map<Query, List<String>> expected) {
    Map<Query, List<String>> actual = new HashMap<>();
    for (Query q : expected.keySet()) {
      HttpResponse<String> r = http.get(q.path(), q.token());
      assertThat(r.statusCode()).as("%s: %s", q, r.body()).isEqualTo(200);
      actual.put(q, ids(r.body()));
    }
    assertThat(actual).isEqualTo(expected);
  }

  private static void assertActiveAnswers(HttpClientSupport http, Map<Query, List<String>> expected) {
    for (Query q : expected.keySet()) {
      HttpResponse<String> r = http.get(q.path(), q.token());
      assertThat(r.statusCode()).as("%s: %s", q, r.body()).isEqualTo(200);
      assertThat(r.headers().firstValue("X-View-Standby")).as("%s", q).isEmpty();
    }
  }

  private static List<String> ids(String body) {
    List<String> ids = new ArrayList<>();
    for (JsonNode item : Json.parse(body)) {
      ids.add(item.path("id").asText());
    }
    return ids;
  }

  private static List<String> reversed(List<String> list) {
    List<String> copy = new ArrayList<>(list);
    java.util.Collections.reverse(copy);
    return copy;
  }
}
