package dev.syncview.metrics;

import dev.syncview.query.StatusReport.Flow;
import dev.syncview.query.StatusReport.Route;
import dev.syncview.query.StatusReport.Traffic;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Events, dead letters and requests per second for the status page, from the service's own
 * counters and timers: each look reads their totals and compares them with a reading of up to
 * {@link #WINDOW_NANOS} ago. Read only when someone looks, so nobody watching costs nothing.
 */
final class TrafficRates implements Supplier<Traffic> {
  static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final long KEEP_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
  static final String RECEIVED = "syncview.events.received";
  static final String DEAD_LETTERED = "syncview.events.dead.lettered";
  static final String REQUESTS = "http.server.requests";

  private final MeterRegistry registry;
  private final LongSupplier clock;
  private final Deque<MeterTotals> readings = new ArrayDeque<>();

  TrafficRates(MeterRegistry registry, LongSupplier clock) {
    this.registry = registry;
    this.clock = clock;
  }

  @Override
  public synchronized Traffic get() {
    MeterTotals now = MeterTotals.read(registry, clock.getAsLong(), RECEIVED, DEAD_LETTERED, REQUESTS);
    MeterTotals base = baseline(now);
    List<Flow> received = new ArrayList<>();
    List<Flow> dead = new ArrayList<>();
    List<Route> http = new ArrayList<>();
    for (Meter.Id id : now.totals().keySet()) {
      switch (id.getName()) {
        case RECEIVED -> received.add(flow(id, now, base));
        case DEAD_LETTERED -> dead.add(flow(id, now, base));
        default -> http.add(route(id, now, base));
      }
    }
    received.sort(Comparator.comparing(Flow::topic));
    dead.sort(Comparator.comparing(Flow::topic).thenComparing(Flow::reason));
    http.sort(Comparator.comparing(Route::route).thenComparing(Route::method).thenComparing(Route::status));
    return new Traffic(received, dead, http);
  }

  /** The oldest reading within the window (null if none), keeping {@code now} for later looks. */
  private MeterTotals baseline(MeterTotals now) {
    while (!readings.isEmpty() && readings.peekFirst().nanos() < now.nanos() - WINDOW_NANOS) {
      readings.removeFirst();
    }
    MeterTotals base = readings.peekFirst();
    // One kept reading a second bounds the memory, however often the page is polled.
    if (readings.isEmpty() || now.nanos() - readings.peekLast().nanos() >= KEEP_EVERY_NANOS) {
      readings.addLast(now);
    }
    return base;
  }

  private static Flow flow(Meter.Id id, MeterTotals now, MeterTotals base) {
    long total = (long) now.totals().get(id).count();
    return new Flow(id.getTag("topic"), id.getTag("reason"), total, perSecond(id, now, base));
  }

  private static Route route(Meter.Id id, MeterTotals now, MeterTotals base) {
    long total = (long) now.totals().get(id).count();
    Double rate = perSecond(id, now, base);
    Double mean = null;
    Double p99 = null;
    if (base != null) {
      MeterTotals.Totals d = now.since(base, id);
      mean = d.count() > 0 ? round(d.totalMs() / d.count()) : null;
      p99 = d.count() > 0 ? quantile(d, 0.99) : null;
    }
    return new Route(id.getTag("method"), id.getTag("route"), id.getTag("status"), total, rate, mean, p99);
  }

  private static Double perSecond(Meter.Id id, MeterTotals now, MeterTotals base) {
    if (base == null || now.nanos() <= base.nanos()) {
      return null;
    }
    return round(now.since(base, id).count() * 1e9 / (now.nanos() - base.nanos()));
  }

  /** The bound of the first bucket holding the quantile, as Prometheus' histogram_quantile would bound it. */
  static Double quantile(MeterTotals.Totals d, double q) {
    double wanted = q * d.count();
    for (int i = 0; i < d.cumulative().length; i++) {
      if (d.cumulative()[i] >= wanted) {
        return round(d.bucketsMs()[i]);
      }
    }
    // Beyond the last bucket: report its bound, the most the histogram can say.
    return d.bucketsMs().length == 0 ? null : round(d.bucketsMs()[d.bucketsMs().length - 1]);
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
