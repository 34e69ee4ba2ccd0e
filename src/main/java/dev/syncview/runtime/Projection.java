package dev.syncview.runtime;

import dev.syncview.config.AppConfig;
import dev.syncview.store.RocksDbMemory;
import dev.syncview.topology.ProjectionEvents;
import dev.syncview.topology.ProjectionTopology;
import dev.syncview.topology.RecordLimits;
import dev.syncview.topology.TopologySettings;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running projection: {@link KafkaStreams} over the topology. Streams needs {@code
 * application.server} before it starts and the HTTP port is known only once bound, so the client
 * is created in {@link #start}; until then {@link #streams()} is null and queries see "not ready".
 *
 * <p>A failure that escapes the topology is a bug or a broken cluster, never bad input (which is
 * dead-lettered): retrying the same record would fail again, so the client shuts down
 * ({@code SHUTDOWN_CLIENT}) and the service reports itself unhealthy and not live instead of
 * looping, then exits (Main); its supervisor restarts it, and the restart resumes from the last
 * commit.
 */
public final class Projection implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Projection.class);

  private final AppConfig config;
  private final String bootstrap;
  private final int replication;
  private final ProjectionEvents events;
  private final RecordLimits limits;
  private final RocksDbMemory memory;
  private final CountDownLatch running = new CountDownLatch(1);
  private final RestoreProgress restore = new RestoreProgress();
  private volatile KafkaStreams streams;
  private volatile TopologyGroups groups;
  private final Assignment assignment = new Assignment(() -> streams == null ? null : streams.state());

  public Projection(
      AppConfig config, String bootstrap, int replication, ProjectionEvents events, RecordLimits limits) {
    this.config = config;
    this.bootstrap = bootstrap;
    this.replication = replication;
    this.events = events;
    this.limits = limits;
    this.memory = new RocksDbMemory((long) config.rocksDbMemoryMb() << 20);
  }

  /**
   * Creates and starts the client. {@code onCreated} sees it before it starts, so what it binds
   * (metrics) is there during the first restore, not only once the client first runs.
   */
  public synchronized void start(String applicationServer, Consumer<KafkaStreams> onCreated) {
    if (streams != null) {
      throw new IllegalStateException("already started");
    }
    Topology topology =
        ProjectionTopology.build(
            new TopologySettings(config.topics(), config.viewPartitions(), events, limits));
    KafkaStreams s =
        new KafkaStreams(
            topology, StreamsProperties.of(config, bootstrap, applicationServer, replication, memory));
    s.setStateListener(
        (now, before) -> {
          assignment.changed();
          log.info("projection state {} -> {}", before, now);
          if (now == KafkaStreams.State.RUNNING && running.getCount() > 0) {
            running.countDown();
          }
        });
    s.setGlobalStateRestoreListener(new RestoreListeners(new RestoreLog(), restore));
    s.setUncaughtExceptionHandler(Projection::fatal);
    groups = new TopologyGroups(topology.describe(), config.applicationId());
    onCreated.accept(s);
    streams = s;
    s.start();
  }

  /** The Streams client, or null before {@link #start}. */
  public KafkaStreams streams() {
    return streams;
  }

  /** Restores of this client's store partitions, as Streams reports them. */
  public RestoreProgress restore() {
    return restore;
  }

  /** The topology the client runs (its stores and topics per sub-topology), or null before {@link #start}. */
  TopologyGroups groups() {
    return groups;
  }

  /** The generation of the client's task assignment, for what the query side keeps. */
  public Assignment assignment() {
    return assignment;
  }

  public boolean awaitRunning(Duration timeout) throws InterruptedException {
    return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Closes Streams (committing and writing checkpoints), waiting at most {@code timeout}. */
  public synchronized void close(Duration timeout) {
    if (streams != null && !streams.close(timeout)) {
      log.warn("the projection did not close within {}", timeout);
      return; // RocksDB may still be open: freeing its shared cache now could crash the JVM
    }
    memory.close();
  }

  @Override
  public void close() {
    close(Duration.ofMillis(config.shutdownTimeoutMs()));
  }

  private static StreamThreadExceptionResponse fatal(Throwable e) {
    log.error("the projection failed and stops; the service is unhealthy until restarted", e);
    return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
  }
}
