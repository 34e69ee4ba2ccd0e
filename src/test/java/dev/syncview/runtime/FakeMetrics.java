package dev.syncview.runtime;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/** A Streams client's metrics as the consumers publish them, with values a test sets. */
final class FakeMetrics {
  final Map<MetricName, Metric> metrics = new HashMap<>();

  FakeMetrics lag(String client, String topic, int partition, double value) {
    return put(
        "records-lag",
        Map.of("client-id", client, "topic", topic, "partition", Integer.toString(partition)),
        value);
  }

  FakeMetrics consumed(String client, String topic, double total) {
    return put("records-consumed-total", Map.of("client-id", client, "topic", topic), total);
  }

  FakeMetrics put(String name, Map<String, String> tags, double value) {
    MetricName n = new MetricName(name, "consumer-fetch-manager-metrics", "", tags);
    metrics.put(n, new Metric() {
      @Override
      public MetricName metricName() {
        return n;
      }

      @Override
      public Object metricValue() {
        return value;
      }
    });
    return this;
  }
}
