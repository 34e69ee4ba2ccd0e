package dev.syncview.runtime;

import dev.syncview.config.AppConfig;
import dev.syncview.topology.ProjectionTopology;
import dev.syncview.topology.TopologySettings;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running projection: {@link KafkaStreams} over the topology. Streams needs {@code
 * application.server} before it starts and the HTTP port is known only once bound, so the client
 * is created in {@link #start}; until then {@link #streams()} is null and queries see "not ready".
 *
 * <p>A failure that escapes the topology is a bug or a broken cluster, never bad input (which is
 * dead-lettered): retrying the same record would fail again, so the client shuts down and the
 * service reports itself unhealthy instead of looping.
 */
public final class Projection implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Projection.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final AppConfig config;
  private final String bootstrap;
  private final int replication;
  private final CountDownLatch running = new CountDownLatch(1);
  private volatile KafkaStreams streams;

  public Projection(AppConfig config, String bootstrap, int replication) {
    this.config = config;
    this.bootstrap = bootstrap;
    this.replication = replication;
  }

  public synchronized void start(String applicationServer) {
    if (streams != null) {
      throw new IllegalStateException("already started");
    }
    AppConfig resolved = config;
    KafkaStreams s =
        new KafkaStreams(
            ProjectionTopology.build(new TopologySettings(resolved.topics(), resolved.viewPartitions())),
            StreamsProperties.of(resolved, bootstrap, applicationServer, replication));
    s.setStateListener(
        (now, before) -> {
          log.info("projection state {} -> {}", before, now);
          if (now == KafkaStreams.State.RUNNING) {
            running.countDown();
          }
        });
    s.setUncaughtExceptionHandler(Projection::fatal);
    streams = s;
    s.start();
  }

  /** The Streams client, or null before {@link #start}. */
  public KafkaStreams streams() {
    return streams;
  }

  public boolean awaitRunning(Duration timeout) throws InterruptedException {
    return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void close() {
    if (streams != null) {
      if (!streams.close(CLOSE_TIMEOUT)) {
        log.warn("the projection did not close within {}", CLOSE_TIMEOUT);
      }
    }
  }

  private static StreamThreadExceptionResponse fatal(Throwable e) {
    log.error("the projection failed and stops; the service is unhealthy until restarted", e);
    return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
  }
}
