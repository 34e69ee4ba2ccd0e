package dev.syncview.runtime;

import dev.syncview.query.StatusReport.Restoring;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * What the restoring store partitions have left: Streams reports each restore's start, batches and
 * end here (from the state updater and global threads, so everything is thread-safe and cheap).
 * Remaining counts changelog offsets, so under exactly-once it includes the transaction markers: an
 * upper bound of the records left, exact at 0.
 */
public final class RestoreProgress implements StateRestoreListener {
  private final Map<Key, Partition> restoring = new ConcurrentHashMap<>();
  private final LongAdder done = new LongAdder();

  /** One changelog partition of one store. */
  public record Key(String store, TopicPartition changelog) {}

  /** @param position the next offset to restore */
  private record Partition(long position, long end, long done) {}

  @Override
  public void onRestoreStart(TopicPartition partition, String store, long start, long end) {
    restoring.put(new Key(store, partition), new Partition(start, end, 0));
  }

  @Override
  public void onBatchRestored(TopicPartition partition, String store, long batchEnd, long count) {
    done.add(count);
    restoring.computeIfPresent(
        new Key(store, partition), (k, p) -> new Partition(batchEnd + 1, p.end(), p.done() + count));
  }

  @Override
  public void onRestoreEnd(TopicPartition partition, String store, long total) {
    restoring.remove(new Key(store, partition));
  }

  /** The task moved away mid-restore: what is left is no longer this instance's work. */
  @Override
  public void onRestoreSuspended(TopicPartition partition, String store, long total) {
    restoring.remove(new Key(store, partition));
  }

  /** Records restored since the service started, over every store partition. */
  public long done() {
    return done.sum();
  }

  /** Changelog offsets left over the partitions being restored now. */
  public long remaining() {
    return restoring.values().stream().mapToLong(p -> Math.max(0, p.end() - p.position())).sum();
  }

  public List<Restoring> partitions() {
    return restoring.entrySet().stream()
        .map(e -> new Restoring(
            e.getKey().store(),
            e.getKey().changelog().toString(),
            e.getValue().done(),
            Math.max(0, e.getValue().end() - e.getValue().position())))
        .sorted(Comparator.comparing(Restoring::changelog))
        .toList();
  }
}
