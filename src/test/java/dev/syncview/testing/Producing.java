package dev.syncview.testing;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** A plain KafkaProducer for tests, synchronous so that ordering is what the test says. */
public final class Producing implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;
  private final java.util.List<java.util.concurrent.Future<RecordMetadata>> pending = new java.util.ArrayList<>();

  public Producing(String bootstrapServers) {
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
            new ByteArraySerializer(),
            new ByteArraySerializer());
  }

  /** Sends and waits; {@code partition} null lets the default (murmur2) partitioner choose. */
  public RecordMetadata send(String topic, Integer partition, String key, byte[] value) {
    try {
      return producer
          .send(
              new ProducerRecord<>(
                  topic, partition, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value))
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Sends without waiting; {@link #flush()} waits for all and fails on the first error. */
  public void sendAsync(String topic, String key, byte[] value) {
    pending.add(
        producer.send(
            new ProducerRecord<>(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value)));
  }

  public void flush() {
    producer.flush();
    try {
      for (var f : pending) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      pending.clear();
    }
  }

  public RecordMetadata send(String topic, String key, Events.Snapshot s) {
    return send(topic, null, key, s.bytes());
  }

  @Override
  public void close() {
    producer.close();
  }
}
