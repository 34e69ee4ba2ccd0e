package dev.syncview.runtime;

import dev.syncview.query.ApiException;
import dev.syncview.query.Freshness;
import dev.syncview.topology.ProjectionTopology;
import dev.syncview.topology.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Read-your-writes by following a record through the stages with the consumer group's committed
 * offsets (under exactly-once a committed offset means its effects are applied): first until the
 * record's own partition is committed past it, then, stage by stage, until each next stage has
 * committed everything its upstream had written by then. API keys end in the global auth store,
 * which has no group offsets: there the wait is for its consumer to report no lag.
 */
public final class AppliedPositions implements Freshness {
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  private final Admin admin;
  private final String applicationId;
  private final Topics topics;
  private final StreamsStatus status;

  public AppliedPositions(Admin admin, String applicationId, Topics topics, StreamsStatus status) {
    this.admin = admin;
    this.applicationId = applicationId;
    this.topics = topics;
    this.status = status;
  }

  @Override
  public void await(List<InputPosition> positions, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (InputPosition p : positions) {
      List<List<String>> hops;
      try {
        hops = ProjectionTopology.hopsAfter(topics, p.topic());
      } catch (IllegalArgumentException e) {
        throw new ApiException.BadRequest("min_position names " + p.topic() + ", which this view does not read");
      }
      TopicPartition own = new TopicPartition(p.topic(), p.partition());
      until(deadline, () -> committed(own) > p.offset());
      for (List<String> hop : hops) {
        if (hop.contains(ProjectionTopology.AUTH_HOP)) {
          awaitGlobalAuth(deadline);
        } else {
          Map<TopicPartition, Long> written = ends(hop);
          until(deadline, () -> caughtUp(written));
        }
      }
    }
  }

  /**
   * The key stage has committed, so the keys it resolved are in the auth topic: wait until the
   * global thread has applied them. Its consumer handles fetch responses only inside its poll, and
   * it applies what a poll returned before it polls again. So once two more fetches are handled
   * than now, the later one was sent after now (it covers everything the topic held then), and by
   * the third its records have been applied; a lag of 0 at that point says nothing was left
   * behind. Transaction markers make offsets alone unusable here: the lag counts them, offsets do
   * not say which are markers. A lag metric cached from before the write said "caught up" too
   * early (a flaky read-your-writes test).
   */
  private void awaitGlobalAuth(long deadline) {
    long now = status.globalFetches(topics.auth(), 0).fetches();
    until(deadline, () -> {
      StreamsStatus.GlobalFetches g = status.globalFetches(topics.auth(), 0);
      return g.fetches() >= now + 3 && g.lag() == 0;
    });
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  private static void until(long deadline, Check check) {
    try {
      while (!check.holds()) {
        if (System.nanoTime() > deadline) {
          throw new ApiException.Unavailable(
              "the view has not applied min_position yet; retry shortly", 1);
        }
        LockSupport.parkNanos(POLL_NANOS);
      }
    } catch (ApiException e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException.Unavailable("the server is stopping", 1);
    } catch (Exception e) {
      throw new ApiException.Unavailable("the view's progress cannot be read right now", 1);
    }
  }

  private long committed(TopicPartition tp) throws Exception {
    OffsetAndMetadata c = groupOffsets().get(tp);
    return c == null ? 0 : c.offset();
  }

  private boolean caughtUp(Map<TopicPartition, Long> written) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed = groupOffsets();
    for (Map.Entry<TopicPartition, Long> e : written.entrySet()) {
      OffsetAndMetadata c = committed.get(e.getKey());
      if (e.getValue() > 0 && (c == null || c.offset() < e.getValue())) {
        return false;
      }
    }
    return true;
  }

  private Map<TopicPartition, OffsetAndMetadata> groupOffsets() throws Exception {
    return get(admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata());
  }

  /**
   * The end offsets (high watermarks, not last stable offsets) of every partition of a stage's
   * repartition topics, now. Several upstream tasks write each partition, each in its own
   * transaction: another task's open transaction holds the last stable offset below records that
   * are already committed, so only the high watermark is sure to cover ours.
   */
  private Map<TopicPartition, Long> ends(List<String> repartitions) {
    List<String> names = new ArrayList<>();
    repartitions.forEach(r -> names.add(applicationId + "-" + r + "-repartition"));
    try {
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      get(admin.describeTopics(names).allTopicNames())
          .forEach((name, d) -> d.partitions().forEach(pi -> request.put(new TopicPartition(name, pi.partition()), OffsetSpec.latest())));
      Map<TopicPartition, Long> out = new HashMap<>();
      get(admin.listOffsets(request).all())
          .forEach((tp, info) -> out.put(tp, info.offset()));
      return out;
    } catch (Exception e) {
      throw new ApiException.Unavailable("the view's progress cannot be read right now", 1);
    }
  }

  private static <T> T get(org.apache.kafka.common.KafkaFuture<T> f)
      throws InterruptedException, ExecutionException, TimeoutException {
    return f.get(5, TimeUnit.SECONDS);
  }
}
