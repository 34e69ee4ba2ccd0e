package dev.syncview.tools;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The key topic on Kafka. Reads with a plain assigned consumer (no group: an operator's read
 * leaves no offsets behind) to the end offsets taken when the read begins, so it ends even while
 * keys are being published.
 */
final class KafkaKeyTopic implements KeyTopic {
  private static final Duration READ_LIMIT = Duration.ofMinutes(1);
  private static final int API_TIMEOUT_MS = 15_000;

  private final String bootstrapServers;
  private final String topic;
  private Publisher publisher;

  KafkaKeyTopic(String bootstrapServers, String topic) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
  }

  @Override
  public List<Entry> readAll() {
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(consumerConfig(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = partitions(c);
      c.assign(parts);
      c.seekToBeginning(parts);
      return readTo(c, c.endOffsets(parts));
    } catch (KafkaException e) {
      throw new IllegalStateException(
          "cannot read " + topic + " from " + bootstrapServers + ": " + e.getMessage(), e);
    }
  }

  private List<Entry> readTo(KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, Long> ends) {
    List<Entry> out = new ArrayList<>();
    long deadline = System.nanoTime() + READ_LIMIT.toNanos();
    while (ends.entrySet().stream().anyMatch(e -> c.position(e.getKey()) < e.getValue())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(topic + " was not read to " + ends + " within " + READ_LIMIT);
      }
      for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
        if (r.key() != null) {
          out.add(new Entry(new String(r.key(), StandardCharsets.UTF_8), r.value()));
        }
      }
    }
    return out;
  }

  private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> c) {
    List<TopicPartition> parts =
        c.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    if (parts.isEmpty()) {
      throw new IllegalStateException(
          topic + " does not exist on " + bootstrapServers + " (create it with: topics create)");
    }
    return parts;
  }

  private Map<String, Object> consumerConfig() {
    return Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        // keys published in a transaction count once it commits, as they do for the service
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
        ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, API_TIMEOUT_MS,
        ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, API_TIMEOUT_MS);
  }

  @Override
  public void publish(String keyId, String snapshotJson) throws InterruptedException {
    if (publisher == null) {
      publisher = new Publisher(bootstrapServers);
    }
    publisher.send(topic, keyId, snapshotJson);
    publisher.awaitAcks();
  }

  @Override
  public void close() {
    if (publisher != null) {
      publisher.close();
    }
  }
}
