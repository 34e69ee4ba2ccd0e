package dev.syncview.runtime;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per store partition restored from its changelog: after a clean stop there is nothing to
 * restore; after a crash or a lost state dir these lines say how much was replayed and how long it
 * took.
 */
final class RestoreLog implements StateRestoreListener {
  private static final Logger log = LoggerFactory.getLogger(RestoreLog.class);

  @Override
  public void onRestoreStart(TopicPartition partition, String store, long start, long end) {
    // Under exactly-once a checkpoint sits one commit marker before the end: nothing to replay.
    if (end - start > 1) {
      log.info("restoring store {} from {} offsets {}..{}", store, partition, start, end);
    }
  }

  @Override
  public void onBatchRestored(TopicPartition partition, String store, long batchEnd, long count) {}

  @Override
  public void onRestoreEnd(TopicPartition partition, String store, long total) {
    if (total > 0) {
      log.info("restored store {} from {}: {} records", store, partition, total);
    }
  }
}
