package dev.syncview.runtime;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Keeps each record's own timestamp (dead letters must carry it). A record without one (negative)
 * takes the partition's time instead of stopping the projection, as Streams' default would.
 */
public final class RecordTimestamps implements TimestampExtractor {
  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    if (record.timestamp() >= 0) {
      return record.timestamp();
    }
    return Math.max(partitionTime, 0);
  }
}
