package dev.syncview.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Query throughput and latency under closed-loop load (wrk): random list_sources queries and
 * {@code /health}, at 8 and 64 connections, each run {@code repeats} times, interleaved so that
 * drift (JIT, compaction) spreads over all four series; figures are medians over the repeats.
 */
final class QueryLoad {
  static final int[] CONNECTIONS = {8, 64};
  /**
   * Warm-up: rounds of the four series, repeated while the service's JIT compilers are still busy.
   * A fixed warm-up left the first measured list run the slowest of its series in every run: JFR
   * showed the service's C2 compiler still busy well into the phase (BENCHMARKS.md notes).
   */
  static final int MAX_WARMUP_ROUNDS = 4;
  /** JIT cores below which a warm-up round counts as quiet. */
  static final double QUIET_JIT_CORES = 0.05;

  /** The runs of one series (route, connections) and their medians. */
  record Series(String mode, int connections, List<Wrk.Result> runs) {
    double rps() {
      return Stats.median(runs.stream().map(Wrk.Result::rps).toList());
    }

    double p50Ms() {
      return Stats.median(runs.stream().map(Wrk.Result::p50Ms).toList());
    }

    double p99Ms() {
      return Stats.median(runs.stream().map(Wrk.Result::p99Ms).toList());
    }

    double serviceCores() {
      return Stats.median(runs.stream().map(Wrk.Result::serviceCores).toList());
    }

    long non2xx() {
      return runs.stream().mapToLong(r -> r.non2xx() + r.socketErrors()).sum();
    }

    double kibPerResponse() {
      return runs.stream().mapToDouble(r -> r.bytes() / (double) r.requests()).average().orElse(0) / 1024;
    }
  }

  /** {@code warmupJitCores}: the service's JIT compiler cores in each warm-up round. */
  record Result(List<Series> series, List<Double> warmupJitCores) {
    Series get(String mode, int connections) {
      return series.stream()
          .filter(s -> s.mode().equals(mode) && s.connections() == connections)
          .findFirst()
          .orElseThrow();
    }
  }

  private QueryLoad() {}

  static Result run(Wrk wrk, Service service, BenchConfig c) throws InterruptedException {
    List<Series> series = new ArrayList<>();
    for (int conns : CONNECTIONS) {
      series.add(new Series("list", conns, new ArrayList<>()));
      series.add(new Series("health", conns, new ArrayList<>()));
    }
    List<Double> warmup = warmUp(wrk, service, c, series);
    for (int rep = 0; rep < c.repeats(); rep++) {
      for (Series s : series) {
        Wrk.Result r = wrk.run(service, s.mode(), s.connections(), c.wrkSeconds());
        s.runs().add(r);
        System.out.printf("  %s c=%d: %.0f req/s, p50 %.2f ms, p99 %.2f ms, service %.2f cores, non-2xx %d%n",
            s.mode(), s.connections(), r.rps(), r.p50Ms(), r.p99Ms(), r.serviceCores(),
            r.non2xx() + r.socketErrors());
      }
    }
    return new Result(series, warmup);
  }

  /** Rounds of every series until one passes with the service's JIT quiet; its cores per round. */
  private static List<Double> warmUp(Wrk wrk, Service service, BenchConfig c, List<Series> series)
      throws InterruptedException {
    List<Double> jitCores = new ArrayList<>();
    long pid = service.jvm.pid();
    do {
      double before = CpuMeter.compilerSeconds(pid);
      long start = System.nanoTime();
      for (Series s : series) {
        wrk.run(service, s.mode(), s.connections(), c.wrkSeconds());
      }
      double cores = (CpuMeter.compilerSeconds(pid) - before) / ((System.nanoTime() - start) / 1e9);
      jitCores.add(cores);
      System.out.printf("  warm-up round %d: the service's JIT compilers used %.2f cores%n", jitCores.size(), cores);
    } while (!quiet(jitCores.get(jitCores.size() - 1)) && jitCores.size() < MAX_WARMUP_ROUNDS);
    return jitCores;
  }

  /**
   * Not quiet when unknown (NaN) or negative (a compiler thread that ended took its time along):
   * then the warm-up runs its rounds out.
   */
  private static boolean quiet(double jitCores) {
    return jitCores >= 0 && jitCores < QUIET_JIT_CORES;
  }
}
