package dev.syncview.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * An upstream producer: idempotent, acks=all, default (murmur2) partitioner, 64 KiB batches, and
 * 5 ms linger for bulk loads or none for single probes. {@link #send} does not wait; {@link
 * #flush()} waits and fails on the first error.
 */
final class Bulk implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private final AtomicLong acked = new AtomicLong();

  Bulk(String bootstrap) {
    this(bootstrap, 5);
  }

  Bulk(String bootstrap, int lingerMs) {
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, lingerMs,
                ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024),
            new ByteArraySerializer(),
            new ByteArraySerializer());
  }

  void send(String topic, DataSet.Rec r) {
    producer.send(new ProducerRecord<>(topic, r.key(), r.value()), (meta, error) -> {
      if (error != null) {
        failure.compareAndSet(null, error);
      } else {
        acked.incrementAndGet();
      }
    });
  }

  /** Sends one record and waits for its acknowledgement. */
  RecordMetadata sendSync(String topic, DataSet.Rec r) {
    try {
      return producer.send(new ProducerRecord<>(topic, r.key(), r.value())).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("publishing failed: " + e.getCause(), e.getCause());
    }
  }

  void sendAll(String topic, List<DataSet.Rec> records) {
    for (DataSet.Rec r : records) {
      send(topic, r);
    }
  }

  /** Waits until everything sent is acknowledged. */
  void flush() {
    producer.flush();
    Exception e = failure.get();
    if (e != null) {
      throw new IllegalStateException("publishing failed: " + e, e);
    }
  }

  long acked() {
    return acked.get();
  }

  @Override
  public void close() {
    producer.close();
  }
}
