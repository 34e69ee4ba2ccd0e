package dev.syncview.bench;

import dev.syncview.view.Bin;
import dev.syncview.view.JobCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Follows probe jobs from publish to visible through the service's internal hop: when the hop's
 * record is written (seen by a read_uncommitted consumer) and when its transaction commits
 * (seen by a read_committed one, as the next stage's consumer sees it). Both consumers fetch with a
 * 5 ms wait, so each time is a few ms late at most. This splits a probe's freshness into the time
 * each stage takes to process it and the time its transaction takes to commit.
 */
final class HopTrace implements AutoCloseable {
  /**
   * The internal topics a probe job crosses, in order (docs/design.md): the bench publishes with the
   * Java client's partitioner, so its jobs reach their gate without the by-id hop.
   */
  static final List<String> HOPS = List.of("jobs-by-tenant");
  /** The segments between a probe's points, in order. */
  static final List<String> SEGMENTS = List.of(
      "job gate: published → written to jobs-by-tenant",
      "commit",
      "tenant view: committed → visible to the poller");
  /**
   * Points per probe (System.nanoTime, 0 until seen): published, then for each hop written and
   * committed, then visible.
   */
  private static final int POINTS = 2 * HOPS.size() + 2;
  private static final int VISIBLE = POINTS - 1;

  private final Map<String, AtomicLongArray> times = new ConcurrentHashMap<>();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final List<Thread> readers = new ArrayList<>();

  /**
   * Per hop, the record key of the probes' records: records with another key are skipped before
   * anything is decoded, so the trace's own CPU stays small against the service it times.
   */
  private final byte[][] probeKeys;

  HopTrace(String bootstrap, String applicationId, String probeTenant) {
    this.probeKeys = new byte[][] {probeTenant.getBytes(StandardCharsets.UTF_8)};
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

  /** Starts recording a probe job's way; call before publishing it. */
  void watch(String jobId, long publishedAt) {
    AtomicLongArray points = new AtomicLongArray(POINTS);
    points.set(0, publishedAt);
    times.put(jobId, points);
  }

  /** The moment a reader first saw the probe listed. */
  void visible(String jobId, long at) {
    times.get(jobId).compareAndSet(VISIBLE, 0, at);
  }

  /**
   * Each segment's duration (ms) for every probe that was seen at every point, by segment label
   * (numbered, since "commit" repeats).
   */
  Map<String, List<Double>> segmentsMs() {
    Map<String, List<Double>> out = new LinkedHashMap<>();
    List<List<Double>> columns = new ArrayList<>();
    for (int i = 0; i < SEGMENTS.size(); i++) {
      columns.add(new ArrayList<>());
      out.put((i + 1) + ". " + SEGMENTS.get(i), columns.get(i));
    }
    for (AtomicLongArray points : times.values()) {
      if (IntStream.range(0, POINTS).allMatch(i -> points.get(i) != 0)) {
        for (int i = 0; i + 1 < POINTS; i++) {
          columns.get(i).add((points.get(i + 1) - points.get(i)) / 1e6);
        }
      }
    }
    return out;
  }

  private void read(KafkaConsumer<byte[], byte[]> consumer, int slot) {
    try (consumer) {
      while (!stop.get()) {
        for (ConsumerRecord<byte[], byte[]> rec : consumer.poll(Duration.ofMillis(5))) {
          long now = System.nanoTime();
          int hop = hopOf(rec.topic());
          if (probeKeys[hop] != null && !Arrays.equals(probeKeys[hop], rec.key())) {
            continue;
          }
          String jobId = jobIdOf(hop, rec);
          AtomicLongArray t = jobId == null ? null : times.get(jobId);
          if (t != null) {
            t.compareAndSet(1 + 2 * hop + slot, 0, now);
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

  /** The job a gate message upserts (type 1: a job in JobCodec form), or null. */
  private static String jobIdOf(int hop, ConsumerRecord<byte[], byte[]> rec) {
    try {
      Bin.Reader r = new Bin.Reader(rec.value());
      return r.u8() == 1 ? JobCodec.decode(r.bytes()).id() : null;
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
