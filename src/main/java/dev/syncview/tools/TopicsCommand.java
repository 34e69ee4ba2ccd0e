package dev.syncview.tools;

import dev.syncview.config.AppConfig;
import dev.syncview.kafka.TopicDefinition;
import dev.syncview.kafka.TopicProvisioner;
import dev.syncview.runtime.TopicLayout;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * {@code topics create} creates the topics of {@code topics/} that are missing (then checks the
 * rest); {@code topics check} only reports differences and exits 1 if there are any.
 */
public final class TopicsCommand {
  private TopicsCommand() {}

  public static int run(AppConfig config, List<String> args, PrintStream out) throws InterruptedException {
    String action = args.size() > 1 ? args.get(1) : "";
    List<TopicDefinition> topics = TopicLayout.of(config.topics());
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()))) {
      switch (action) {
        case "create" -> {
          List<String> created = TopicProvisioner.ensure(admin, topics, config.replicationFactor());
          out.println(created.isEmpty() ? "all topics exist and match topics/" : "created " + created);
          return 0;
        }
        case "check" -> {
          List<String> problems = TopicProvisioner.problems(admin, topics);
          problems.forEach(out::println);
          out.println(problems.isEmpty() ? "all " + topics.size() + " topics match topics/" : problems.size() + " problem(s)");
          return problems.isEmpty() ? 0 : 1;
        }
        default -> {
          out.println("usage: topics create | topics check");
          return 2;
        }
      }
    }
  }
}
