package dev.syncview.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncview.query.ViewStatus;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

class StreamsStatusTest {
  final Map<MetricName, Metric> metrics = new HashMap<>();

  void lag(String client, String topic, int partition, double value) {
    put(
        new MetricName(
            "records-lag",
            "consumer-fetch-manager-metrics",
            "",
            Map.of("client-id", client, "topic", topic, "partition", Integer.toString(partition))),
        value);
  }

  void fetches(String client, double total) {
    put(new MetricName("fetch-total", "consumer-fetch-manager-metrics", "", Map.of("client-id", client)), total);
  }

  void put(MetricName name, double value) {
    metrics.put(name, new Metric() {
      @Override
      public MetricName metricName() {
        return name;
      }

      @Override
      public Object metricValue() {
        return value;
      }
    });
  }

  @Test
  void shouldCountEachPartitionOnceWhenConsumersAlsoReportDeprecatedTopicTags() {
    // Given the main consumer's lag under the real and the deprecated ('_') topic tag
    lag("app-StreamThread-1-consumer", "sync.jobs", 0, 7);
    lag("app-StreamThread-1-consumer", "sync_jobs", 0, 7);
    lag("app-StreamThread-1-consumer", "sync.jobs", 1, 2);
    lag("app-StreamThread-1-consumer", "sync_jobs", 1, 2);
    // and a topic whose name really has an underscore, a restore consumer and an unknown value
    lag("app-global-consumer", "keys_compact", 0, 1);
    lag("app-StreamThread-1-restore-consumer", "app-view-changelog", 0, 1000);
    lag("app-StreamThread-1-consumer", "sync.sources", 2, Double.NaN);

    // When
    ViewStatus.Lag lag = StreamsStatus.compute(metrics);

    // Then
    assertThat(lag.partitions())
        .containsExactlyInAnyOrderEntriesOf(Map.of("sync.jobs-0", 7L, "sync.jobs-1", 2L, "keys_compact-0", 1L));
    assertThat(lag.records()).isEqualTo(10);
  }

  @Test
  void shouldReadTheGlobalConsumersFetchesAndLagOnTheAuthTopicOnly() {
    // Given the global consumer's fetches and lags, and a stream thread consumer's
    fetches("app-global-consumer", 42);
    fetches("app-StreamThread-1-consumer", 900);
    lag("app-global-consumer", "app.auth", 0, 3);
    lag("app-global-consumer", "app_auth", 0, 3);
    lag("app-global-consumer", "other", 0, 50);
    lag("app-StreamThread-1-consumer", "app.auth", 0, 70);

    // When / Then
    assertThat(StreamsStatus.globalFetches(metrics, "app.auth", 0))
        .isEqualTo(new StreamsStatus.GlobalFetches(42, 3));
    assertThat(StreamsStatus.globalFetches(metrics, "app.auth", 1))
        .isEqualTo(new StreamsStatus.GlobalFetches(42, -1));
  }
}
