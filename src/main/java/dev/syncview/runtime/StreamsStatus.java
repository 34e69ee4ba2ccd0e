package dev.syncview.runtime;

import dev.syncview.query.Progress;
import dev.syncview.query.ViewStatus;
import dev.syncview.topology.StoreNames;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/**
 * Readiness and lag from the Streams client itself: the consumers' {@code records-lag} metric per
 * partition (main and global consumers). Restore consumers are left out: a restoring partition
 * answers no reader, and its changelog records are input records already counted once (README,
 * "Watching a start"); restores show in {@link #progress()}. Computed at most every {@link
 * #REFRESH_MS} ms, so it costs nothing per request.
 */
public final class StreamsStatus implements ViewStatus {
  static final long REFRESH_MS = 250;
  /** States a client never leaves by itself; NOT_RUNNING also follows a deliberate close. */
  private static final Set<KafkaStreams.State> FATAL =
      EnumSet.of(KafkaStreams.State.PENDING_ERROR, KafkaStreams.State.ERROR, KafkaStreams.State.NOT_RUNNING);
  private final Supplier<KafkaStreams> streams;
  private final Supplier<Progress> progress;
  private volatile Lag cached = new Lag(0, Map.of());
  private volatile long cachedAt;
  private final AtomicBoolean refreshing = new AtomicBoolean();

  public StreamsStatus(Supplier<KafkaStreams> streams) {
    this(streams, () -> Progress.UNKNOWN);
  }

  /** @param progress the latest sample of {@link ProgressMonitor} */
  public StreamsStatus(Supplier<KafkaStreams> streams, Supplier<Progress> progress) {
    this.streams = streams;
    this.progress = progress;
  }

  @Override
  public Progress progress() {
    return progress.get();
  }

  /** RUNNING, and the global auth store (present on every instance) answers a read. */
  @Override
  public boolean ready() {
    KafkaStreams s = streams.get();
    if (s == null || s.state() != KafkaStreams.State.RUNNING) {
      return false;
    }
    try {
      s.store(StoreQueryParameters.fromNameAndType(StoreNames.AUTH, QueryableStoreTypes.keyValueStore()))
          .approximateNumEntries();
      return true;
    } catch (InvalidStateStoreException e) {
      return false;
    }
  }

  @Override
  public boolean live() {
    KafkaStreams s = streams.get();
    return s == null || !FATAL.contains(s.state());
  }

  /**
   * One request refreshes an expired value while the others answer with the previous one:
   * {@code KafkaStreams.metrics()} copies every metric of the client (thousands), and eight request
   * threads refreshing at once showed in a list request's profile (BENCHMARKS.md).
   */
  @Override
  public Lag lag() {
    long now = System.currentTimeMillis();
    if (now - cachedAt <= REFRESH_MS) {
      return cached;
    }
    boolean mine = refreshing.compareAndSet(false, true);
    // Until a first value exists every caller computes one rather than answer "no lag".
    if (mine || cachedAt == 0) {
      try {
        KafkaStreams s = streams.get();
        cached = s == null ? new Lag(0, Map.of()) : compute(s.metrics());
        cachedAt = now;
      } finally {
        if (mine) {
          refreshing.set(false);
        }
      }
    }
    return cached;
  }

  /**
   * What the global consumer has done so far, read now (not cached): fetch responses handled, and
   * its lag on one partition of {@code topic} as of the last of them (-1 while unknown).
   */
  record GlobalFetches(long fetches, long lag) {}

  GlobalFetches globalFetches(String topic, int partition) {
    KafkaStreams s = streams.get();
    return s == null ? new GlobalFetches(0, -1) : globalFetches(s.metrics(), topic, partition);
  }

  static GlobalFetches globalFetches(Map<MetricName, ? extends Metric> metrics, String topic, int partition) {
    long fetches = 0;
    long lag = -1;
    for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
      MetricName n = e.getKey();
      if (!n.group().equals(ConsumerMetrics.GROUP)
          || !n.tags().getOrDefault("client-id", "").endsWith("global-consumer")) {
        continue;
      }
      Object value = e.getValue().metricValue();
      if (!(value instanceof Double d) || d.isNaN()) {
        continue;
      }
      if (n.name().equals("fetch-total") && !n.tags().containsKey("topic")) {
        fetches = d.longValue();
      } else if (n.name().equals("records-lag")
          && topic.equals(n.tags().get("topic"))
          && Integer.toString(partition).equals(n.tags().get("partition"))) {
        lag = Math.max(0, d.longValue());
      }
    }
    return new GlobalFetches(fetches, lag);
  }

  static Lag compute(Map<MetricName, ? extends Metric> metrics) {
    Map<String, Long> partitions = new TreeMap<>();
    ConsumerMetrics.read(metrics).lags().forEach((tp, lag) -> partitions.put(tp.toString(), lag));
    long total = partitions.values().stream().mapToLong(Long::longValue).sum();
    return new Lag(total, Collections.unmodifiableMap(partitions));
  }
}
