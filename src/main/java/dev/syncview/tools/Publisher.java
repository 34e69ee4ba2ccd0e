package dev.syncview.tools;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** A small idempotent producer of UTF-8 records for the operator commands; fails loudly. */
final class Publisher implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;
  private final List<Future<RecordMetadata>> pending = new ArrayList<>();

  Publisher(String bootstrapServers) {
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000),
            new ByteArraySerializer(),
            new ByteArraySerializer());
  }

  void send(String topic, String key, String value) {
    pending.add(
        producer.send(
            new ProducerRecord<>(
                topic,
                key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8))));
  }

  /** Waits until everything sent is acknowledged, or throws the first failure. */
  void awaitAcks() throws InterruptedException {
    producer.flush();
    try {
      for (Future<RecordMetadata> f : pending) {
        f.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("publishing failed: " + e.getCause().getMessage(), e.getCause());
    } finally {
      pending.clear();
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
