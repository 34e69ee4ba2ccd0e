package dev.syncview.config;

import dev.syncview.config.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The service's configuration, loaded once: code defaults, under an optional properties file,
 * under environment variables. Any Kafka Streams or client property passes through: {@code
 * kafka.streams.<property>} in the file, or {@code KAFKA_STREAMS_<PROPERTY>} in the environment
 * (upper case, dots as underscores).
 *
 * @param kafkaBootstrapServers empty when the embedded broker is to be started
 * @param replicationFactor 0 for min(3, brokers)
 * @param cursorSecret the key that signs listing cursors
 * @param rocksDbMemoryMb the shared RocksDB block cache (write buffers charged to it)
 * @param logFormat json or text
 * @param streamsOverrides pass-through Kafka Streams properties, applied last
 */
public record AppConfig(
    String kafkaBootstrapServers,
    String embeddedKafkaHost,
    int embeddedKafkaPort,
    int embeddedKafkaControllerPort,
    Path dataDir,
    Path stateDir,
    String httpHost,
    int httpPort,
    String applicationId,
    String applicationServer,
    Topics topics,
    int viewPartitions,
    int replicationFactor,
    int numStandbyReplicas,
    int streamThreads,
    long commitIntervalMs,
    String cursorSecret,
    long minPositionTimeoutMs,
    String internalSecret,
    long forwardTimeoutMs,
    long maxStandbyLagRecords,
    int rocksDbMemoryMb,
    long shutdownTimeoutMs,
    String logFormat,
    Map<String, String> streamsOverrides) {

  static final String STREAMS_PREFIX = "kafka.streams.";
  static final String STREAMS_ENV_PREFIX = "KAFKA_STREAMS_";
  static final String TRANSACTIONAL_STORES = "enable.transactional.statestores";

  public AppConfig {
    streamsOverrides = Map.copyOf(streamsOverrides);
  }

  public boolean embeddedKafka() {
    return kafkaBootstrapServers.isEmpty();
  }

  /** The bootstrap servers to use: the configured cluster, or the embedded broker. */
  public String bootstrapServers() {
    return embeddedKafka() ? embeddedKafkaHost + ":" + embeddedKafkaPort : kafkaBootstrapServers;
  }

  public static AppConfig fromEnvironment() {
    return load(System.getenv());
  }

  /** Defaults < the file named by CONFIG_FILE (if any) < {@code env}. */
  public static AppConfig load(Map<String, String> env) {
    String file = env.getOrDefault(Setting.CONFIG_FILE.env(), "");
    Properties fileProps = file.isEmpty() ? new Properties() : readFile(Path.of(file));
    Map<Setting, String> values = new EnumMap<>(Setting.class);
    for (Setting s : Setting.values()) {
      String v = s.defaultValue();
      v = fileProps.getProperty(s.key(), v);
      v = env.getOrDefault(s.env(), v);
      values.put(s, v.trim());
    }
    Map<String, String> overrides = new LinkedHashMap<>();
    fileProps.stringPropertyNames().stream()
        .filter(k -> k.startsWith(STREAMS_PREFIX))
        .sorted()
        .forEach(k -> overrides.put(k.substring(STREAMS_PREFIX.length()), fileProps.getProperty(k)));
    env.keySet().stream()
        .filter(k -> k.startsWith(STREAMS_ENV_PREFIX) && k.length() > STREAMS_ENV_PREFIX.length())
        .sorted()
        .forEach(
            k ->
                overrides.put(
                    k.substring(STREAMS_ENV_PREFIX.length()).toLowerCase().replace('_', '.'),
                    env.get(k)));
    refuseTransactionalStores(overrides);
    return from(new Values(values), overrides);
  }

  /**
   * Kafka 4.4's transactional state stores (off by default) would buffer writes outside RocksDB,
   * where the view's derived entries (IndexingViewStore) and the query path, which reads below
   * Streams' layers (PinnedKeyValueStore), do not look: refused rather than half-working.
   */
  private static void refuseTransactionalStores(Map<String, String> overrides) {
    if (Boolean.parseBoolean(overrides.getOrDefault(TRANSACTIONAL_STORES, "").trim())) {
      throw new ConfigException(
          STREAMS_ENV_PREFIX + "ENABLE_TRANSACTIONAL_STATESTORES=true (" + STREAMS_PREFIX + TRANSACTIONAL_STORES
              + ") is not supported: the view reads and derives its indexes from the RocksDB store directly");
    }
  }

  private static AppConfig from(Values v, Map<String, String> overrides) {
    Path dataDir = Path.of(v.text(Setting.DATA_DIR, false));
    String stateDir = v.text(Setting.STATE_DIR, true);
    String applicationId = v.name(Setting.APPLICATION_ID);
    int httpPort = v.port(Setting.HTTP_PORT, true);
    String auth = v.text(Setting.TOPIC_AUTH, true);
    Topics topics =
        new Topics(
            v.name(Setting.TOPIC_SOURCES),
            v.name(Setting.TOPIC_JOBS),
            v.name(Setting.TOPIC_API_KEYS),
            v.name(Setting.TOPIC_DEAD_LETTERS),
            auth.isEmpty() ? applicationId + ".auth" : v.name(Setting.TOPIC_AUTH));
    return new AppConfig(
        v.text(Setting.KAFKA_BOOTSTRAP_SERVERS, true),
        v.text(Setting.EMBEDDED_KAFKA_HOST, false),
        v.port(Setting.EMBEDDED_KAFKA_PORT, true),
        v.port(Setting.EMBEDDED_KAFKA_CONTROLLER_PORT, true),
        dataDir,
        stateDir.isEmpty() ? dataDir.resolve("state") : Path.of(stateDir),
        v.text(Setting.HTTP_HOST, false),
        httpPort,
        applicationId,
        v.hostPort(Setting.APPLICATION_SERVER),
        topics,
        v.integer(Setting.VIEW_PARTITIONS, 1, 10_000),
        v.integer(Setting.REPLICATION_FACTOR, 0, 32),
        v.integer(Setting.NUM_STANDBY_REPLICAS, 0, 16),
        v.integer(Setting.STREAM_THREADS, 1, 64),
        v.integer(Setting.COMMIT_INTERVAL_MS, 1, 600_000),
        cursorSecret(v.text(Setting.CURSOR_SECRET, true), applicationId),
        v.integer(Setting.MIN_POSITION_TIMEOUT_MS, 0, 600_000),
        internalSecret(v.text(Setting.INTERNAL_SECRET, true), applicationId),
        v.integer(Setting.FORWARD_TIMEOUT_MS, 100, 600_000),
        v.integer(Setting.MAX_STANDBY_LAG_RECORDS, 0, Integer.MAX_VALUE),
        v.integer(Setting.ROCKSDB_MEMORY_MB, 16, 1_048_576),
        v.integer(Setting.SHUTDOWN_TIMEOUT_MS, 1_000, 600_000),
        v.oneOf(Setting.LOG_FORMAT, "json", "text"),
        overrides);
  }

  /**
   * A cursor only ever continues its own tenant's listing, so a guessable default secret lets
   * nobody see more; it only lets a client forge positions in listings it may read anyway.
   */
  private static String cursorSecret(String configured, String applicationId) {
    return configured.isEmpty() ? "sync-view-cursor:" + applicationId : configured;
  }

  /**
   * A forwarding mark never grants data (the receiver authenticates the token itself), so a
   * guessable default only lets a caller ask a standby for its own tenant's possibly stale data.
   */
  private static String internalSecret(String configured, String applicationId) {
    return configured.isEmpty() ? "sync-view-internal:" + applicationId : configured;
  }

  private static Properties readFile(Path path) {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(path)) {
      p.load(in);
    } catch (IOException e) {
      throw new ConfigException(
          Setting.CONFIG_FILE.env() + "=" + path + " cannot be read: " + e.getMessage());
    }
    return p;
  }

  /** Typed reads that fail naming the setting and what it accepts. */
  private record Values(Map<Setting, String> raw) {
    String text(Setting s, boolean mayBeEmpty) {
      String v = raw.get(s);
      if (!mayBeEmpty && v.isEmpty()) {
        throw bad(s, v, "a non-empty value");
      }
      return v;
    }

    String name(Setting s) {
      String v = text(s, false);
      if (!v.matches("[A-Za-z0-9._-]{1,249}")) {
        throw bad(s, v, "1 to 249 characters of letters, digits, '.', '_' or '-'");
      }
      return v;
    }

    int integer(Setting s, int min, int max) {
      String v = raw.get(s);
      try {
        int n = Integer.parseInt(v);
        if (n >= min && n <= max) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw bad(s, v, "an integer from " + min + " to " + max);
    }

    String oneOf(Setting s, String... allowed) {
      String v = raw.get(s);
      if (!java.util.List.of(allowed).contains(v)) {
        throw bad(s, v, "one of " + String.join(", ", allowed));
      }
      return v;
    }

    int port(Setting s, boolean zeroAllowed) {
      return integer(s, zeroAllowed ? 0 : 1, 65_535);
    }

    String hostPort(Setting s) {
      String v = raw.get(s);
      if (!v.isEmpty() && !v.matches("[^:\\s]+:\\d{1,5}")) {
        throw bad(s, v, "host:port, or empty");
      }
      return v;
    }

    private static ConfigException bad(Setting s, String value, String allowed) {
      return new ConfigException(
          "invalid setting " + s.env() + " (" + s.key() + ") = '" + value + "': expected " + allowed);
    }
  }
}
