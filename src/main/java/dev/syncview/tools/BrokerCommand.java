package dev.syncview.tools;

import dev.syncview.config.AppConfig;
import dev.syncview.kafka.EmbeddedKafkaBroker;
import dev.syncview.kafka.TopicProvisioner;
import dev.syncview.runtime.TopicLayout;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * {@code broker}: only the embedded single-node KRaft broker (EMBEDDED_KAFKA_* settings, data in
 * DATA_DIR/kafka), with the topics of {@code topics/} created, until SIGTERM. Several service
 * instances can then share it with {@code KAFKA_BOOTSTRAP_SERVERS}.
 */
public final class BrokerCommand {
  private BrokerCommand() {}

  public static int run(AppConfig config, PrintStream out) throws InterruptedException {
    EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.start(
            config.embeddedKafkaHost(),
            config.embeddedKafkaPort(),
            config.embeddedKafkaControllerPort(),
            config.dataDir().resolve("kafka"),
            Map.of());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  broker.close();
                  stopped.countDown();
                },
                "shutdown"));
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      TopicProvisioner.ensure(admin, TopicLayout.of(config.topics()), config.replicationFactor());
    }
    out.println("Kafka broker on " + broker.bootstrapServers() + "; point instances at it with");
    out.println("  KAFKA_BOOTSTRAP_SERVERS=" + broker.bootstrapServers());
    stopped.await();
    return 0;
  }
}
