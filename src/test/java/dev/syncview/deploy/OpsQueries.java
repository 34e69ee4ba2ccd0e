package dev.syncview.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * The metrics the ops files query (ops/prometheus/alerts.yml, ops/grafana/*.json), read out of
 * their PromQL: a renamed metric or label would otherwise leave an alert that can never fire and an
 * empty panel, with nothing failing.
 */
public final class OpsQueries {
  public static final Path ALERTS = Path.of("ops", "prometheus", "alerts.yml");
  public static final Path DASHBOARD = Path.of("ops", "grafana", "sync-view.json");
  /** Labels Prometheus attaches to every scraped series; the service never exposes them. */
  private static final Set<String> TARGET_LABELS = Set.of("job", "instance");
  /** Series Prometheus makes itself. */
  private static final Set<String> SYNTHETIC = Set.of("up");
  private static final Set<String> KEYWORDS =
      Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring", "group_left", "group_right", "inf", "nan");
  private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)?\\s*\\{([^}]*)}");
  private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"([^\"]*)\"");
  private static final Pattern NAME = Pattern.compile("(?<![\\w.$])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()");

  private OpsQueries() {}

  /** One metric a query reads, with the label values it requires exactly (target labels aside). */
  public record Selector(String metric, Map<String, String> labels) {}

  /** Every selector of every alert and dashboard query. */
  public static List<Selector> all() {
    List<Selector> out = new ArrayList<>();
    alertExpressions().forEach(e -> out.addAll(selectors(e)));
    dashboardExpressions().forEach(e -> out.addAll(selectors(e)));
    return out.stream().filter(s -> !SYNTHETIC.contains(s.metric())).distinct().toList();
  }

  @SuppressWarnings("unchecked")
  public static List<String> alertExpressions() {
    Map<String, Object> file = new Yaml().load(read(ALERTS));
    List<String> out = new ArrayList<>();
    for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
      for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
        out.add(String.valueOf(rule.get("expr")));
      }
    }
    return out;
  }

  /** Panel targets, and the metric behind the instance variable's label_values(). */
  public static List<String> dashboardExpressions() {
    JsonNode dashboard = dashboard();
    List<String> out = new ArrayList<>();
    dashboard.findValues("targets").forEach(ts -> ts.forEach(t -> out.add(t.path("expr").asText())));
    for (JsonNode v : dashboard.path("templating").path("list")) {
      Matcher m = Pattern.compile("label_values\\((.+),\\s*\\w+\\)").matcher(v.path("definition").asText());
      if (m.matches()) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  public static JsonNode dashboard() {
    try {
      return new ObjectMapper().readTree(read(DASHBOARD));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The metric names of one PromQL expression, with their exact-match labels. */
  static List<Selector> selectors(String promql) {
    String rest = promql.replaceAll("\\[[^]]*]", " ")
        .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
    List<Selector> out = new ArrayList<>();
    Matcher s = SELECTOR.matcher(rest);
    while (s.find()) {
      Map<String, String> labels = new LinkedHashMap<>();
      Matcher m = MATCHER.matcher(s.group(2));
      while (m.find()) {
        if (m.group(2).equals("=") && !TARGET_LABELS.contains(m.group(1))) {
          labels.put(m.group(1), m.group(3));
        }
      }
      out.add(new Selector(s.group(1), labels));
    }
    Matcher n = NAME.matcher(SELECTOR.matcher(rest).replaceAll(" "));
    while (n.find()) {
      if (!KEYWORDS.contains(n.group(1))) {
        out.add(new Selector(n.group(1), Map.of()));
      }
    }
    return out;
  }

  /** Whether a Prometheus text exposition has a sample of the selector's metric with its labels. */
  public static boolean exposes(String exposition, Selector s) {
    return exposition.lines()
        .filter(l -> l.startsWith(s.metric() + "{") || l.startsWith(s.metric() + " "))
        .anyMatch(l -> s.labels().entrySet().stream().allMatch(e -> l.contains(e.getKey() + "=\"" + e.getValue() + "\"")));
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
