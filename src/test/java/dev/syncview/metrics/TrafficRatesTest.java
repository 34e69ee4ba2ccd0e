package dev.syncview.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncview.query.StatusReport.Flow;
import dev.syncview.query.StatusReport.Route;
import dev.syncview.query.StatusReport.Traffic;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TrafficRatesTest {
  static final long SECOND = TimeUnit.SECONDS.toNanos(1);
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final AtomicLong clock = new AtomicLong();
  final TrafficRates rates = new TrafficRates(registry, clock::get);

  @Test
  void shouldGiveRatesAndLatencyOfTheLastSecondsOnly() {
    // Given 1,000 slow answers long ago, and 10 dead letters
    Timer list = Timer.builder(TrafficRates.REQUESTS).tags("method", "GET", "route", "/api/v1/sources", "status", "200")
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry);
    Counter dead = Counter.builder(TrafficRates.DEAD_LETTERED).tags("topic", "sync.jobs", "reason", "invalid-uuid").register(registry);
    for (int i = 0; i < 1000; i++) {
      list.record(900, TimeUnit.MILLISECONDS);
    }
    dead.increment(10);
    Traffic first = rates.get();
    assertThat(first.http()).singleElement().satisfies(r -> assertThat(r.perSecond()).as("one reading: no rate yet").isNull());

    // When in the next 4 s 200 fast answers (2 ms) and 2 dead letters follow
    clock.addAndGet(4 * SECOND);
    for (int i = 0; i < 200; i++) {
      list.record(2, TimeUnit.MILLISECONDS);
    }
    dead.increment(2);
    Traffic t = rates.get();

    // Then the rates and latency are those of the 4 s, the totals since start
    Route r = t.http().get(0);
    assertThat(r.total()).isEqualTo(1200);
    assertThat(r.perSecond()).isEqualTo(50.0);
    assertThat(r.meanMs()).isEqualTo(2.0);
    assertThat(r.p99Ms()).isBetween(2.0, 2.5);
    assertThat(t.deadLettered()).containsExactly(new Flow("sync.jobs", "invalid-uuid", 12, 0.5));
  }

  @Test
  void shouldForgetReadingsOlderThanTheWindow() {
    Counter received = Counter.builder(TrafficRates.RECEIVED).tag("topic", "sync.jobs").register(registry);
    rates.get();
    received.increment(1000);
    clock.addAndGet(TrafficRates.WINDOW_NANOS + SECOND);
    rates.get();
    clock.addAndGet(2 * SECOND);
    received.increment(4);
    assertThat(rates.get().received()).containsExactly(new Flow("sync.jobs", null, 1004, 2.0));
  }

  @Test
  void shouldReadTheMetersTheServiceCounts() {
    ServiceMetrics metrics = new ServiceMetrics();
    metrics.received("sync.jobs");
    metrics.deadLettered("sync.jobs", "invalid-uuid");
    metrics.observe("GET", "/health", 200, 1_000_000);
    Traffic t = metrics.traffic().get();
    assertThat(t.received()).extracting(Flow::topic, Flow::total).containsExactly(org.assertj.core.groups.Tuple.tuple("sync.jobs", 1L));
    assertThat(t.deadLettered()).extracting(Flow::reason, Flow::total).containsExactly(org.assertj.core.groups.Tuple.tuple("invalid-uuid", 1L));
    assertThat(t.http()).extracting(Route::route, Route::status, Route::total).containsExactly(org.assertj.core.groups.Tuple.tuple("/health", "200", 1L));
    metrics.close();
  }
}
