package dev.syncview.runtime;

import dev.syncview.config.AppConfig;
import dev.syncview.store.RocksDbMemory;
import dev.syncview.topology.RecordLimits;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams configuration of the projection, from the service's configuration. */
final class StreamsProperties {
  private StreamsProperties() {}

  /**
   * @param bootstrap the cluster to use
   * @param applicationServer the host:port this instance's HTTP API is reached at
   * @param replicationFactor for the internal topics
   * @param memory the RocksDB budget every store shares
   */
  static Properties of(
      AppConfig config,
      String bootstrap,
      String applicationServer,
      int replicationFactor,
      RocksDbMemory memory) {
    Properties p = new Properties();
    memory.bound(p);
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toAbsolutePath().toString());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
    p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.numStandbyReplicas());
    // Two threads by default (BENCHMARKS.md): a thread blocks while its transaction commits, so a
    // second one keeps both cores working; each gets its own tasks, producer and consumer.
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitIntervalMs());
    // A thread that has processed everything it holds commits only after its next poll returns:
    // blocking there for Kafka's default poll time would hold the hop's transaction (so freshness) back.
    long halfCommit = Math.max(1, Math.min(100, config.commitIntervalMs() / 2));
    p.put(StreamsConfig.POLL_MS_CONFIG, halfCommit);
    // A fetch that found nothing readable waits at the broker up to this long (Kafka's default is
    // long), and traced hops showed records committed by one stage waiting that out before the
    // next read them (BENCHMARKS.md notes). An idle thread fetches often instead: a few requests.
    p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), (int) halfCommit);
    // Stages do not need their two inputs interleaved by timestamp (versions make arrival order
    // irrelevant, docs/design.md), so a task never waits to learn whether its idle input has data.
    p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
    // Stores are read directly by queries; the record cache would only delay and duplicate them.
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    p.put(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, RecordTimestamps.class.getName());
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    // Static membership: a restarted instance takes its partitions back at once instead of
    // waiting out its previous session; a dead one releases them after the session timeout.
    p.put(
        StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
        config.applicationId() + "-" + applicationServer.replaceAll("[^A-Za-z0-9._-]", "-"));
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 15_000);
    // Read-your-writes on a new key waits for global fetches (AppliedPositions): on the small auth
    // topic a short fetch wait keeps those from each waiting out Kafka's long default.
    p.put(StreamsConfig.globalConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 100);
    // Every record derived from an input the view carries fits this (RecordLimits): the producer
    // and every internal topic take it, so no input record can fail a send (events.md rule 5).
    p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), RecordLimits.INTERNAL_BYTES);
    p.put(StreamsConfig.topicPrefix(TopicConfig.MAX_MESSAGE_BYTES_CONFIG), RecordLimits.INTERNAL_BYTES);
    p.putAll(config.streamsOverrides());
    return p;
  }
}
