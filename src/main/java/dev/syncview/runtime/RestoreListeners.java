package dev.syncview.runtime;

import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;

/** Streams takes one restore listener; this one tells several. */
final class RestoreListeners implements StateRestoreListener {
  private final List<StateRestoreListener> listeners;

  RestoreListeners(StateRestoreListener... listeners) {
    this.listeners = List.of(listeners);
  }

  @Override
  public void onRestoreStart(TopicPartition partition, String store, long start, long end) {
    listeners.forEach(l -> l.onRestoreStart(partition, store, start, end));
  }

  @Override
  public void onBatchRestored(TopicPartition partition, String store, long batchEnd, long count) {
    listeners.forEach(l -> l.onBatchRestored(partition, store, batchEnd, count));
  }

  @Override
  public void onRestoreEnd(TopicPartition partition, String store, long total) {
    listeners.forEach(l -> l.onRestoreEnd(partition, store, total));
  }

  @Override
  public void onRestoreSuspended(TopicPartition partition, String store, long total) {
    listeners.forEach(l -> l.onRestoreSuspended(partition, store, total));
  }
}
