package dev.syncview.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncview.deploy.OpsQueries.Selector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The ops files hang together without a Prometheus: the queries' metric names are read correctly
 * (OperationsIntegrationTest then finds each in a real service's /metrics), every alert is
 * labelled and explained and selects the scrape job that exists, and every dashboard panel queries
 * through the dashboard's data source variable.
 */
class OpsQueriesTest {
  @Test
  void shouldReadMetricNamesAndExactLabelsOutOfPromql() {
    assertThat(OpsQueries.selectors(
            "histogram_quantile(0.99, sum by (le, route) (rate(http_server_requests_seconds_bucket{job=\"sync-view\",route!=\"UNMATCHED\"}[$__rate_interval])))"))
        .containsExactly(new Selector("http_server_requests_seconds_bucket", Map.of()));
    assertThat(OpsQueries.selectors(
            "max by (instance) (kafka_stream_processor_node_record_e2e_latency_max{job=\"sync-view\",processor_node_id=\"tenant-view.applied\"}) > 30000"))
        .containsExactly(new Selector("kafka_stream_processor_node_record_e2e_latency_max", Map.of("processor_node_id", "tenant-view.applied")));
    assertThat(OpsQueries.selectors("changes(process_start_time_seconds[30m]) > 2 and on (instance) up unless x offset 15m"))
        .extracting(Selector::metric)
        .containsExactly("process_start_time_seconds", "up", "x");
  }

  @Test
  void shouldFindASelectorOnlyInSamplesOfItsMetricWithItsLabels() {
    String exposition = String.join("\n",
        "# HELP syncview_view_ready 1 when queries can be answered",
        "syncview_view_ready 1.0",
        "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Eden Space\"} 1.0",
        "syncview_view_ready_total 2.0");

    assertThat(OpsQueries.exposes(exposition, new Selector("syncview_view_ready", Map.of()))).isTrue();
    assertThat(OpsQueries.exposes(exposition, new Selector("jvm_memory_used_bytes", Map.of("area", "heap")))).isTrue();
    assertThat(OpsQueries.exposes(exposition, new Selector("jvm_memory_used_bytes", Map.of("area", "nonheap")))).isFalse();
    assertThat(OpsQueries.exposes(exposition, new Selector("syncview_view", Map.of()))).isFalse();
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldLabelAndExplainEveryAlertAndSelectTheScrapedJob() throws IOException {
    Map<String, Object> config = new Yaml().load(Files.readString(Path.of("ops", "prometheus", "prometheus.yml")));
    List<Map<String, Object>> scrapes = (List<Map<String, Object>>) config.get("scrape_configs");
    Set<String> jobs = new HashSet<>();
    scrapes.forEach(s -> jobs.add(String.valueOf(s.get("job_name"))));
    assertThat((List<String>) config.get("rule_files")).containsExactly(OpsQueries.ALERTS.getFileName().toString());

    Map<String, Object> file = new Yaml().load(Files.readString(OpsQueries.ALERTS));
    List<Map<String, Object>> rules = new ArrayList<>();
    ((List<Map<String, Object>>) file.get("groups")).forEach(g -> rules.addAll((List<Map<String, Object>>) g.get("rules")));
    assertThat(rules).extracting(r -> r.get("alert")).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(7);
    for (Map<String, Object> rule : rules) {
      assertThat((Map<String, Object>) rule.get("labels")).as("%s", rule.get("alert")).containsKey("severity");
      assertThat((Map<String, Object>) rule.get("annotations")).as("%s", rule.get("alert")).containsKeys("summary", "description");
      Matcher job = Pattern.compile("job=\"([^\"]*)\"").matcher(String.valueOf(rule.get("expr")));
      assertThat(job.find()).as("%s selects a job", rule.get("alert")).isTrue();
      do {
        assertThat(jobs).as("%s", rule.get("alert")).contains(job.group(1));
      } while (job.find());
    }
  }

  @Test
  void shouldQueryEveryPanelThroughTheDashboardsDataSourceVariable() {
    JsonNode dashboard = OpsQueries.dashboard();
    assertThat(dashboard.path("templating").path("list").findValuesAsText("name")).contains("datasource", "instance");
    Set<Integer> ids = new HashSet<>();
    for (JsonNode panel : dashboard.path("panels")) {
      assertThat(ids.add(panel.path("id").asInt())).as("unique id %s", panel.path("id")).isTrue();
      JsonNode grid = panel.path("gridPos");
      assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as(panel.path("title").asText()).isLessThanOrEqualTo(24);
      if (panel.path("type").asText().equals("row")) {
        continue;
      }
      assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
      assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
      panel.path("targets").forEach(t -> assertThat(t.path("expr").asText()).contains("instance=~\"$instance\""));
    }
    assertThat(OpsQueries.all()).extracting(Selector::metric)
        .contains("syncview_view_ready", "syncview_view_lag_records", "syncview_events_dead_lettered_total",
            "syncview_http_unavailable_total", "kafka_stream_processor_node_record_e2e_latency_max");
  }
}
