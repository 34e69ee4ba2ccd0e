package dev.syncview.cli;

import dev.syncview.config.AppConfig;
import dev.syncview.kafka.TopicDefinition;
import dev.syncview.kafka.TopicProvisioner;
import dev.syncview.runtime.TopicLayout;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code topics create} creates the topics of {@code topics/} that are missing (then checks the
 * rest); {@code topics check} only reports differences and exits 1 if there are any.
 */
@Command(name = "topics", description = "Create or check the topics of topics/ on the configured cluster.")
final class TopicsCommand implements Callable<Integer> {
  private final CliContext ctx;
  @Spec CommandSpec spec;

  TopicsCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "missing command: create or check");
  }

  @Command(name = "create", description = "Create the missing topics of topics/; print what was created.")
  int create() throws InterruptedException {
    AppConfig config = ctx.settings().get();
    try (Admin admin = admin(config)) {
      List<String> created = TopicProvisioner.ensure(admin, layout(config), config.replicationFactor());
      ctx.out().println(created.isEmpty() ? "all topics exist and match topics/" : "created " + created);
      return 0;
    }
  }

  @Command(name = "check", description = "Report every difference from topics/; exit 1 if there is any.")
  int check() throws InterruptedException {
    AppConfig config = ctx.settings().get();
    try (Admin admin = admin(config)) {
      List<TopicDefinition> topics = layout(config);
      List<String> problems = TopicProvisioner.problems(admin, topics);
      problems.forEach(ctx.out()::println);
      ctx.out().println(
          problems.isEmpty() ? "all " + topics.size() + " topics match topics/" : problems.size() + " problem(s)");
      return problems.isEmpty() ? 0 : 1;
    }
  }

  private static List<TopicDefinition> layout(AppConfig config) {
    return TopicLayout.of(config.topics());
  }

  private static Admin admin(AppConfig config) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()));
  }
}
