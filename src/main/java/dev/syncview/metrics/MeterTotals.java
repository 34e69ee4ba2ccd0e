package dev.syncview.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The totals of the service's counters and timers at one moment. Both only grow (the Prometheus
 * registry's histograms are cumulative since start), so two readings give what happened between.
 */
record MeterTotals(long nanos, Map<Meter.Id, Totals> totals) {

  /**
   * @param bucketsMs upper bounds of a timer's histogram buckets (empty for a counter)
   * @param cumulative answers at or under each bound
   */
  record Totals(double count, double totalMs, double[] bucketsMs, double[] cumulative) {}

  static MeterTotals read(MeterRegistry registry, long nanos, String... names) {
    Map<Meter.Id, Totals> out = new HashMap<>();
    for (String name : names) {
      for (Counter c : registry.find(name).counters()) {
        out.put(c.getId(), new Totals(c.count(), 0, new double[0], new double[0]));
      }
      for (Timer t : registry.find(name).timers()) {
        out.put(t.getId(), timer(t.takeSnapshot()));
      }
    }
    return new MeterTotals(nanos, out);
  }

  private static Totals timer(HistogramSnapshot s) {
    CountAtBucket[] buckets = s.histogramCounts();
    double[] bounds = new double[buckets.length];
    double[] counts = new double[buckets.length];
    for (int i = 0; i < buckets.length; i++) {
      bounds[i] = buckets[i].bucket(TimeUnit.MILLISECONDS);
      counts[i] = buckets[i].count();
    }
    return new Totals(s.count(), s.total(TimeUnit.MILLISECONDS), bounds, counts);
  }

  /** What {@code id} did since {@code before}: count and the timer's cumulative buckets, as differences. */
  Totals since(MeterTotals before, Meter.Id id) {
    Totals now = totals.get(id);
    Totals then = before.totals.get(id);
    if (then == null || then.cumulative().length != now.cumulative().length) {
      return now;
    }
    double[] cumulative = new double[now.cumulative().length];
    for (int i = 0; i < cumulative.length; i++) {
      cumulative[i] = now.cumulative()[i] - then.cumulative()[i];
    }
    return new Totals(now.count() - then.count(), now.totalMs() - then.totalMs(), now.bucketsMs(), cumulative);
  }
}
