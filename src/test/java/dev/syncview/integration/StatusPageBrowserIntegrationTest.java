package dev.syncview.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syncview.testing.Chromium;
import dev.syncview.testing.Events;
import dev.syncview.testing.HttpClientSupport;
import dev.syncview.testing.Producing;
import dev.syncview.testing.RunningService;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The status page in a real browser against the running service: once its script has run, it
 * shows what {@code /metrics} says (the same partitions, tasks and dead letters). Needs Debian's
 * {@code chromium}; skipped without it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusPageBrowserIntegrationTest {
  static final String SOURCE = "00000000-0000-4000-8000-00000000bb01";
  Chromium chromium;
  RunningService service;
  HttpClientSupport http;
  String metrics;

  @BeforeAll
  void start() throws Exception {
    chromium = Chromium.find().orElse(null);
    Assumptions.assumeTrue(chromium != null,
        "chromium is not installed (apt-get install -y chromium): the status page is not checked in a browser");
    service = new RunningService().start();
    http = service.http();
    try (Producing kafka = new Producing(service.bootstrapServers())) {
      kafka.send("sync.api-keys", "page-key", Events.apiKey("page-key", "page", "page-token", null));
      kafka.send("sync.sources", SOURCE, Events.s3Source(SOURCE, "page", "page-db"));
      for (int i = 0; i < 5; i++) {
        String id = String.format("00000000-0000-4000-9000-%012d", i);
        kafka.send("sync.jobs", id, Events.job(id, "page", SOURCE));
      }
      kafka.send("sync.jobs", null, "not-a-uuid", "{}".getBytes(StandardCharsets.UTF_8));
    }
    service.awaitCaughtUp(Duration.ofMinutes(1));
    // the progress the page shows is sampled once a second
    await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/status.json", null).body().contains("\"phase\":\"caught_up\""));
    // Micrometer picks up the tasks' metrics on its next refresh of the client's metrics
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      metrics = http.get("/metrics", null).body();
      return metrics.contains("reason=\"invalid-uuid\"") && !tasks(metrics).isEmpty();
    });
  }

  @AfterAll
  void stop() {
    if (service != null) {
      service.close();
    }
  }

  @Test
  void shouldShowTheDeadLettersTheMetricsCount() {
    String dom = page();
    Matcher m = Pattern.compile(
            "<tr data-topic=\"sync\\.jobs\" data-reason=\"invalid-uuid\">.*?<td class=\"num total\">([0-9,]+)</td>")
        .matcher(dom);
    assertThat(m.find()).as("a dead-letter row for sync.jobs / invalid-uuid in %s", dom).isTrue();
    double counted = sample(metrics, "syncview_events_dead_lettered_total{reason=\"invalid-uuid\",topic=\"sync.jobs\"}");
    assertThat(counted).isEqualTo(1);
    assertThat(Double.parseDouble(m.group(1).replace(",", ""))).isEqualTo(counted);
  }

  @Test
  void shouldShowTheLaggedPartitionsAndTheTasksOfThisInstance() {
    String dom = page();
    assertThat(attributes(dom, "data-partition")).isEqualTo(labels(metrics, "syncview_view_partition_lag_records", "partition"));

    String self = "localhost:" + http.port();
    Matcher row = Pattern.compile("<tr data-instance=\"" + Pattern.quote(self) + "\" class=\"self\">(.*?)</tr>").matcher(dom);
    assertThat(row.find()).as("this instance's row in %s", dom).isTrue();
    Set<String> shown = new TreeSet<>();
    Matcher cell = Pattern.compile("<td data-subtopology=\"(\\d+)\">(.*?)</td>").matcher(row.group(1));
    while (cell.find()) {
      Matcher active = Pattern.compile("data-active=\"(\\d+)\"").matcher(cell.group(2));
      while (active.find()) {
        shown.add(cell.group(1) + "_" + active.group(1));
      }
    }
    // the page shows exactly the tasks of the stateful sub-topologies that Streams reports metrics for
    Set<String> subtopologies = new TreeSet<>();
    shown.forEach(t -> subtopologies.add(t.substring(0, t.indexOf('_'))));
    Set<String> reported = new TreeSet<>();
    tasks(metrics).stream().filter(t -> subtopologies.contains(t.substring(0, t.indexOf('_')))).forEach(reported::add);
    assertThat(shown).isNotEmpty().isEqualTo(reported);
  }

  @Test
  void shouldShowTheReplayProgressAndThatTheViewIsReady() {
    String dom = page();
    assertThat(dom).contains("data-work=\"restore\"").contains("data-work=\"replay\"");
    assertThat(dom).containsPattern("<span id=\"ready\" class=\"badge ok\">ready</span>");
    assertThat(dom).containsPattern("<span id=\"phase\" class=\"badge \\w+\">caught up</span>");
  }

  private String page() {
    String dom = chromium.dumpDom("http://127.0.0.1:" + http.port() + "/status", 5000);
    assertThat(dom).as("the script drew the page at least once").containsPattern("data-loaded=\"[1-9]");
    return dom;
  }

  private static Set<String> attributes(String dom, String name) {
    Set<String> out = new TreeSet<>();
    Matcher m = Pattern.compile(name + "=\"([^\"]+)\"").matcher(dom);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static Set<String> labels(String metrics, String name, String label) {
    return attributes(grep(metrics, name + "{"), label);
  }

  /** Stream task ids ({@code <subtopology>_<partition>}) Streams reports metrics for. */
  private static Set<String> tasks(String metrics) {
    return attributes(grep(metrics, "kafka_stream_task_"), "task_id");
  }

  private static String grep(String metrics, String prefix) {
    StringBuilder out = new StringBuilder();
    metrics.lines().filter(l -> l.startsWith(prefix)).forEach(l -> out.append(l).append('\n'));
    return out.toString();
  }

  private static double sample(String metrics, String sample) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(metrics);
    assertThat(m.find()).as("sample %s", sample).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
