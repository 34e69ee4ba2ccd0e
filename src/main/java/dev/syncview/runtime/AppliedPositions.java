package dev.syncview.runtime;

import dev.syncview.config.Topics;
import dev.syncview.query.ApiException;
import dev.syncview.query.Freshness;
import dev.syncview.topology.ProjectionTopology;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read-your-writes with one poller for every waiting request: while any request waits, one thread
 * reads the group's committed offsets and the end offsets of the topics a record passes (three
 * admin calls) every {@value #POLL_MS} ms and advances the {@link Watermarks}; waiting requests
 * only compare their positions with them. A position already below the watermark answers at once,
 * with no admin call; positions on one partition collapse to the highest; at most {@value
 * #MAX_WAITERS} requests wait at a time (more get a 503).
 */
public final class AppliedPositions implements Freshness, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AppliedPositions.class);
  static final long POLL_MS = 10;
  static final int MAX_WAITERS = 64;
  /** How old the end offsets may be when judging whether a position names a record yet. */
  static final long ENDS_MAX_AGE_MS = 20;
  private final Admin admin;
  private final String applicationId;
  private final StreamsStatus status;
  private final Map<String, List<Watermarks.Stage>> paths = new LinkedHashMap<>();
  private final Watermarks watermarks;
  /** Every topic a record passes, inputs first: whose end offsets each poll reads. */
  private final List<String> polledTopics;
  /** The topics of global stores on a record's path: whose fetches each poll reads. */
  private final List<String> globalTopics;
  private final Object lock = new Object();
  private int waiters;
  private boolean closed;
  private volatile Ends ends = new Ends(Map.of(), 0);

  private record Ends(Map<TopicPartition, Long> offsets, long readAt) {}

  public AppliedPositions(Admin admin, String applicationId, Topics topics, StreamsStatus status) {
    this.admin = admin;
    this.applicationId = applicationId;
    this.status = status;
    for (String input : topics.inputs()) {
      paths.put(input, ProjectionTopology.hopsAfter(topics, input).stream().map(hop -> stage(hop, topics)).toList());
    }
    this.watermarks = new Watermarks(paths);
    this.polledTopics = Stream.concat(paths.keySet().stream(), stages(Watermarks.TopicsStage.class).flatMap(t -> t.topics().stream()))
        .distinct()
        .toList();
    this.globalTopics = stages(Watermarks.GlobalStage.class).map(Watermarks.GlobalStage::topic).distinct().toList();
    Thread poller = new Thread(this::pollWhileWaited, "applied-positions");
    poller.setDaemon(true);
    poller.start();
  }

  private <S extends Watermarks.Stage> Stream<S> stages(Class<S> kind) {
    return paths.values().stream().flatMap(List::stream).filter(kind::isInstance).map(kind::cast);
  }

  private Watermarks.Stage stage(List<String> hop, Topics topics) {
    if (hop.contains(ProjectionTopology.AUTH_HOP)) {
      return new Watermarks.GlobalStage(topics.auth());
    }
    return new Watermarks.TopicsStage(hop.stream().map(r -> applicationId + "-" + r + "-repartition").toList());
  }

  @Override
  public void await(List<InputPosition> positions, Duration timeout) {
    Map<TopicPartition, Long> wanted = highestPerPartition(positions);
    if (applied(wanted)) {
      return;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      if (waiters >= MAX_WAITERS) {
        throw new ApiException.Unavailable("too many read-your-writes requests are waiting; retry shortly", 1);
      }
      waiters++;
      lock.notifyAll();
      try {
        while (!applied(wanted)) {
          long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
          if (left <= 0 || closed) {
            throw new ApiException.Unavailable("the view has not applied min_position yet; retry shortly", 1);
          }
          lock.wait(left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ApiException.Unavailable("the server is stopping", 1);
      } finally {
        waiters--;
      }
    }
  }

  @Override
  public boolean pending(InputPosition p) {
    TopicPartition tp = new TopicPartition(p.topic(), p.partition());
    if (!paths.containsKey(p.topic()) || p.offset() < watermarks.applied(tp)) {
      return false;
    }
    try {
      Long end = ends(p.offset(), tp).get(tp);
      return end != null && p.offset() < end;
    } catch (ApiException.Unavailable unknown) {
      return false;
    }
  }

  /** The positions' highest offset per partition; 400 for a topic or partition not read here. */
  private Map<TopicPartition, Long> highestPerPartition(List<InputPosition> positions) {
    Map<TopicPartition, Long> wanted = new HashMap<>();
    for (InputPosition p : positions) {
      if (!paths.containsKey(p.topic())) {
        throw new ApiException.BadRequest("min_position names " + p.topic() + ", which this view does not read");
      }
      wanted.merge(new TopicPartition(p.topic(), p.partition()), p.offset(), Math::max);
    }
    for (TopicPartition tp : wanted.keySet()) {
      if (!ends(-1, tp).containsKey(tp)) {
        throw new ApiException.BadRequest("min_position names partition " + tp.partition() + " of " + tp.topic() + ", which does not exist");
      }
    }
    return wanted;
  }

  private boolean applied(Map<TopicPartition, Long> wanted) {
    return wanted.entrySet().stream().allMatch(e -> e.getValue() < watermarks.applied(e.getKey()));
  }

  /**
   * The input topics' end offsets, read again when they are older than {@value #ENDS_MAX_AGE_MS}
   * ms and do not cover {@code offset} of {@code tp} (a record just produced): so unauthenticated
   * callers cause at most one admin call per that interval. While requests wait, the poller's
   * reads keep them fresh and no call is needed.
   */
  private Map<TopicPartition, Long> ends(long offset, TopicPartition tp) {
    Ends e = ends;
    Long end = e.offsets().get(tp);
    if ((end == null || offset >= end) && System.currentTimeMillis() - e.readAt() > ENDS_MAX_AGE_MS) {
      synchronized (this) {
        if (ends == e) {
          try {
            ends = new Ends(endOffsets(List.copyOf(paths.keySet())), System.currentTimeMillis());
          } catch (Exception failure) {
            throw new ApiException.Unavailable("the view's progress cannot be read right now", 1);
          }
        }
      }
    }
    return ends.offsets();
  }

  private void pollWhileWaited() {
    try {
      while (true) {
        synchronized (lock) {
          while (waiters == 0 && !closed) {
            lock.wait();
          }
          if (closed) {
            return;
          }
        }
        try {
          Watermarks.Snapshot s = snapshot();
          watermarks.advance(s);
          ends = new Ends(inputsOf(s.ends()), System.currentTimeMillis());
        } catch (Exception e) {
          log.debug("read-your-writes poll failed; retrying", e);
        }
        synchronized (lock) {
          lock.notifyAll();
        }
        Thread.sleep(POLL_MS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Committed offsets first, then end offsets: the ends then cover everything committed before. */
  private Watermarks.Snapshot snapshot() throws Exception {
    Map<TopicPartition, Long> committed = new HashMap<>();
    get(admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata())
        .forEach((tp, o) -> committed.put(tp, o == null ? 0 : o.offset()));
    Map<TopicPartition, Long> ends = endOffsets(polledTopics);
    Map<String, StreamsStatus.GlobalFetches> global = new HashMap<>();
    globalTopics.forEach(topic -> global.put(topic, status.globalFetches(topic, 0)));
    return new Watermarks.Snapshot(committed, ends, global);
  }

  /** The input topics' entries of a poll's end offsets: what {@link #ends} keeps between polls. */
  private Map<TopicPartition, Long> inputsOf(Map<TopicPartition, Long> polled) {
    Map<TopicPartition, Long> inputs = new HashMap<>(polled);
    inputs.keySet().removeIf(tp -> !paths.containsKey(tp.topic()));
    return inputs;
  }

  /**
   * High watermarks, not last stable offsets: several tasks write each repartition partition, each
   * in its own transaction, and another task's open one holds the stable offset below records that
   * are already committed.
   */
  private Map<TopicPartition, Long> endOffsets(List<String> topics) throws Exception {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    get(admin.describeTopics(topics).allTopicNames())
        .forEach((name, d) -> d.partitions().forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
    Map<TopicPartition, Long> out = new HashMap<>();
    get(admin.listOffsets(request).all()).forEach((tp, info) -> out.put(tp, info.offset()));
    return out;
  }

  private static <T> T get(KafkaFuture<T> f) throws InterruptedException, ExecutionException, TimeoutException {
    return f.get(5, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
    }
  }
}
