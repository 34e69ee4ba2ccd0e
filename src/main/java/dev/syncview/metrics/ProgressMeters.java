package dev.syncview.metrics;

import dev.syncview.query.Progress;
import dev.syncview.query.Progress.Work;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Restore and replay progress as meters, registered with the registry so they exist from the first
 * scrape, before the Streams client does. The done totals are counters (Prometheus derives any rate
 * from them); the rate and ETA gauges are the service's own 15 s window, the one its log uses.
 */
final class ProgressMeters {
  private ProgressMeters() {}

  static void register(MeterRegistry registry, Supplier<Progress> progress) {
    work(registry, "restore", "changelog records restored into local stores", progress, Progress::restore);
    work(registry, "replay", "records read from the input topics", progress, Progress::replay);
    Gauge.builder("syncview.replay.between.stages.records", progress, p -> p.get().betweenStages())
        .description("records read from the inputs and still crossing the internal topics")
        .register(registry);
  }

  private static void work(
      MeterRegistry registry, String what, String doneText, Supplier<Progress> progress, Function<Progress, Work> pick) {
    FunctionCounter.builder("syncview." + what + ".records.done", progress, p -> pick.apply(p.get()).done())
        .description(doneText + " since start")
        .register(registry);
    Gauge.builder("syncview." + what + ".records.remaining", progress, p -> pick.apply(p.get()).remaining())
        .description(what + ": records left, as of the last sample (every second)")
        .register(registry);
    Gauge.builder("syncview." + what + ".records.per.second", progress, p -> pick.apply(p.get()).rate())
        .description(what + ": records per second over the last 15 s (replay: how fast remaining falls)")
        .register(registry);
    Gauge.builder("syncview." + what + ".eta.seconds", progress, p -> eta(pick.apply(p.get())))
        .description(what + ": remaining / rate; 0 when done, NaN while no rate is known")
        .register(registry);
  }

  private static double eta(Work w) {
    return w.etaSeconds() == null ? Double.NaN : w.etaSeconds();
  }
}
