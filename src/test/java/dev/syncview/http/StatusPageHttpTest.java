package dev.syncview.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncview.query.Placement;
import dev.syncview.query.Progress.Phase;
import dev.syncview.query.Progress.Work;
import dev.syncview.query.Progress;
import dev.syncview.query.StatusReport.Cluster;
import dev.syncview.query.StatusReport.Flow;
import dev.syncview.query.StatusReport.Group;
import dev.syncview.query.StatusReport.Held;
import dev.syncview.query.StatusReport.Instance;
import dev.syncview.query.StatusReport.Restoring;
import dev.syncview.query.StatusReport.Route;
import dev.syncview.query.StatusReport.Traffic;
import dev.syncview.query.StatusReport;
import dev.syncview.query.ViewStatus;
import dev.syncview.testing.HttpClientSupport;
import dev.syncview.testing.Json;
import io.javalin.Javalin;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The status page's files and the JSON model its script reads, without a browser. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusPageHttpTest {
  static final Progress PROGRESS = new Progress(Phase.RESTORING, Work.of(400, 600, 200), Work.of(10, 0, 1), 3);
  static final StatusReport REPORT =
      new StatusReport(
          "host-a:8081",
          false,
          PROGRESS,
          new ViewStatus.Lag(5, Map.of("sync.jobs-0", 5L)),
          new Cluster(
              "REBALANCING",
              List.of(new Group(6, List.of("view"))),
              List.of("auth"),
              List.of(
                  new Instance("host-a:8081", true, List.of(new Held(6, List.of(0, 2), List.of(1)))),
                  new Instance("host-b:8082", false, List.of(new Held(6, List.of(1), List.of(0, 2))))),
              List.of(new Restoring("view", "app-view-changelog-1", 400, 600))),
          new Traffic(
              List.of(new Flow("sync.jobs", null, 100, 2.5)),
              List.of(new Flow("sync.jobs", "invalid-uuid", 1, null)),
              List.of(new Route("GET", "/api/v1/sources", "200", 7, 1.5, 3.25, 8.39))));

  Javalin app;
  HttpClientSupport http;

  @BeforeAll
  void start() {
    app =
        HttpServer.create(
                null,
                dev.syncview.testing.TestServers.status(false, PROGRESS),
                (positions, timeout) -> {},
                Placement.SINGLE,
                new HttpSettings("s".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(1), "sync.api-keys"),
                HttpMetrics.NONE,
                () -> REPORT)
            .start("127.0.0.1", 0);
    http = new HttpClientSupport(app.port());
  }

  @AfterAll
  void stop() {
    app.stop();
  }

  @Test
  void shouldServeThePageAndEveryFileItLoadsFromTheJarWithoutAToken() {
    HttpResponse<String> page = http.get("/status", null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
    Matcher refs = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page.body());
    int local = 0;
    while (refs.find()) {
      String ref = refs.group(1);
      if (ref.startsWith("data:")) {
        continue; // inline (the empty icon that keeps the browser from asking for /favicon.ico)
      }
      assertThat(ref).as("nothing from another host").startsWith("/");
      HttpResponse<String> file = http.get(ref, null);
      assertThat(file.statusCode()).as(ref).isEqualTo(200);
      local++;
    }
    assertThat(local).as("script, style and the JSON and metrics links").isEqualTo(4);
    assertThat(http.get("/status/ui/status.js", null).body()).contains("/status.json");
    HttpResponse<String> missing = http.get("/status/ui/index.html", null);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(Json.parse(missing.body()).get("error").asText()).isEqualTo("NotFound");
  }

  @Test
  void shouldServeTheModelUnderTheNamesTheScriptReads() {
    HttpResponse<String> r = http.get("/status.json", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonNode s = Json.parse(r.body());
    assertThat(s.at("/instance").asText()).isEqualTo("host-a:8081");
    assertThat(s.at("/progress/phase").asText()).isEqualTo("restoring");
    assertThat(s.at("/progress/remaining").asLong()).as("the current phase's numbers at the top").isEqualTo(600);
    assertThat(s.at("/progress/restore/eta_seconds").asLong()).isEqualTo(3);
    assertThat(s.at("/progress/between_stages").asLong()).isEqualTo(3);
    assertThat(s.at("/lag/partitions/sync.jobs-0").asLong()).isEqualTo(5);
    assertThat(s.at("/cluster/groups/0/stores/0").asText()).isEqualTo("view");
    assertThat(s.at("/cluster/global_stores/0").asText()).isEqualTo("auth");
    assertThat(s.at("/cluster/instances/1/held/0/standby").toString()).isEqualTo("[0,2]");
    assertThat(s.at("/cluster/instances/0/self").asBoolean()).isTrue();
    assertThat(s.at("/cluster/restoring/0/changelog").asText()).isEqualTo("app-view-changelog-1");
    assertThat(s.at("/traffic/received/0/per_second").asDouble()).isEqualTo(2.5);
    assertThat(s.at("/traffic/dead_lettered/0/reason").asText()).isEqualTo("invalid-uuid");
    assertThat(s.at("/traffic/dead_lettered/0/per_second").isNull()).isTrue();
    assertThat(s.at("/traffic/http/0/p99_ms").asDouble()).isEqualTo(8.39);
    assertThat(s.at("/traffic/http/0/mean_ms").asDouble()).isEqualTo(3.25);
  }

  @Test
  void shouldTellHowFarTheStartHasComeIn503FromHealth() {
    HttpResponse<String> r = http.get("/health", null);
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
    JsonNode body = Json.parse(r.body());
    assertThat(body.get("error").asText()).isEqualTo("Unavailable");
    assertThat(body.get("message").asText()).contains("starting, restoring or rebalancing");
    assertThat(body.at("/progress/phase").asText()).isEqualTo("restoring");
    assertThat(body.at("/progress/done").asLong()).isEqualTo(400);
    assertThat(body.at("/progress/eta_seconds").asLong()).isEqualTo(3);
    assertThat(body.at("/progress/replay/done").asLong()).isEqualTo(10);
  }
}
