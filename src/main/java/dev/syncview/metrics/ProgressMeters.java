package dev.syncview.metrics;

import dev.syncview.query.Progress.Work;
import dev.syncview.query.Progress;
import dev.syncview.query.ViewStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Function;

/**
 * Restore and replay progress as meters, registered with the registry so they exist from the first
 * scrape, before the Streams client does. The done totals are counters (Prometheus derives any rate
 * from them); the rate and ETA gauges are the service's own 15 s window, the one its log uses.
 *
 * <p>Micrometer holds a meter's object weakly: each meter reads the {@link ViewStatus} itself,
 * which {@link ServiceMetrics} keeps, never a lambda nothing else would keep (its values would turn
 * NaN at the first collection).
 */
final class ProgressMeters {
  private ProgressMeters() {}

  static void register(MeterRegistry registry, ViewStatus status) {
    work(registry, "restore", "changelog records restored into local stores", status, Progress::restore);
    work(registry, "replay", "records read from the input topics", status, Progress::replay);
    Gauge.builder("syncview.replay.between.stages.records", status, s -> s.progress().betweenStages())
        .description("records read from the inputs and still crossing the internal topics")
        .register(registry);
  }

  private static void work(
      MeterRegistry registry, String what, String doneText, ViewStatus status, Function<Progress, Work> pick) {
    FunctionCounter.builder("syncview." + what + ".records.done", status, s -> pick.apply(s.progress()).done())
        .description(doneText + " since start")
        .register(registry);
    Gauge.builder("syncview." + what + ".records.remaining", status, s -> pick.apply(s.progress()).remaining())
        .description(what + ": records left, as of the last sample (every second)")
        .register(registry);
    Gauge.builder("syncview." + what + ".records.per.second", status, s -> pick.apply(s.progress()).rate())
        .description(what + ": records per second over the last 15 s (replay: how fast remaining falls)")
        .register(registry);
    Gauge.builder("syncview." + what + ".eta.seconds", status, s -> eta(pick.apply(s.progress())))
        .description(what + ": remaining / rate; 0 when done, NaN while no rate is known")
        .register(registry);
  }

  private static double eta(Work w) {
    return w.etaSeconds() == null ? Double.NaN : w.etaSeconds();
  }
}
