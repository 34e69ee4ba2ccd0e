package dev.syncview.cli;

import dev.syncview.App;
import dev.syncview.config.AppConfig;
import dev.syncview.kafka.EmbeddedKafkaBroker;
import dev.syncview.kafka.TopicProvisioner;
import dev.syncview.runtime.TopicLayout;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;

/**
 * {@code broker}: only the embedded single-node KRaft broker (EMBEDDED_KAFKA_* settings, data in
 * DATA_DIR/kafka), with the topics of {@code topics/} created, until SIGTERM. Several service
 * instances can then share it with {@code KAFKA_BOOTSTRAP_SERVERS}.
 */
@Command(
    name = "broker",
    description = "Run only the embedded KRaft broker, with the topics of topics/ created, until SIGTERM.")
final class BrokerCommand implements Callable<Integer> {
  private final CliContext ctx;

  BrokerCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws InterruptedException {
    AppConfig config = ctx.settings().get();
    EmbeddedKafkaBroker broker = App.embeddedBroker(config);
    CountDownLatch stopped = Shutdown.onSignal(broker::close);
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      TopicProvisioner.ensure(admin, TopicLayout.of(config.topics()), config.replicationFactor());
    }
    ctx.out().println("Kafka broker on " + broker.bootstrapServers() + "; point instances at it with");
    ctx.out().println("  KAFKA_BOOTSTRAP_SERVERS=" + broker.bootstrapServers());
    stopped.await();
    return 0;
  }
}
