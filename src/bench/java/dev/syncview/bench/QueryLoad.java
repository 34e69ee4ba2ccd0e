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
   * list_sources' warm-up, in runs' lengths (30 s by default). The first measured list run is the
   * slowest of its series in every run so far, with 10 s and with 30 s of warm-up alike
   * (BENCHMARKS.md notes), so the warm-up errs long and the series' median is what is reported.
   */
  static final int LIST_WARMUP_RUNS = 6;

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

  record Result(List<Series> series) {
    Series get(String mode, int connections) {
      return series.stream()
          .filter(s -> s.mode().equals(mode) && s.connections() == connections)
          .findFirst()
          .orElseThrow();
    }
  }

  private QueryLoad() {}

  static Result run(Wrk wrk, Service service, BenchConfig c) throws InterruptedException {
    int listWarmup = LIST_WARMUP_RUNS * c.wrkSeconds();
    System.out.printf("  warm-up: list_sources %d s, /health %d s%n", listWarmup, c.wrkSeconds());
    wrk.run(service, "list", 64, listWarmup);
    wrk.run(service, "health", 8, c.wrkSeconds());
    List<Series> series = new ArrayList<>();
    for (int conns : CONNECTIONS) {
      series.add(new Series("list", conns, new ArrayList<>()));
      series.add(new Series("health", conns, new ArrayList<>()));
    }
    for (int rep = 0; rep < c.repeats(); rep++) {
      for (Series s : series) {
        Wrk.Result r = wrk.run(service, s.mode(), s.connections(), c.wrkSeconds());
        s.runs().add(r);
        System.out.printf("  %s c=%d: %.0f req/s, p50 %.2f ms, p99 %.2f ms, service %.2f cores, non-2xx %d%n",
            s.mode(), s.connections(), r.rps(), r.p50Ms(), r.p99Ms(), r.serviceCores(),
            r.non2xx() + r.socketErrors());
      }
    }
    return new Result(series);
  }
}
