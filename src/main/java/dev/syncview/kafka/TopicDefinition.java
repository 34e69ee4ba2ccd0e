package dev.syncview.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * One topic as declared in {@code topics/<role>.properties}: name, partitions, cleanup policy and
 * extra configs ({@code config.<name>=<value>}).
 */
public record TopicDefinition(
    String role, String name, int partitions, String cleanupPolicy, Map<String, String> configs) {

  /** The roles, one file each; the service reads them from its jar. */
  public static final List<String> ROLES =
      List.of("sources", "jobs", "api-keys", "dead-letters", "auth");

  public TopicDefinition {
    configs = Map.copyOf(configs);
  }

  public TopicDefinition withName(String newName) {
    return new TopicDefinition(role, newName, partitions, cleanupPolicy, configs);
  }

  /** All declared topics, read from the classpath copy of {@code topics/}. */
  public static List<TopicDefinition> loadAll() {
    return ROLES.stream().map(TopicDefinition::load).toList();
  }

  static TopicDefinition load(String role) {
    Properties p = new Properties();
    String resource = "/topics/" + role + ".properties";
    try (InputStream in = TopicDefinition.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing topic definition " + resource);
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> configs = new LinkedHashMap<>();
    p.stringPropertyNames().stream()
        .filter(k -> k.startsWith("config."))
        .sorted()
        .forEach(k -> configs.put(k.substring("config.".length()), p.getProperty(k)));
    return new TopicDefinition(
        role,
        p.getProperty("name"),
        Integer.parseInt(p.getProperty("partitions")),
        p.getProperty("cleanup.policy"),
        configs);
  }
}
