package dev.syncview.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syncview.deploy.OpsQueries;
import dev.syncview.kafka.EmbeddedKafkaBroker;
import dev.syncview.testing.Events;
import dev.syncview.testing.HttpClientSupport;
import dev.syncview.testing.Json;
import dev.syncview.testing.Producing;
import dev.syncview.testing.ServiceProcess;
import dev.syncview.testing.TempDirs;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The service as an operator runs it (a child JVM, JSON logs, a broker of its own): metrics that
 * move with real traffic (and hold everything ops/ queries), logs without secrets, SIGTERM that
 * stops it cleanly and quickly, a restart that finds its state instead of restoring it, answering
 * 503 until it is ready, and an exit of its own when the projection fails for good.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperationsIntegrationTest {
  static final String TOKEN = "ops-token-" + UUID.randomUUID();
  static final String SECRET = "planted-ops-secret-" + UUID.randomUUID();
  static final String SOURCE = "00000000-0000-4000-8000-00000000aa01";
  static final int JOBS = 20;

  Path dir;
  EmbeddedKafkaBroker broker;
  ServiceProcess service;
  HttpClientSupport http;

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("sync-view-ops-");
    broker = EmbeddedKafkaBroker.start("localhost", 0, 0, dir.resolve("kafka"), Map.of());
    Files.createDirectories(dir.resolve("service"));
    service =
        new ServiceProcess(
                broker.bootstrapServers(),
                dir.resolve("service"),
                "ops-" + UUID.randomUUID().toString().substring(0, 8),
                EmbeddedKafkaBroker.freePort("127.0.0.1"))
            .with("LOG_FORMAT", "json")
            // a min_position the view never reaches is then a quick 503
            .with("MIN_POSITION_TIMEOUT_MS", "300")
            .start();
    http = service.http();
    awaitHealth(Duration.ofMinutes(2));
    try (Producing kafka = new Producing(broker.bootstrapServers())) {
      kafka.send("sync.api-keys", "ops-key", Events.apiKey("ops-key", "ops", TOKEN, null));
      kafka.send(
          "sync.sources",
          SOURCE,
          Events.s3Source(SOURCE, "ops", "ops-db")
              .edit(o -> o.with("s3").put("aws_secret_access_key", SECRET)));
      for (int i = 0; i < JOBS; i++) {
        String id = String.format("00000000-0000-4000-9000-%012d", i);
        kafka.send("sync.jobs", id, Events.job(id, "ops", SOURCE));
      }
      kafka.send("sync.jobs", null, "not-a-uuid", "{}".getBytes(StandardCharsets.UTF_8));
    }
    await()
        .atMost(Duration.ofMinutes(1))
        .ignoreException(UncheckedIOException.class)
        .until(() -> Json.parse(http.get("/api/v1/sources?limit=1000", TOKEN).body()).size() == JOBS);
  }

  @AfterAll
  void stop() throws Exception {
    try {
      service.close();
      broker.close();
      Files.writeString(Path.of("target", "operations-service.log"), service.log());
    } finally {
      TempDirs.delete(dir);
    }
  }

  @Test
  @Order(1)
  void shouldExposePrometheusMetricsThatMoveWithTraffic() {
    // Given some listings, a 401 and a 404 answered
    for (int i = 0; i < 5; i++) {
      assertThat(http.get("/api/v1/sources?limit=5", TOKEN).statusCode()).isEqualTo(200);
    }
    assertThat(http.get("/api/v1/sources", "wrong").statusCode()).isEqualTo(401);
    assertThat(http.get("/no/such/route", null).statusCode()).isEqualTo(404);

    // When /metrics is scraped, once Micrometer has re-read the client's metrics since its tasks
    // were created (it does every 5 s: the metrics are bound when the client is created)
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> http.get("/metrics", null).body().contains("kafka_stream_task_"));
    HttpResponse<String> r = http.get("/metrics", null);

    // Then it is Prometheus text with the service's, Streams', consumer lag and JVM metrics
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    String m = r.body();
    assertThat(value(m, "http_server_requests_seconds_count", "method=\"GET\",route=\"/api/v1/sources\",status=\"200\""))
        .isGreaterThanOrEqualTo(5);
    assertThat(value(m, "http_server_requests_seconds_count", "method=\"GET\",route=\"/api/v1/sources\",status=\"401\""))
        .isGreaterThanOrEqualTo(1);
    assertThat(value(m, "http_server_requests_seconds_count", "method=\"GET\",route=\"UNMATCHED\",status=\"404\""))
        .isGreaterThanOrEqualTo(1);
    assertThat(m).contains("http_server_requests_seconds_bucket{");
    assertThat(value(m, "syncview_events_received_total", "topic=\"sync.jobs\"")).isGreaterThanOrEqualTo(JOBS + 1);
    assertThat(value(m, "syncview_events_received_total", "topic=\"sync.sources\"")).isGreaterThanOrEqualTo(1);
    assertThat(value(m, "syncview_events_dead_lettered_total", "reason=\"invalid-uuid\",topic=\"sync.jobs\""))
        .isEqualTo(1);
    assertThat(value(m, "syncview_view_lag_records", "")).isZero();
    assertThat(m).contains("syncview_view_partition_lag_records{partition=\"sync.jobs-0\"}");
    assertThat(m).contains("kafka_stream_client_state").contains("kafka_stream_thread_process_total");
    assertThat(m).containsPattern("kafka_stream_task_\\w+\\{");
    assertThat(m).containsPattern("kafka_stream_state_\\w+\\{.*rocksdb");
    assertThat(m).containsPattern("kafka_consumer_fetch_manager_records_lag\\{.*partition=");
    assertThat(m).contains("jvm_memory_used_bytes").contains("process_cpu_usage");
    // and, by the next samples of the progress (one a second), every input record read (key,
    // source, jobs, the bad one), nothing left, nothing restored
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> {
          String p = http.get("/metrics", null).body();
          assertThat(value(p, "syncview_replay_records_done_total", "")).isGreaterThanOrEqualTo(JOBS + 3);
          assertThat(value(p, "syncview_replay_records_remaining", "")).isZero();
          assertThat(value(p, "syncview_replay_eta_seconds", "")).isZero();
          assertThat(value(p, "syncview_restore_records_remaining", "")).isZero();
        });
  }

  @Test
  @Order(2)
  void shouldExposeEveryMetricAndLabelTheOpsAlertsAndDashboardQuery() {
    // Given a 503 answered (a dead letter and Streams' task metrics exist since the start)
    assertThat(http.get("/api/v1/sources?min_position=sync.jobs:0:999999999", TOKEN).statusCode()).isEqualTo(503);

    // When /metrics is scraped
    String m = http.get("/metrics", null).body();

    // Then every metric ops/prometheus/alerts.yml and ops/grafana/sync-view.json read is there
    assertThat(OpsQueries.all())
        .isNotEmpty()
        .allSatisfy(s -> assertThat(OpsQueries.exposes(m, s)).as("%s in /metrics", s).isTrue());
  }

  @Test
  @Order(2)
  void shouldLogOneJsonObjectPerLineWithoutTokensOrSecrets() {
    String log = service.log();
    assertThat(log.lines().filter(l -> !l.isBlank()).toList())
        .isNotEmpty()
        .allSatisfy(line -> assertThat(Json.parse(line).isObject()).as(line).isTrue());
    assertThat(log).doesNotContain(TOKEN).doesNotContain(SECRET).doesNotContain(Events.sha256(TOKEN));
    assertThat(log).contains("projection state REBALANCING -> RUNNING");
  }

  @Test
  @Order(3)
  void shouldStopCleanlyAndQuicklyOnSigterm() throws Exception {
    // When SIGTERM is sent
    long start = System.nanoTime();
    int exit = service.stop(Duration.ofSeconds(40));
    long ms = (System.nanoTime() - start) / 1_000_000;

    // Then the JVM exits by itself, after HTTP, then Streams, were stopped in that order
    assertThat(exit).as("exit code after %d ms", ms).isIn(0, 143);
    List<String> messages = messages(service.log());
    int http = messages.indexOf("HTTP stopped");
    int streams = messages.indexOf("projection state PENDING_SHUTDOWN -> NOT_RUNNING");
    int closed = messages.indexOf("projection closed");
    assertThat(http).isNotNegative();
    assertThat(streams).isGreaterThan(http);
    assertThat(closed).isGreaterThan(http);
  }

  @Test
  @Order(4)
  void shouldAnswer503UntilReadyAndNotRestoreAfterACleanStop() throws Exception {
    // Given the log of the first run
    int before = messages(service.log()).size();

    // When the service starts again on the same state directory
    service.start();
    AtomicBoolean saw503 = new AtomicBoolean();
    AtomicBoolean streamsMetricsWhileStarting = new AtomicBoolean();
    AtomicInteger status = new AtomicInteger();
    List<String> phases = new java.util.concurrent.CopyOnWriteArrayList<>();
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(5))
        .ignoreException(UncheckedIOException.class)
        .until(
            () -> {
              HttpResponse<String> health = http.get("/health", null);
              status.set(health.statusCode());
              if (status.get() == 503) {
                saw503.set(true);
                phases.add(Json.parse(health.body()).at("/progress/phase").asText());
                streamsMetricsWhileStarting.compareAndSet(
                    false, http.get("/metrics", null).body().contains("kafka_stream_thread_"));
              }
              return status.get() == 200;
            });

    // Then Kafka Streams' metrics were scraped before the view was ready, not only once it ran
    assertThat(streamsMetricsWhileStarting.get()).as("Streams metrics during the 503s").isTrue();
    assertThat(phases).isNotEmpty().allSatisfy(p -> assertThat(p).isIn("starting", "restoring", "rebalancing"));
    // Then /health said 503 while starting, then 200; nothing was restored from changelogs
    assertThat(status.get()).isEqualTo(200);
    assertThat(saw503.get()).isTrue();
    List<String> all = messages(service.log());
    List<String> second = all.subList(before, all.size());
    assertThat(second).noneMatch(l -> l.startsWith("restored store") && !l.startsWith("restored store auth"));
    assertThat(Json.parse(http.get("/api/v1/sources?limit=1000", TOKEN).body())).hasSize(JOBS);
  }

  @Test
  @Order(5)
  void shouldExitWithItsOwnStatusWhenTheProjectionFailsForGood() throws Exception {
    // Given a running service; When an input topic disappears under it (a broken cluster)
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      admin.deleteTopics(List.of("sync.jobs")).all().get();
    }

    // Then the process exits by itself, so a restart policy (Compose's restart:) replaces it
    await().atMost(Duration.ofMinutes(1)).until(() -> !service.alive());
    assertThat(service.stop(Duration.ofSeconds(1))).isEqualTo(3);
    assertThat(messages(service.log())).contains("the projection failed for good; exiting with status 3 to be restarted");
  }

  private void awaitHealth(Duration timeout) {
    await()
        .atMost(timeout)
        .ignoreException(UncheckedIOException.class)
        .until(() -> http.get("/health", null).statusCode() == 200);
  }

  private static List<String> messages(String log) {
    return log.lines()
        .filter(l -> l.startsWith("{"))
        .map(Json::parse)
        .map(n -> n.path("formattedMessage").asText())
        .toList();
  }

  /** The value of one sample; labels exactly as Prometheus prints them, sorted by name. */
  private static double value(String metrics, String name, String labels) {
    String sample = labels.isEmpty() ? name : name + "{" + labels + "}";
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(metrics);
    assertThat(m.find()).as("sample %s in /metrics", sample).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
