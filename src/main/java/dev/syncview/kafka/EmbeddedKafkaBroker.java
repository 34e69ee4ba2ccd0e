package dev.syncview.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) inside this JVM, built
 * from Kafka's own server classes. Its log directory is formatted on first start and reused after,
 * so topics and offsets survive restarts. Port 0 picks a free port.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
  private static final int LISTENER_PORTS_FROM = 20_000;
  private static final int LISTENER_PORTS = 12_000;
  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final int NODE_ID = 1;

  private final String host;
  private final int port;
  private final int controllerPort;
  private final Path logDir;
  private final Map<String, String> extraProps;
  private KafkaRaftServer server;

  private EmbeddedKafkaBroker(
      String host, int port, int controllerPort, Path logDir, Map<String, String> extraProps) {
    this.host = host;
    this.port = port;
    this.controllerPort = controllerPort;
    this.logDir = logDir.toAbsolutePath();
    this.extraProps = Map.copyOf(extraProps);
  }

  /** Formats {@code logDir} if needed and starts; returns once the broker accepts clients. */
  public static EmbeddedKafkaBroker start(
      String host, int port, int controllerPort, Path logDir, Map<String, String> extraProps) {
    int p = port == 0 ? freePort(host) : port;
    int c = controllerPort == 0 ? freePortOtherThan(host, p) : controllerPort;
    if (p == c) {
      throw new IllegalArgumentException("broker and controller ports must differ: " + p);
    }
    EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(host, p, c, logDir, extraProps);
    broker.startup();
    return broker;
  }

  private void startup() {
    requireBindable(port, "EMBEDDED_KAFKA_PORT");
    requireBindable(controllerPort, "EMBEDDED_KAFKA_CONTROLLER_PORT");
    long begin = System.nanoTime();
    try {
      Files.createDirectories(logDir);
      Properties props = properties();
      format(props);
      KafkaRaftServer s = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
      try {
        s.startup();
      } catch (RuntimeException e) {
        // startup() may leave the controller running when the broker side fails.
        shutdown(s);
        throw new IllegalStateException(
            "the embedded Kafka broker failed to start on " + bootstrapServers() + ": " + e, e);
      }
      server = s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    log.info(
        "embedded Kafka broker listening on {} (log dir {}) after {} ms",
        bootstrapServers(),
        logDir,
        (System.nanoTime() - begin) / 1_000_000);
  }

  public String bootstrapServers() {
    return host + ":" + port;
  }

  /** Stops the broker and waits for it; the log directory is kept. */
  @Override
  public synchronized void close() {
    if (server != null) {
      shutdown(server);
      server = null;
    }
  }

  private Properties properties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("process.roles", "broker,controller");
    p.put("node.id", Integer.toString(NODE_ID));
    // A static voter set is read from this config on every start, so ports may change between runs.
    p.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
    p.put("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", logDir.toString());
    p.put("num.partitions", "3");
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    p.put("auto.create.topics.enable", "false");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "3");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "3");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    // The cleaner's 128 MiB default dedupe buffer lives on the heap; a few MiB is plenty here.
    p.put("log.cleaner.dedupe.buffer.size", Integer.toString(4 * 1024 * 1024));
    p.putAll(extraProps);
    Properties props = new Properties();
    props.putAll(p);
    return props;
  }

  private void format(Properties props) throws IOException {
    Path cfg = Files.createTempFile("embedded-kafka", ".properties");
    try {
      try (OutputStream out = Files.newOutputStream(cfg)) {
        props.store(out, null);
      }
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      int rc;
      try (PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
        rc =
            StorageTool.execute(
                new String[] {"format", "--ignore-formatted", "-t", clusterId(), "-c", cfg.toString()},
                ps);
      }
      if (rc != 0) {
        throw new IllegalStateException(
            "formatting " + logDir + " failed (" + rc + "): " + buf.toString(StandardCharsets.UTF_8));
      }
    } finally {
      Files.deleteIfExists(cfg);
    }
  }

  /** The cluster id of an already formatted log dir (format checks it), else a new one. */
  private String clusterId() throws IOException {
    Path meta = logDir.resolve("meta.properties");
    if (Files.exists(meta)) {
      Properties p = new Properties();
      try (InputStream in = Files.newInputStream(meta)) {
        p.load(in);
      }
      String id = p.getProperty("cluster.id");
      if (id != null && !id.isBlank()) {
        return id;
      }
    }
    return Uuid.randomUuid().toString();
  }

  private static void shutdown(KafkaRaftServer s) {
    try {
      s.shutdown();
      s.awaitShutdown();
    } catch (RuntimeException e) {
      log.warn("the embedded Kafka broker did not shut down cleanly: {}", e.toString());
    }
  }

  private void requireBindable(int p, String setting) {
    IOException e = bindFailure(host, p);
    if (e != null) {
      throw new IllegalStateException(
          "the embedded Kafka broker cannot listen on "
              + host
              + ":"
              + p
              + " ("
              + e.getMessage()
              + "): another program uses it; stop it, or set "
              + setting
              + " (or KAFKA_BOOTSTRAP_SERVERS to use a running cluster)",
          e);
    }
  }

  /**
   * A free port other than {@code taken}: the system may hand out a port it just handed out, since
   * {@link #freePort} releases each one before returning it.
   */
  static int freePortOtherThan(String host, int taken) {
    int port = freePort(host);
    while (port == taken) {
      port = freePort(host);
    }
    return port;
  }

  /**
   * A port free now, for a listener that binds it a little later (a broker, a child JVM): taken
   * below the system's ephemeral range (32768 and up on Linux), where the outgoing connections
   * made meanwhile cannot land on it, as they can on a port the system picks for a bind to 0.
   */
  public static int freePort(String host) {
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = LISTENER_PORTS_FROM + ThreadLocalRandom.current().nextInt(LISTENER_PORTS);
      if (bindFailure(host, port) == null) {
        return port;
      }
    }
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Why a listener could not bind {@code host:port} now, or null when it could. */
  private static IOException bindFailure(String host, int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getByName(host), port));
      return null;
    } catch (IOException e) {
      return e;
    }
  }
}
