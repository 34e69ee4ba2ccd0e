package dev.syncview.bench;

import dev.syncview.view.ViewChange;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Follows probe jobs through the service's three internal hops: when each hop's record is written
 * (seen by a read_uncommitted consumer) and when its transaction commits (seen by a read_committed
 * one, as the next stage's consumer sees it). Both consumers fetch with a 5 ms wait, so each time
 * is a few ms late at most. Together with the publish and visible times of {@link Freshness}, this
 * splits a probe's freshness into the time each stage takes to process it and the time its
 * transaction takes to commit.
 */
final class HopTrace implements AutoCloseable {
  /** The internal topics a job crosses, in order (docs/design.md). */
  static final List<String> HOPS = List.of("jobs-by-id", "jobs-by-source", "changes-by-tenant");
  /** Times per probe: for each hop, written then committed (System.nanoTime, 0 when not seen). */
  static final int SLOTS = 2 * HOPS.size();

  private final Map<String, AtomicLongArray> times = new ConcurrentHashMap<>();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final List<Thread> readers = new ArrayList<>();

  HopTrace(String bootstrap, String applicationId) {
    for (boolean committed : new boolean[] {false, true}) {
      KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, committed);
      List<TopicPartition> partitions = new ArrayList<>();
      for (String hop : HOPS) {
        String topic = applicationId + "-" + hop + "-repartition";
        consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position);
      Thread t = new Thread(() -> read(consumer, committed ? 1 : 0), "hop-trace-" + (committed ? "committed" : "written"));
      t.setDaemon(true);
      t.start();
      readers.add(t);
    }
  }

  /** Starts recording a probe job's hops; call before publishing it. */
  void watch(String jobId) {
    times.put(jobId, new AtomicLongArray(SLOTS));
  }

  /** The probe's times, or null if it was not watched. */
  AtomicLongArray times(String jobId) {
    return times.get(jobId);
  }

  private void read(KafkaConsumer<byte[], byte[]> consumer, int slot) {
    try (consumer) {
      while (!stop.get()) {
        for (ConsumerRecord<byte[], byte[]> rec : consumer.poll(Duration.ofMillis(5))) {
          long now = System.nanoTime();
          int hop = hopOf(rec.topic());
          String jobId = jobIdOf(hop, rec);
          AtomicLongArray t = jobId == null ? null : times.get(jobId);
          if (t != null) {
            t.compareAndSet(2 * hop + slot, 0, now);
          }
        }
      }
    }
  }

  private static int hopOf(String topic) {
    for (int i = 0; i < HOPS.size(); i++) {
      if (topic.endsWith("-" + HOPS.get(i) + "-repartition")) {
        return i;
      }
    }
    throw new IllegalArgumentException(topic);
  }

  /** Hop 1 is keyed by job id, hop 2 by source id with the original key in a header, hop 3 by tenant. */
  private static String jobIdOf(int hop, ConsumerRecord<byte[], byte[]> rec) {
    if (hop == 0) {
      return rec.key() == null ? null : new String(rec.key(), StandardCharsets.UTF_8);
    }
    if (hop == 1) {
      Header key = rec.headers().lastHeader("sv.key");
      return key == null ? null : new String(key.value(), StandardCharsets.UTF_8);
    }
    try {
      return rec.value() != null && ViewChange.decode(rec.value()) instanceof ViewChange.RowUpsert u
          ? u.attrs().jobId()
          : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, boolean committed) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, committed ? "read_committed" : "read_uncommitted",
            ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
        new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  @Override
  public void close() throws InterruptedException {
    stop.set(true);
    for (Thread t : readers) {
      t.join();
    }
  }
}
