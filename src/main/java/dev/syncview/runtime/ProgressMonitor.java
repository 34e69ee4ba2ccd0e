package dev.syncview.runtime;

import dev.syncview.query.Progress.Phase;
import dev.syncview.query.Progress.Work;
import dev.syncview.query.Progress;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples restore and replay progress once a second, from the first second of the process (before
 * the client exists, while it restores, while it replays), and logs it while there is work ({@link
 * ProgressLog}). Readers ({@code /health}, metrics, the status page) take the last sample: none of
 * them copies the client's metrics.
 */
public final class ProgressMonitor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ProgressMonitor.class);
  static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(15);
  private static final Set<State> STOPPED =
      EnumSet.of(State.PENDING_SHUTDOWN, State.NOT_RUNNING, State.PENDING_ERROR, State.ERROR);

  private final Supplier<KafkaStreams> streams;
  private final RestoreProgress restore;
  private final Set<String> inputs;
  private final MonotonicSum replayed = new MonotonicSum();
  private final RateWindow restoreRate = new RateWindow(WINDOW_NANOS);
  private final RateWindow replayRate = new RateWindow(WINDOW_NANOS);
  private final ProgressLog lines = new ProgressLog();
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(ProgressMonitor::daemon);
  private boolean sawRunning;
  private long lastRemaining = -1;
  private long declined;
  private volatile Progress latest = Progress.UNKNOWN;

  /** @param inputs the topics the view is projected from; every other topic read is a hop between stages */
  public ProgressMonitor(Supplier<KafkaStreams> streams, RestoreProgress restore, Set<String> inputs) {
    this.streams = streams;
    this.restore = restore;
    this.inputs = Set.copyOf(inputs);
  }

  public ProgressMonitor start() {
    ticker.scheduleAtFixedRate(this::tick, 0, 1, TimeUnit.SECONDS);
    return this;
  }

  public Progress progress() {
    return latest;
  }

  private void tick() {
    try {
      KafkaStreams s = streams.get();
      long now = System.nanoTime();
      Progress p = s == null ? sample(now, null, Map.of()) : sample(now, s.state(), s.metrics());
      lines.next(now, p).forEach(log::info);
    } catch (RuntimeException e) {
      // A sample that fails (the client closing under it) is skipped; the next one is a second away.
      log.debug("progress sample failed", e);
    }
  }

  /** @param state the client's state, null before it exists */
  synchronized Progress sample(long nanos, State state, Map<MetricName, ? extends Metric> metrics) {
    ConsumerMetrics.Reading reading = ConsumerMetrics.read(metrics);
    long replayDone = replayed.update(inputsOnly(reading.consumed()));
    long restoreDone = restore.done();
    long behind = 0;
    long between = 0;
    for (Map.Entry<TopicPartition, Long> e : reading.lags().entrySet()) {
      if (inputs.contains(e.getKey().topic())) {
        behind += e.getValue();
      } else {
        between += e.getValue();
      }
    }
    restoreRate.add(nanos, restoreDone);
    long remaining = behind + between;
    replayRate.add(nanos, declined(remaining));
    Work restoring = Work.of(restoreDone, restore.remaining(), restoreRate.perSecond());
    Work replaying = Work.of(replayDone, remaining, replayRate.perSecond());
    sawRunning |= state == State.RUNNING;
    latest = new Progress(phase(state, restoring, replaying), restoring, replaying, between);
    return latest;
  }

  /**
   * The replay's pace is how fast what is left falls, not how fast the inputs are read: the first
   * stage reads far ahead of the view (each record then crosses every hop), so remaining counts
   * the hops too. Seconds in which it rose (partitions whose lag becomes known, a burst of new
   * records) add nothing, rather than cancel the progress made around them.
   */
  private long declined(long remaining) {
    if (lastRemaining >= 0 && remaining < lastRemaining) {
      declined += lastRemaining - remaining;
    }
    lastRemaining = remaining;
    return declined;
  }

  private Map<String, Double> inputsOnly(Map<String, Double> consumed) {
    Map<String, Double> out = new HashMap<>();
    consumed.forEach((clientTopic, n) -> {
      if (inputs.contains(clientTopic.substring(clientTopic.indexOf('/') + 1))) {
        out.put(clientTopic, n);
      }
    });
    return out;
  }

  private Phase phase(State state, Work restoring, Work replaying) {
    if (state != null && STOPPED.contains(state)) {
      return Phase.STOPPED;
    }
    if (restoring.remaining() > 0) {
      return Phase.RESTORING;
    }
    if (replaying.remaining() > 0) {
      return Phase.REPLAYING;
    }
    if (state == State.RUNNING) {
      return Phase.CAUGHT_UP;
    }
    return sawRunning && state == State.REBALANCING ? Phase.REBALANCING : Phase.STARTING;
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "sync-view-progress");
    t.setDaemon(true);
    return t;
  }
}
