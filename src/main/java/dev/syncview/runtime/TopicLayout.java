package dev.syncview.runtime;

import dev.syncview.config.Topics;
import dev.syncview.kafka.TopicDefinition;
import java.util.List;

/** The declared topics of {@code topics/}, under the names this configuration gives them. */
public final class TopicLayout {
  private TopicLayout() {}

  public static List<TopicDefinition> of(Topics topics) {
    return TopicDefinition.loadAll().stream().map(t -> t.withName(name(topics, t.role()))).toList();
  }

  private static String name(Topics topics, String role) {
    return switch (role) {
      case "sources" -> topics.sources();
      case "jobs" -> topics.jobs();
      case "api-keys" -> topics.apiKeys();
      case "dead-letters" -> topics.deadLetters();
      case "auth" -> topics.auth();
      default -> throw new IllegalStateException("unknown topic role " + role);
    };
  }
}
