package dev.syncview;

import dev.syncview.config.AppConfig;
import dev.syncview.http.HttpServer;
import dev.syncview.http.HttpSettings;
import dev.syncview.kafka.EmbeddedKafkaBroker;
import dev.syncview.kafka.TopicProvisioner;
import dev.syncview.query.ViewReader;
import dev.syncview.runtime.AppliedPositions;
import dev.syncview.runtime.Projection;
import dev.syncview.runtime.StreamsStatus;
import dev.syncview.runtime.StreamsViewStores;
import dev.syncview.runtime.TopicLayout;
import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the service and owns its lifecycle: the embedded broker (when no cluster is configured),
 * the topics, the HTTP API (up first, answering 503 until the view is ready), and the projection.
 * Closing stops them in reverse order.
 */
public final class App implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(App.class);

  private final EmbeddedKafkaBroker broker;
  private final Projection projection;
  private final Javalin http;
  private final Admin admin;
  private final String bootstrapServers;

  private App(
      EmbeddedKafkaBroker broker, Projection projection, Javalin http, Admin admin, String bootstrapServers) {
    this.broker = broker;
    this.projection = projection;
    this.http = http;
    this.admin = admin;
    this.bootstrapServers = bootstrapServers;
  }

  public static App start(AppConfig config) throws InterruptedException {
    EmbeddedKafkaBroker broker = null;
    Javalin http = null;
    Projection projection = null;
    Admin admin = null;
    try {
      if (config.embeddedKafka()) {
        broker =
            EmbeddedKafkaBroker.start(
                config.embeddedKafkaHost(),
                config.embeddedKafkaPort(),
                config.embeddedKafkaControllerPort(),
                config.dataDir().resolve("kafka"),
                Map.of());
      }
      String bootstrap = broker != null ? broker.bootstrapServers() : config.bootstrapServers();
      admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
      int replication = provisionTopics(config, admin);
      Projection p = new Projection(config, bootstrap, replication);
      projection = p;
      StreamsStatus status = new StreamsStatus(p::streams);
      http =
          HttpServer.create(
                  new ViewReader(new StreamsViewStores(p::streams)),
                  status,
                  new AppliedPositions(admin, config.applicationId(), config.topics(), status),
                  new HttpSettings(
                      config.cursorSecret().getBytes(StandardCharsets.UTF_8),
                      Duration.ofMillis(config.minPositionTimeoutMs()),
                      config.topics().apiKeys()))
              .start(config.httpHost(), config.httpPort());
      p.start(advertised(config, http.port()));
      log.info("HTTP API on port {}; Kafka at {}", http.port(), bootstrap);
      return new App(broker, projection, http, admin, bootstrap);
    } catch (RuntimeException | InterruptedException e) {
      closeAll(http, projection, admin, broker);
      throw e;
    }
  }

  private static String advertised(AppConfig config, int httpPort) {
    return config.applicationServer().isEmpty()
        ? "localhost:" + httpPort
        : config.applicationServer();
  }

  /** Creates missing topics; returns the replication factor for internal topics. */
  private static int provisionTopics(AppConfig config, Admin admin) throws InterruptedException {
    TopicProvisioner.ensure(admin, TopicLayout.of(config.topics()), config.replicationFactor());
    if (config.replicationFactor() > 0) {
      return config.replicationFactor();
    }
    try {
      return Math.min(3, admin.describeCluster().nodes().get().size());
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot describe the Kafka cluster", e.getCause());
    }
  }

  public int httpPort() {
    return http.port();
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Waits until the view answers queries; false on timeout. */
  public boolean awaitReady(Duration timeout) throws InterruptedException {
    return projection.awaitRunning(timeout);
  }

  /** Stops HTTP (finishing requests in flight), then the projection, then the broker. */
  @Override
  public void close() {
    closeAll(http, projection, admin, broker);
  }

  private static void closeAll(
      Javalin http, Projection projection, Admin admin, EmbeddedKafkaBroker broker) {
    if (http != null) {
      http.stop();
    }
    if (projection != null) {
      projection.close();
    }
    if (admin != null) {
      admin.close();
    }
    if (broker != null) {
      broker.close();
    }
  }
}
