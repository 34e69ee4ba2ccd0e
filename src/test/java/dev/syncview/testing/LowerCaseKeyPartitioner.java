package dev.syncview.testing;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.utils.Utils;

/**
 * murmur2 of the lower-cased key: a producer that keeps every snapshot of one entity in one
 * partition even when it spells the UUID key in another case, so per-entity order is its send
 * order (what the reference model assumes). Records are then routed by the service either way.
 */
public final class LowerCaseKeyPartitioner implements Partitioner {
  @Override
  public int partition(
      String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
    int n = cluster.partitionCountForTopic(topic);
    if (keyBytes == null) {
      return 0;
    }
    byte[] lower =
        new String(keyBytes, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    return Utils.toPositive(Utils.murmur2(lower)) % n;
  }

  @Override
  public void close() {}

  @Override
  public void configure(Map<String, ?> configs) {}
}
