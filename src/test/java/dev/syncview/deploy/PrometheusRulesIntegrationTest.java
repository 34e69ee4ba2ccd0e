package dev.syncview.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syncview.http.HttpServer;
import dev.syncview.http.HttpSettings;
import dev.syncview.kafka.EmbeddedKafkaBroker;
import dev.syncview.metrics.ServiceMetrics;
import dev.syncview.query.Placement;
import dev.syncview.testing.HttpClientSupport;
import dev.syncview.testing.Processes;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * ops/prometheus as a real Prometheus runs it: the job of prometheus.yml (targets aside: there is
 * no Compose DNS here) scrapes the service's real HTTP server and metrics registry every second and
 * evaluates alerts.yml. A view that is not ready, a dead letter and API 503s are provoked, and
 * their alerts must go pending or fire while the others stay quiet.
 */
class PrometheusRulesIntegrationTest {
  static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  @TempDir Path dir;
  final SwitchableView view = new SwitchableView();
  final ServiceMetrics metrics = new ServiceMetrics();
  final ScheduledExecutorService traffic = Executors.newSingleThreadScheduledExecutor();
  Javalin http;
  Process prometheus;
  String api;

  @BeforeEach
  void start() throws IOException {
    assumeTrue(
        Binaries.find("prometheus").isPresent(),
        "prometheus is not installed (apt-get install -y prometheus): ops/prometheus/alerts.yml is not evaluated");
    metrics.bind(view);
    http =
        HttpServer.create(
                view,
                view,
                (positions, timeout) -> {},
                Placement.SINGLE,
                new HttpSettings("s".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(1), "sync.api-keys"),
                metrics)
            .start("127.0.0.1", 0);
    int port = EmbeddedKafkaBroker.freePort("127.0.0.1");
    api = "http://127.0.0.1:" + port + "/api/v1/";
    prometheus =
        new ProcessBuilder(
                Binaries.find("prometheus").orElseThrow().toString(),
                "--config.file=" + config(http.port()),
                "--storage.tsdb.path=" + dir.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("prometheus.log").toFile())
            .start();
  }

  @AfterEach
  void stop() throws Exception {
    traffic.shutdownNow();
    if (prometheus != null) {
      Processes.stop(prometheus, Duration.ofSeconds(10));
      System.out.println(Files.readString(dir.resolve("prometheus.log")));
    }
    if (http != null) {
      http.stop();
    }
    metrics.close();
  }

  @Test
  void shouldFireTheAlertsOfWhatIsWrongAndOnlyThose() {
    // Given a view that is not ready (its API answers 503, all the time) and one dead letter
    metrics.deadLettered("sync.jobs", "invalid-uuid");
    HttpClientSupport client = new HttpClientSupport(http.port());
    traffic.scheduleAtFixedRate(() -> client.get("/api/v1/sources", "token"), 0, 100, TimeUnit.MILLISECONDS);

    // When Prometheus scrapes it and evaluates the rules
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
        .until(() -> get("targets").path("data").path("activeTargets").path(0).path("health").asText().equals("up"));

    // Then every rule evaluates cleanly, and exactly the provoked alerts are pending or firing
    Map<String, String> expected =
        Map.of(
            "SyncViewNotReady", "pending",
            "SyncViewDeadLetters", "firing",
            "SyncViewUnavailable", "pending",
            "SyncViewInstanceDown", "inactive",
            "SyncViewRestarting", "inactive",
            "SyncViewLagHigh", "inactive",
            "SyncViewStale", "inactive");
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(alertStates()).isEqualTo(expected));

    // and the readiness alert follows the view once it is ready
    view.ready = true;
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
        .untilAsserted(() -> assertThat(alertStates()).containsEntry("SyncViewNotReady", "inactive"));
  }

  /** State per alert; fails while any rule has not evaluated cleanly yet. */
  private Map<String, String> alertStates() {
    Map<String, String> states = new HashMap<>();
    for (JsonNode group : get("rules").path("data").path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        assertThat(rule.path("health").asText()).as("%s: %s", rule.path("name"), rule.path("lastError")).isEqualTo("ok");
        states.put(rule.path("name").asText(), rule.path("state").asText());
      }
    }
    return states;
  }

  /** prometheus.yml of ops/, scraping this test's server every second. */
  @SuppressWarnings("unchecked")
  private Path config(int target) throws IOException {
    Map<String, Object> config = new Yaml().load(Files.readString(Path.of("ops", "prometheus", "prometheus.yml")));
    config.put("global", Map.of("scrape_interval", "1s", "evaluation_interval", "1s"));
    config.put("rule_files", List.of(OpsQueries.ALERTS.toAbsolutePath().toString()));
    List<Map<String, Object>> scrapes = (List<Map<String, Object>>) config.get("scrape_configs");
    assertThat(scrapes).hasSize(1);
    scrapes.get(0).remove("dns_sd_configs");
    scrapes.get(0).put("static_configs", List.of(Map.of("targets", List.of("127.0.0.1:" + target))));
    Path file = dir.resolve("prometheus.yml");
    Files.writeString(file, new Yaml().dump(config));
    return file;
  }

  private JsonNode get(String path) {
    try {
      HttpResponse<String> r =
          CLIENT.send(HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      return new ObjectMapper().readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
