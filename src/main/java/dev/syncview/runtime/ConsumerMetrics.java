package dev.syncview.runtime;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;

/**
 * What the Streams client's consumers report about the partitions they read, in one pass over the
 * client's metrics (a copy of thousands: read it once per use).
 */
final class ConsumerMetrics {
  static final String GROUP = "consumer-fetch-manager-metrics";

  /**
   * @param lags records behind per partition, main and global consumers (the restore consumers
   *     read changelogs, not the topics the view applies; see {@link RestoreProgress})
   * @param consumed records read so far per main consumer and topic ({@code client-id/topic})
   */
  record Reading(Map<TopicPartition, Long> lags, Map<String, Double> consumed) {}

  private ConsumerMetrics() {}

  static Reading read(Map<MetricName, ? extends Metric> metrics) {
    Map<TopicPartition, Long> lags = new HashMap<>();
    Map<String, Double> consumed = new HashMap<>();
    for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
      MetricName n = e.getKey();
      Map<String, String> tags = n.tags();
      String client = tags.getOrDefault("client-id", "");
      if (!n.group().equals(GROUP) || client.endsWith("restore-consumer") || !tags.containsKey("topic")) {
        continue;
      }
      Object value = e.getValue().metricValue();
      if (!(value instanceof Double d) || d.isNaN()) {
        continue;
      }
      if (n.name().equals("records-lag") && tags.containsKey("partition")) {
        TopicPartition tp = new TopicPartition(tags.get("topic"), Integer.parseInt(tags.get("partition")));
        lags.merge(tp, Math.max(0, d.longValue()), Math::max);
      } else if (n.name().equals("records-consumed-total")
          && !tags.containsKey("partition")
          && !client.endsWith("global-consumer")) {
        consumed.put(client + "/" + tags.get("topic"), d);
      }
    }
    dropDeprecatedTwins(lags);
    return new Reading(lags, consumed);
  }

  /**
   * Consumers also publish each lag under a deprecated topic tag with '.' replaced by '_'
   * (KIP-1109); keep the real topic's entry only, so no partition counts twice.
   */
  private static void dropDeprecatedTwins(Map<TopicPartition, Long> lags) {
    Set<TopicPartition> twins = new HashSet<>();
    for (TopicPartition tp : lags.keySet()) {
      TopicPartition twin = new TopicPartition(tp.topic().replace('.', '_'), tp.partition());
      if (!twin.equals(tp) && lags.containsKey(twin)) {
        twins.add(twin);
      }
    }
    lags.keySet().removeAll(twins);
  }
}
