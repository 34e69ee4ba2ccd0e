package dev.syncview;

import dev.syncview.config.AppConfig;
import dev.syncview.http.HttpServer;
import dev.syncview.http.HttpSettings;
import dev.syncview.kafka.EmbeddedKafkaBroker;
import dev.syncview.kafka.TopicProvisioner;
import dev.syncview.metrics.ServiceMetrics;
import dev.syncview.query.StatusSource;
import dev.syncview.query.ViewReader;
import dev.syncview.runtime.AppliedPositions;
import dev.syncview.runtime.EarlierLayout;
import dev.syncview.runtime.ProgressMonitor;
import dev.syncview.runtime.Projection;
import dev.syncview.runtime.StreamsCluster;
import dev.syncview.runtime.StreamsPlacement;
import dev.syncview.runtime.StreamsStatus;
import dev.syncview.runtime.StreamsViewStores;
import dev.syncview.runtime.TopicLayout;
import dev.syncview.topology.RecordLimits;
import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
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
  private static final Duration DEFAULT_CLOSE = Duration.ofSeconds(30);

  private final Parts parts;
  private final String bootstrapServers;

  /** What the service owns, in start order; closed in reverse. Any may be null while starting. */
  private static final class Parts {
    ServiceMetrics metrics;
    EmbeddedKafkaBroker broker;
    Admin admin;
    Projection projection;
    AppliedPositions freshness;
    StreamsStatus status;
    ProgressMonitor progress;
    Javalin http;
  }

  private App(Parts parts, String bootstrapServers) {
    this.parts = parts;
    this.bootstrapServers = bootstrapServers;
  }

  /** The single-node KRaft broker the settings describe, its log under the data directory. */
  public static EmbeddedKafkaBroker embeddedBroker(AppConfig config) {
    return EmbeddedKafkaBroker.start(
        config.embeddedKafkaHost(),
        config.embeddedKafkaPort(),
        config.embeddedKafkaControllerPort(),
        config.dataDir().resolve("kafka"),
        Map.of());
  }

  public static App start(AppConfig config) throws InterruptedException {
    Parts parts = new Parts();
    try {
      parts.metrics = new ServiceMetrics();
      if (config.embeddedKafka()) {
        parts.broker = embeddedBroker(config);
      }
      String bootstrap =
          parts.broker != null ? parts.broker.bootstrapServers() : config.bootstrapServers();
      parts.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
      EarlierLayout.refuse(parts.admin, config.applicationId());
      int replication = provisionTopics(config, parts.admin);
      RecordLimits limits =
          RecordLimits.DEFAULT.withDeadLetterTopicLimit(
              TopicProvisioner.maxMessageBytes(parts.admin, config.topics().deadLetters()));
      Projection p = new Projection(config, bootstrap, replication, parts.metrics, limits);
      parts.projection = p;
      parts.progress = new ProgressMonitor(p::streams, p.restore(), Set.copyOf(config.topics().inputs())).start();
      StreamsStatus status = new StreamsStatus(p::streams, parts.progress::progress);
      parts.status = status;
      parts.metrics.bind(status);
      parts.freshness = new AppliedPositions(parts.admin, config.applicationId(), config.topics(), status);
      AtomicReference<String> self = new AtomicReference<>();
      parts.http =
          HttpServer.create(
                  ViewReader.of(new StreamsViewStores(p::streams, p.assignment())),
                  status,
                  parts.freshness,
                  new StreamsPlacement(p::streams, self::get, p.assignment()),
                  new HttpSettings(
                      config.cursorSecret().getBytes(StandardCharsets.UTF_8),
                      Duration.ofMillis(config.minPositionTimeoutMs()),
                      config.topics().apiKeys(),
                      self::get,
                      config.internalSecret().getBytes(StandardCharsets.UTF_8),
                      Duration.ofMillis(config.forwardTimeoutMs()),
                      config.maxStandbyLagRecords()),
                  parts.metrics,
                  StatusSource.compose(
                      self::get,
                      status,
                      new StreamsCluster(p, self::get),
                      parts.metrics.traffic()))
              .start(config.httpHost(), config.httpPort());
      self.set(advertised(config, parts.http.port()));
      p.start(self.get(), parts.metrics::bind);
      log.info("HTTP API on port {}; Kafka at {}", parts.http.port(), bootstrap);
      return new App(parts, bootstrap);
    } catch (RuntimeException | InterruptedException e) {
      closeAll(parts, Duration.ofMillis(config.shutdownTimeoutMs()));
      throw e;
    }
  }

  /** The topics the view is projected from; the progress counts their records as the replay. */

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
    return parts.http.port();
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** What {@code /health/live} reports: false once the projection has failed for good. */
  public boolean live() {
    return parts.status == null || parts.status.live();
  }

  /** Waits until the view answers queries; false on timeout. */
  public boolean awaitReady(Duration timeout) throws InterruptedException {
    return parts.projection.awaitRunning(timeout);
  }

  /**
   * Stops HTTP (no new requests; those in flight finish), then the projection (commit, checkpoint),
   * then the broker, within the configured shutdown timeout.
   */
  public void close(Duration timeout) {
    closeAll(parts, timeout);
  }

  @Override
  public void close() {
    closeAll(parts, DEFAULT_CLOSE);
  }

  private static void closeAll(Parts parts, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    if (parts.http != null) {
      parts.http.stop();
      log.info("HTTP stopped");
    }
    if (parts.freshness != null) {
      parts.freshness.close();
    }
    if (parts.projection != null) {
      parts.projection.close(remaining(deadline));
      log.info("projection closed");
    }
    if (parts.progress != null) {
      parts.progress.close();
    }
    if (parts.admin != null) {
      parts.admin.close(remaining(deadline));
    }
    if (parts.broker != null) {
      parts.broker.close();
    }
    if (parts.metrics != null) {
      parts.metrics.close();
    }
  }

  private static Duration remaining(long deadline) {
    return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
  }
}
