package dev.syncview.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/**
 * How far each input partition is applied to the view, from snapshots of the consumer group's
 * progress. Under exactly-once a committed offset means the records before it are processed and
 * their outputs written. So a probe takes an input topic's committed offsets, then the end offsets
 * of the first stage's topics as they are right after; once that stage has committed past those
 * ends, it takes the next stage's, and so on: when the last stage has committed past its ends,
 * every input record below the probe's offsets is applied. The global auth store commits nothing:
 * there a probe waits for its consumer to handle three more fetches with no lag left
 * (GlobalFetches). Pure: the poller feeds it snapshots.
 */
final class Watermarks {
  /** Probes in flight per input topic: one more starts at each snapshot, up to this many. */
  static final int MAX_PROBES = 16;

  /** A stage of a record's path: the topics its consumers read, or the global auth store. */
  sealed interface Stage {}

  record TopicsStage(List<String> topics) implements Stage {}

  record GlobalStage(String topic) implements Stage {}

  /** What the poller read: committed offsets first, then end offsets, then the global fetches. */
  record Snapshot(
      Map<TopicPartition, Long> committed,
      Map<TopicPartition, Long> ends,
      Map<String, StreamsStatus.GlobalFetches> global) {
    long committed(TopicPartition tp) {
      return committed.getOrDefault(tp, 0L);
    }
  }

  private final Map<String, List<Stage>> paths;
  private final List<Probe> probes = new ArrayList<>();
  private final Map<TopicPartition, Long> applied = new ConcurrentHashMap<>();

  /** @param paths per input topic, the stages its records pass after the topic itself */
  Watermarks(Map<String, List<Stage>> paths) {
    this.paths = Map.copyOf(paths);
  }

  /** The offset below which every record of the partition is applied (0: none known yet). */
  long applied(TopicPartition tp) {
    return applied.getOrDefault(tp, 0L);
  }

  void advance(Snapshot s) {
    for (Iterator<Probe> it = probes.iterator(); it.hasNext(); ) {
      Probe p = it.next();
      if (p.advance(s)) {
        p.from.forEach((tp, offset) -> applied.merge(tp, offset, Math::max));
        it.remove();
      }
    }
    for (Map.Entry<String, List<Stage>> e : paths.entrySet()) {
      if (probes.stream().filter(p -> p.input.equals(e.getKey())).count() < MAX_PROBES) {
        Probe p = new Probe(e.getKey(), inputOffsets(e.getKey(), s), e.getValue());
        p.enter(s);
        probes.add(p);
      }
    }
  }

  private static Map<TopicPartition, Long> inputOffsets(String topic, Snapshot s) {
    Map<TopicPartition, Long> from = new HashMap<>();
    s.ends().keySet().stream().filter(tp -> tp.topic().equals(topic)).forEach(tp -> from.put(tp, s.committed(tp)));
    return from;
  }

  /** One measurement of how far an input topic's committed offsets have travelled. */
  private static final class Probe {
    final String input;
    final Map<TopicPartition, Long> from;
    final List<Stage> stages;
    int stage;
    Map<TopicPartition, Long> awaitedEnds = Map.of();
    long awaitedFetches;

    Probe(String input, Map<TopicPartition, Long> from, List<Stage> stages) {
      this.input = input;
      this.from = from;
      this.stages = stages;
    }

    /** True once the last stage is passed; stages passed within one snapshot are chained. */
    boolean advance(Snapshot s) {
      while (stage < stages.size() && passed(s)) {
        stage++;
        enter(s);
      }
      return stage == stages.size();
    }

    void enter(Snapshot s) {
      if (stage >= stages.size()) {
        return;
      }
      if (stages.get(stage) instanceof GlobalStage g) {
        awaitedFetches = s.global().getOrDefault(g.topic(), new StreamsStatus.GlobalFetches(0, -1)).fetches() + 3;
      } else {
        List<String> topics = ((TopicsStage) stages.get(stage)).topics();
        Map<TopicPartition, Long> ends = new HashMap<>();
        s.ends().forEach((tp, end) -> {
          if (topics.contains(tp.topic())) {
            ends.put(tp, end);
          }
        });
        awaitedEnds = ends;
      }
    }

    private boolean passed(Snapshot s) {
      if (stages.get(stage) instanceof GlobalStage g) {
        StreamsStatus.GlobalFetches f = s.global().get(g.topic());
        return f != null && f.fetches() >= awaitedFetches && f.lag() == 0;
      }
      for (Map.Entry<TopicPartition, Long> e : awaitedEnds.entrySet()) {
        if (s.committed(e.getKey()) < e.getValue()) {
          return false;
        }
      }
      return true;
    }
  }
}
