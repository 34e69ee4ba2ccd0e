package dev.syncview.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncview.testing.TempDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * On a real broker whose cleaner runs every 50 ms, an input topic configured as topics/ declares
 * keeps a tombstone through the cleanings that drop the tombstone of a topic that keeps them for
 * no time: the declared retention really keeps them (events.md: a replay equals the live view).
 */
class TombstoneCompactionIntegrationTest {
  static final String DECLARED = "declared";
  static final String DROPS = "drops-tombstones";

  @Test
  void shouldKeepATombstoneThroughCompactionWhenTheTopicIsConfiguredAsDeclared() throws Exception {
    Path dir = Files.createTempDirectory("tombstones-");
    try (EmbeddedKafkaBroker broker =
            EmbeddedKafkaBroker.start("localhost", 0, 0, dir, Map.of("log.cleaner.backoff.ms", "50"));
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
        KafkaProducer<String, String> producer = producer(broker.bootstrapServers())) {
      // Given the jobs topic's declared retention, and a topic that keeps tombstones no time at all
      String declared = TopicDefinition.load("jobs").configs().get(TopicConfig.DELETE_RETENTION_MS_CONFIG);
      admin.createTopics(List.of(topic(DECLARED, declared), topic(DROPS, "0"))).all().get();
      // and in each, a snapshot then its tombstone
      for (String t : List.of(DECLARED, DROPS)) {
        producer.send(new ProducerRecord<>(t, "deleted", "{\"version\":1}")).get();
        producer.send(new ProducerRecord<>(t, "deleted", null)).get();
      }

      // When other records roll segments until the cleaner has dropped the other topic's tombstone
      // (two cleanings: one stamps the tombstone's horizon, a later one applies it)
      int[] filler = {0};
      Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100)).until(() -> {
        for (String t : List.of(DECLARED, DROPS)) {
          producer.send(new ProducerRecord<>(t, "filler-" + (filler[0]++ % 5), "{}")).get();
        }
        return recordsOf(broker.bootstrapServers(), DROPS, "deleted").isEmpty();
      });

      // Then the declared topic, cleaned alike, still holds the tombstone, and only it
      List<ConsumerRecord<String, String>> kept = recordsOf(broker.bootstrapServers(), DECLARED, "deleted");
      assertThat(kept).hasSize(1);
      assertThat(kept.get(0).value()).isNull();
    } finally {
      TempDirs.delete(dir);
    }
  }

  static NewTopic topic(String name, String deleteRetention) {
    return new NewTopic(name, 1, (short) 1).configs(Map.of(
        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
        TopicConfig.DELETE_RETENTION_MS_CONFIG, deleteRetention,
        TopicConfig.SEGMENT_MS_CONFIG, "100",
        TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, "0.0001"));
  }

  static KafkaProducer<String, String> producer(String bootstrap) {
    return new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 0),
        new StringSerializer(),
        new StringSerializer());
  }

  /** Every record of a key on a one-partition topic, read from the start to the end offset. */
  static List<ConsumerRecord<String, String>> recordsOf(String bootstrap, String topic, String key) {
    List<ConsumerRecord<String, String>> out = new ArrayList<>();
    try (KafkaConsumer<String, String> c = new KafkaConsumer<>(
        Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringDeserializer(), new StringDeserializer())) {
      TopicPartition tp = new TopicPartition(topic, 0);
      c.assign(List.of(tp));
      c.seekToBeginning(List.of(tp));
      long end = c.endOffsets(List.of(tp)).get(tp);
      while (c.position(tp) < end) {
        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
          if (key.equals(r.key())) {
            out.add(r);
          }
        }
      }
    }
    return out;
  }
}
