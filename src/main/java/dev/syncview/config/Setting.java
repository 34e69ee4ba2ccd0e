package dev.syncview.config;

/**
 * Every setting of the service: its properties-file key, its environment variable, its default and
 * what it does. The README's configuration table lists exactly these (a test checks it).
 */
public enum Setting {
  KAFKA_BOOTSTRAP_SERVERS(
      "kafka.bootstrap.servers", "", "Kafka cluster to use. Empty: start the embedded broker."),
  EMBEDDED_KAFKA_HOST("embedded.kafka.host", "localhost", "Host the embedded broker listens on and advertises."),
  EMBEDDED_KAFKA_PORT("embedded.kafka.port", "9092", "Client port of the embedded broker (0 picks a free one)."),
  EMBEDDED_KAFKA_CONTROLLER_PORT(
      "embedded.kafka.controller.port", "9093", "KRaft controller port of the embedded broker (0 picks a free one)."),
  DATA_DIR("data.dir", "./data", "Embedded broker log (data.dir/kafka) and default state dir."),
  STATE_DIR("state.dir", "", "Kafka Streams state (RocksDB). Empty: data.dir/state."),
  HTTP_HOST("http.host", "0.0.0.0", "Interface the HTTP API binds."),
  HTTP_PORT("http.port", "8080", "Port of the HTTP API (0 picks a free one)."),
  APPLICATION_ID(
      "application.id", "sync-view", "Kafka Streams application id: consumer group and state prefix."),
  APPLICATION_SERVER(
      "application.server", "", "host:port other instances reach this one at. Empty: localhost:http.port."),
  TOPIC_SOURCES("topic.sources", "sync.sources", "Source snapshots topic."),
  TOPIC_JOBS("topic.jobs", "sync.jobs", "Job snapshots topic."),
  TOPIC_API_KEYS("topic.api-keys", "sync.api-keys", "API-key snapshots topic."),
  TOPIC_DEAD_LETTERS("topic.dead-letters", "sync.dead-letters", "Dead-letter topic."),
  TOPIC_AUTH("topic.auth", "", "Resolved-keys topic this service writes. Empty: <application.id>.auth."),
  VIEW_PARTITIONS(
      "view.partitions", "3", "Partitions of every internal repartition topic: the projection's parallelism."),
  REPLICATION_FACTOR(
      "replication.factor", "0", "Replication of created topics and internal topics. 0: min(3, brokers)."),
  NUM_STANDBY_REPLICAS("num.standby.replicas", "0", "Standby copies of each state store on other instances."),
  STREAM_THREADS(
      "stream.threads",
      "2",
      "Kafka Streams threads of this instance: each works its own tasks and commits on its own."),
  COMMIT_INTERVAL_MS(
      "commit.interval.ms", "20", "Kafka Streams commit interval: the floor of the view's lag between stages."),
  MIN_POSITION_TIMEOUT_MS(
      "min.position.timeout.ms", "5000", "Longest wait of a read-your-writes request (min_position) before a 503."),
  CURSOR_SECRET(
      "cursor.secret", "", "Signs listing cursors; the same on every instance. Empty: derived from application.id."),
  INTERNAL_SECRET(
      "internal.secret",
      "",
      "Signs requests forwarded between instances; the same on every instance. Empty: derived from application.id."),
  FORWARD_TIMEOUT_MS(
      "forward.timeout.ms", "2000", "Longest wait for another instance's answer (plus min.position.timeout.ms)."),
  MAX_STANDBY_LAG_RECORDS(
      "max.standby.lag.records",
      "10",
      "A standby copy answers (when the active is out of reach) only if at most this many records behind."),
  ROCKSDB_MEMORY_MB(
      "rocksdb.memory.mb",
      "128",
      "Off-heap budget of all RocksDB stores of this instance: one shared block cache, memtables counted in it."),
  SHUTDOWN_TIMEOUT_MS(
      "shutdown.timeout.ms", "30000", "Longest graceful stop on SIGTERM: HTTP drain, then Streams close, then the broker."),
  LOG_FORMAT("log.format", "json", "json (one JSON object per line) or text."),
  CONFIG_FILE("config.file", "", "Optional properties file read under the environment.");

  private final String key;
  private final String defaultValue;
  private final String description;

  Setting(String key, String defaultValue, String description) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  public String key() {
    return key;
  }

  /** The environment variable: the enum name. */
  public String env() {
    return name();
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }
}
