package dev.syncview.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes BENCHMARKS.md from one run. A hand-written block between {@link #NOTES_BEGIN} and
 * {@link #NOTES_END} in the existing file (observations, profiles) is kept as it is.
 */
final class Report {
  static final String NOTES_BEGIN = "<!-- notes:begin (kept by the suite when it rewrites this file) -->";
  static final String NOTES_END = "<!-- notes:end -->";
  static final String COMMAND = "mvn -B -Pbench -DskipTests package exec:java";
  /** The "1 GB", read as 1 GiB. */
  static final long RSS_TARGET = 1L << 30;
  /** "Cursor pages flat": the deepest cursor page within this factor of the first page. */
  static final double FLAT = 1.5;

  /** The service's memory at one moment: RSS, and the JVM heap {committed, used} (null if unknown). */
  record Memory(long rssBytes, long[] heap) {}

  /** Everything a run measured. */
  record Run(
      BenchConfig config,
      Machine machine,
      String wrkVersion,
      DataSet data,
      double dataSeconds,
      Ingest.Result baseline,
      long baselinePeakRss,
      Ingest.Result ingest,
      long ingestPeakRss,
      Memory ingestMemory,
      Service.Settled settled,
      long brokerPeakRss,
      QueryLoad.Result queries,
      DeepPages.Result deep,
      Freshness.Result freshness,
      /** Freshness at a lighter load (Benchmarks.LIGHT_SHARE of ingest), or null when not run. */
      Freshness.Result lightFreshness,
      Memory lateMemory,
      long servicePeakRss,
      Restore.Result restore,
      EmbeddedIngest.Result embedded,
      CpuMeter.Usage machineBefore,
      double waitedSeconds,
      Map<String, CpuMeter.Usage> cpu,
      List<Profiler.Profile> profiles,
      double suiteSeconds) {}

  private final StringBuilder md = new StringBuilder();
  private final Run r;

  private Report(Run r) {
    this.r = r;
  }

  static void write(Run run, Path file) throws IOException {
    String notes = NOTES_BEGIN + "\n" + NOTES_END;
    if (Files.exists(file)) {
      String old = Files.readString(file);
      int b = old.indexOf(NOTES_BEGIN);
      int e = old.indexOf(NOTES_END);
      if (b >= 0 && e > b) {
        notes = old.substring(b, e + NOTES_END.length());
      }
    }
    Report report = new Report(run);
    report.render();
    report.line(notes);
    Files.writeString(file, report.md);
  }

  private void render() {
    line("# Benchmarks");
    line();
    para("Measured by the suite in `src/bench/java/dev/syncview/bench` (entry point `Benchmarks`) with the wrk "
        + "script `bench/list_sources.lua`; this file is written by the suite. Everything runs on one machine: a "
        + "Kafka broker in its own JVM, the service as an operator runs it (`java " + r.config().serviceJvmArgs()
        + " -jar target/sync-view.jar`, the README's JVM options, pointed at that broker), the baseline projection "
        + "in its own JVM, wrk, and the driver (data generation, producers, probes) in the Maven JVM; at the end "
        + "the service once more with its embedded broker in its JVM, the README's way, for memory.");
    howToRun();
    thisRun();
    targets();
    ingest();
    queries();
    deepPages();
    freshness();
    memory();
    profiles();
    method();
  }

  private void profiles() {
    if (r.profiles().isEmpty()) {
      return;
    }
    line("## Profiles");
    line();
    para("JFR (`settings=profile`) recorded in the service during each phase (`jcmd JFR.start` / `JFR.stop`; "
        + "`-Dbench.profile=false` turns it off, `-Dbench.keep=true` keeps the `.jfr` files under the run "
        + "directory's `profiles/`). CPU samples: Java execution samples every 10 ms, plus native samples "
        + "inside RocksDB's JNI (every 20 ms, so counted twice); threads waiting in native code are not "
        + "counted. For the busiest thread group: the methods on top of the stack (self), and the service's "
        + "own methods and the library calls its time goes to anywhere on the stack (inclusive; framework "
        + "frames in between are left out).");
    for (Profiler.Profile p : r.profiles()) {
      line("### " + p.phase());
      line();
      line("CPU samples by thread group: " + p.byGroup().entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .map(e -> e.getKey() + " " + pct(e.getValue(), p.samples()))
          .collect(java.util.stream.Collectors.joining(", "))
          + f(" (%,d samples).", p.samples()));
      line();
      List<List<String>> rows = new ArrayList<>();
      for (int i = 0; i < Math.max(p.self().size(), p.inclusive().size()); i++) {
        rows.add(List.of(
            i < p.inclusive().size() ? "`" + p.inclusive().get(i).method() + "`" : "",
            i < p.inclusive().size() ? pct(p.inclusive().get(i).samples(), p.hotSamples()) : "",
            i < p.self().size() ? "`" + p.self().get(i).method() + "`" : "",
            i < p.self().size() ? pct(p.self().get(i).samples(), p.hotSamples()) : ""));
      }
      table(List.of(p.hotGroup() + ": inclusive (own code and library calls)", "share", "self", "share"), rows);
      line();
    }
  }

  private static String pct(long part, long whole) {
    return whole == 0 ? "-" : String.format("%.0f%%", 100.0 * part / whole);
  }

  private void howToRun() {
    line("## How to run");
    line();
    line("```sh");
    line("apt-get install -y wrk        # the suite stops with this hint when wrk is missing");
    line(COMMAND);
    line("# the issue's full size, 1,000,000 job snapshots (longer than 10 minutes here, see Scale below)");
    line(COMMAND + " -Dbench.jobs=1000000");
    line("```");
    line();
    para("Knobs (`-D...`): `bench.jobs` (job snapshot events), `bench.tenants`, `bench.sources`, "
        + "`bench.largestShare`, `bench.maxVersions`, `bench.days`, `bench.seed`, `bench.ingestBatches`, "
        + "`bench.wrkSeconds`, `bench.repeats`, `bench.freshnessRate`, `bench.freshnessSeconds`, "
        + "`bench.freshnessQueryDelayMs`, `bench.freshnessLight=true` (a second freshness run at a lighter load first, freshness below saturation), `bench.deepJobs` (the deep-page tenant's jobs, default 100,100), `bench.serviceJvmArgs`, `bench.serviceEnv` (`NAME=value` settings for the service, space separated), `bench.profile` (JFR per phase, default true), `bench.hopTrace` (follow freshness probes through the internal topics, a diagnostic that loads the machine; default false), `bench.experiment=ingest`, `=queries`, `=freshness` or `=embedded` (printed, no report: only the service's ingest, its profile and the deep-page times; or its ingest and then the query runs, or both freshness runs, with their CPU by process and profile; or only the service with its embedded broker taking the data set, with its heap by class and, given `-XX:NativeMemoryTracking=summary` in `bench.serviceJvmArgs`, its native memory), `bench.awaitQuietSeconds` (wait up to this long "
        + "for other processes to leave the CPUs before starting), `bench.workDir` (temp dir), `bench.keep=true` "
        + "(keep the run directory and logs), `bench.output`.");
  }

  private void thisRun() {
    BenchConfig c = r.config();
    Machine m = r.machine();
    line("## This run");
    line();
    String waited = r.waitedSeconds() >= 4
        ? f(", plus %.0f s spent waiting for other processes to quieten", r.waitedSeconds())
        : "";
    table(List.of("", ""), List.of(
        List.of("date", m.date()),
        List.of("machine", f("%d cores (nproc), %s RAM, %s, Linux %s", m.cores(), gib(m.memoryBytes()), m.cpuModel(),
            m.kernel())),
        List.of("java", "`" + m.javaVersion() + "`"),
        List.of("wrk", r.wrkVersion()),
        List.of("commit", "`" + m.commit().trim() + "` (" + m.dirtyFiles() + ")"),
        List.of("command", "`" + COMMAND + knobs() + "`"),
        List.of("suite runtime", f("**%.0f s (%.1f min)** from the start of `Benchmarks` to this file, after the "
            + "Maven build%s", r.suiteSeconds(), r.suiteSeconds() / 60, waited)),
        List.of("data set", dataSummary()),
        List.of("data generation", f("%.1f s, before any timing, in the driver", r.dataSeconds())),
        List.of("other load at the start", f("%.2f cores used by other processes, %.2f stolen by the hypervisor "
            + "(3 s sample)", r.machineBefore().otherCores(), r.machineBefore().stealCores()))));
    line();
    para("CPU by phase, in cores (of " + m.cores() + "): the suite's processes (driver, broker, service or "
        + "baseline, wrk), every other process on the machine (other people's builds and tests share it; "
        + "over 0.25 in bold), and hypervisor steal.");
    List<List<String>> rows = new ArrayList<>();
    r.cpu().forEach((phase, u) -> rows.add(List.of(phase, f("%.0f", u.seconds()), f("%.2f", u.suiteCores()),
        u.otherCores() > 0.25 ? f("**%.2f**", u.otherCores()) : f("%.2f", u.otherCores()),
        f("%.2f", u.stealCores()))));
    table(List.of("phase", "seconds", "suite", "other processes", "steal"), rows);
    line();
    cpuBySuiteProcess(r.cpu());
    if (c.jobEvents() < 1_000_000) {
      scale(c);
    }
  }

  /** The suite's share of each phase by process, and the service's by thread group. */
  private void cpuBySuiteProcess(Map<String, CpuMeter.Usage> cpu) {
    para("The suite's cores by process, and the service's by thread group (from `/proc`: Streams = its "
        + "stream, global and state threads; RocksDB = RocksDB's own flush and compaction threads, which "
        + "JFR does not sample; Kafka I/O = the clients' network threads; JVM = GC, JIT and VM threads). "
        + "Ended in the phase: processes that stopped within it (every wrk run, the service stopped for the "
        + "restore, the embedded service), from the phase's start or their own. A thread that ended within "
        + "a phase is missing from its group.");
    List<String> header = new ArrayList<>(List.of("phase"));
    CpuMeter.PROCESSES.forEach(header::add);
    CpuMeter.SERVICE_THREADS.forEach(g -> header.add("service: " + g));
    List<List<String>> rows = new ArrayList<>();
    cpu.forEach((phase, u) -> {
      List<String> row = new ArrayList<>(List.of(phase));
      u.byProcess().values().forEach(v -> row.add(f("%.2f", v)));
      u.serviceThreads().values().forEach(v -> row.add(f("%.2f", v)));
      rows.add(row);
    });
    table(header, rows);
    line();
  }

  /** Why this run is smaller than the issue's, and what the full size would take. */
  private void scale(BenchConfig c) {
    double extra = 1_000_000.0 / c.jobEvents() - 1;
    double scaling = r.ingest().totalSeconds() + r.ingest().setupSeconds() + r.baseline().totalSeconds()
        + r.restore().caughtUpSeconds() + r.dataSeconds() + r.embedded().ingest().totalSeconds()
        + r.embedded().ingest().setupSeconds();
    double fullMinutes = (r.suiteSeconds() + extra * scaling) / 60;
    String size = c.jobEvents() == BenchConfig.DEFAULT_JOB_EVENTS
        ? f("%,d is the default: about the largest size that keeps the whole suite, Maven build included, under "
            + "10 minutes on this machine with room for other people's work on it.", c.jobEvents())
        : f("This run's size was set with `-Dbench.jobs=%d`.", c.jobEvents());
    para(f("**Scale: %,d job snapshot events, not the issue's 1,000,000.** %s At the service's measured ingest "
            + "rate (%,.0f events/s) the 1M events alone take about %.1f minutes to apply, and the baseline's two "
            + "passes and the restore grow with them: the full size runs with `-Dbench.jobs=1000000` and takes "
            + "about %.0f minutes end to end by this run's figures (%s), more on a busy machine.",
        c.jobEvents(), size, r.ingest().medianRate(), 1_000_000 / r.ingest().medianRate() / 60, fullMinutes,
        "both ingests, baseline, restore and data generation scaled by the events"));
  }

  private void targets() {
    line("## Figures against the issue's targets");
    line();
    QueryLoad.Series list8 = r.queries().get("list", 8);
    QueryLoad.Series health8 = r.queries().get("health", 8);
    QueryLoad.Series list64 = r.queries().get("list", 64);
    QueryLoad.Series health64 = r.queries().get("health", 64);
    double ingestRatio = r.ingest().medianRate() / r.baseline().medianRate();
    DeepPages.Row first = r.deep().first();
    DeepPages.Row deepest = r.deep().deepest();
    double offsetRatio = deepest.offsetMs() / first.offsetMs();
    double cursorRatio = deepest.cursorMs() / first.cursorMs();
    Freshness.Result fr = r.freshness();
    double visibleP99 = Stats.percentile(fr.visibleMs(), 99);
    double rywP99 = Stats.percentile(fr.readYourWritesMs(), 99);
    long lifePeakRss = Math.max(r.servicePeakRss(), r.restore().peakRssBytes());
    String depthNote = deepest.depth() < 100_000 ? f(" (at %,d, the deepest)", deepest.depth()) : "";
    String rateNote = fr.rate() < fr.requestedRate() ? f(" (at %,d events/s, not 5,000)", fr.rate()) : "";
    table(List.of("figure", "measured", "target", "result"), List.of(
        List.of("ingest: service / baseline, median batch rates",
            f("%,.0f / %,.0f events/s = **%.2f×**", r.ingest().medianRate(), r.baseline().medianRate(), ingestRatio),
            "≥ 0.5×", pass(ingestRatio >= 0.5)),
        List.of("list_sources / health throughput, 8 connections",
            f("%,.0f / %,.0f req/s = **%.2f×**", list8.rps(), health8.rps(), list8.rps() / health8.rps()),
            "≥ 0.5×", pass(list8.rps() / health8.rps() >= 0.5)),
        List.of("list_sources / health throughput, 64 connections",
            f("%,.0f / %,.0f req/s = **%.2f×**", list64.rps(), health64.rps(), list64.rps() / health64.rps()),
            "(≥ 0.5×)", pass(list64.rps() / health64.rps() >= 0.5)),
        List.of("list_sources p99, 8 connections", f("**%.1f ms** (p50 %.1f ms)", list8.p99Ms(), list8.p50Ms()),
            "≤ 10 ms", pass(list8.p99Ms() <= 10)),
        List.of(f("offset page at %,d / offset 0", deepest.depth()),
            f("%.2f / %.2f ms = **%.1f×**", deepest.offsetMs(), first.offsetMs(), offsetRatio),
            "offset 100k ≤ 5× offset 0", pass(offsetRatio <= 5) + depthNote),
        List.of(f("cursor page at %,d / first page", deepest.depth()),
            f("%.2f / %.2f ms = **%.2f×**", deepest.cursorMs(), first.cursorMs(), cursorRatio),
            f("flat (taken as ≤ %.1f×)", FLAT), pass(cursorRatio <= FLAT)),
        List.of("freshness p99, publish → visible in list_sources",
            f("**%.0f ms** (p50 %.0f ms)", visibleP99, Stats.median(fr.visibleMs())),
            "≤ 100 ms", pass(visibleP99 <= 100) + rateNote),
        List.of("freshness p99, publish → read-your-writes answer",
            f("%.0f ms (p50 %.0f ms)", rywP99, Stats.median(fr.readYourWritesMs())),
            "(≤ 100 ms)", pass(rywP99 <= 100) + rateNote),
        lightRow(),
        List.of("peak RSS of the service with its embedded broker, one JVM, through an ingest of the data set "
                + "(VmHWM)", f("**%s**", mib(r.embedded().peakRssBytes())),
            "≤ 1 GB (taken as 1 GiB)", pass(r.embedded().peakRssBytes() <= RSS_TARGET)),
        List.of("service peak RSS during ingest, broker in its own JVM (VmHWM)", mib(r.ingestPeakRss()),
            "(≤ 1 GiB)", pass(r.ingestPeakRss() <= RSS_TARGET)),
        List.of("service peak RSS over the whole suite (VmHWM)", mib(lifePeakRss), "(≤ 1 GiB)",
            pass(lifePeakRss <= RSS_TARGET)),
        List.of("restore after the state directory is deleted",
            f("**%.1f s** to lag 0 and equal listings", r.restore().caughtUpSeconds()), "no target", "—")));
    line();
    para("Targets in parentheses are not the issue's; they apply its figure to a neighbouring measurement.");
  }

  private void ingest() {
    line("## Ingest");
    line();
    para(f("Job snapshot events are published as fast as one producer goes (idempotent, acks=all, 64 KiB "
            + "batches, 5 ms linger) in %d equal batches, after warm-up batches that are reported but not in the "
            + "median. A batch's time runs from its first send until the projection's consumer group has "
            + "committed every input and internal record published (under exactly-once a committed offset means "
            + "applied), polled every 200 ms. Keys and sources are published first and not counted. The baseline "
            + "(`BaselineProjection`: one processor writing the latest value per key to one RocksDB store with "
            + "changelog, exactly_once_v2, the service's commit interval (" + r.config().commitIntervalMs() + " ms), no record cache, like the service) reads the "
            + "same records from topics of the same shape (3 partitions, compacted) on the same broker, published "
            + "the same way: each projection gets its own copy of the topics so that both measure publish → "
            + "applied rather than a catch-up. Warm-up: the service gets the first %.0f%% of the events (its JIT "
            + "and the broker's are warm after it; the median batches cover the other %.0f%%); the baseline, "
            + "which starts on a cold broker and goes through 10%% in a few seconds, gets a whole first pass and "
            + "is measured on a second pass of the same events, which for a latest-value store is the same work "
            + "(a put per record; for the service a re-sent snapshot would be stale and skipped). CPU columns: "
            + "cores kept busy during the batch.",
        r.config().ingestBatches(), 100 * Ingest.WARMUP_SHARE, 100 * (1 - Ingest.WARMUP_SHARE)));
    List<List<String>> rows = new ArrayList<>();
    for (Ingest.Result res : List.of(r.baseline(), r.ingest())) {
      int n = 0;
      for (Ingest.Batch b : res.batches()) {
        rows.add(List.of(res.name(), b.warmup() ? "warm-up" : Integer.toString(++n), f("%,d", b.events()),
            f("%.1f", b.publishSeconds()), f("%.1f", b.seconds()), f("%,.0f", b.rate()),
            f("%.2f", b.projectionCpuSeconds() / b.seconds()), f("%.2f", b.brokerCpuSeconds() / b.seconds()),
            f("%.2f", b.driverCpuSeconds() / b.seconds())));
      }
      rows.add(List.of("**" + res.name() + "**", "median", "", "", f("%.1f", res.seconds()),
          f("**%,.0f**", res.medianRate()), f("%.2f", res.projectionCores()), f("%.2f", res.brokerCores()),
          f("%.2f", res.driverCores())));
    }
    table(List.of("projection", "batch", "events", "published (s)", "applied (s)", "events/s", "projection cores",
        "broker cores", "driver cores"), rows);
    line();
    para(f("Setup (keys and sources, %,d records): %.1f s for the baseline, %.1f s for the service. Overall rates, "
            + "warm-up included: baseline %,.0f, service %,.0f events/s. Records each projection wrote to its own "
            + "topics (repartition and changelog topics; end offsets, so transaction markers count too) per input "
            + "record: baseline %.1f (%,d), service **%.1f** (%,d).",
        r.data().keys.size() + r.data().sourceRecords.size(), r.baseline().setupSeconds(), r.ingest().setupSeconds(),
        r.baseline().overallRate(), r.ingest().overallRate(),
        r.baseline().internalRecords() / (double) r.baseline().inputRecords(), r.baseline().internalRecords(),
        r.ingest().internalRecords() / (double) r.ingest().inputRecords(), r.ingest().internalRecords()));
  }

  private void queries() {
    line("## Queries");
    line();
    List<Double> jit = r.queries().warmupJitCores();
    para(f("wrk, 2 threads, closed loop, %d s per run, %d runs per series, the four series interleaved; figures "
            + "are medians of the runs. Warm-up: rounds of the same four runs, repeated while the service's JIT "
            + "compiler threads used %.2f cores or more in a round (at most %d rounds): %d round(s) here, the "
            + "compilers at %s cores. Before the warm-up the "
            + "service was left to finish its background work after ingest (until it used under 0.1 core over "
            + "2 s): %.0f s, %.1f CPU-s. list_sources: a random tenant (uniform over the %d), its full token or "
            + "(1 in 5, where it has one) a key scoped to two databases; no filter, `database_name`, `source_type` "
            + "or both (1 in 4 each); `limit=100`; `order_by` asc or desc (1 in 2). wrk's latency is per request, "
            + "from send to the last byte.",
        r.config().wrkSeconds(), r.config().repeats(), QueryLoad.QUIET_JIT_CORES, QueryLoad.MAX_WARMUP_ROUNDS,
        jit.size(), String.join(" / ", jit.stream().map(x -> f("%.2f", x)).toList()),
        r.settled().seconds(), r.settled().cpuSeconds(), r.data().tenants.size()));
    List<List<String>> rows = new ArrayList<>();
    for (QueryLoad.Series s : r.queries().series()) {
      List<String> each = s.runs().stream().map(w -> f("%,.0f", w.rps())).toList();
      rows.add(List.of(s.mode().equals("list") ? "list_sources" : "/health", Integer.toString(s.connections()),
          f("**%,.0f**", s.rps()), f("%.2f", s.p50Ms()), f("%.2f", s.p99Ms()), f("%.1f", s.kibPerResponse()),
          f("%.2f", s.serviceCores()), Long.toString(s.non2xx()), String.join(", ", each)));
    }
    table(List.of("route", "connections", "req/s", "p50 ms", "p99 ms", "KiB/response", "service cores", "non-2xx",
        "req/s of each run"), rows);
    line();
  }

  private void deepPages() {
    DeepPages.Result d = r.deep();
    line("## Deep pages");
    line();
    String applied = Double.isNaN(d.appliedSeconds()) ? ""
        : f(", published and applied in %.1f s (%,.0f events/s, single versions)", d.appliedSeconds(),
            d.expectedJobs() / d.appliedSeconds());
    para(f("A tenant of its own, `%s`, with %,d jobs in %d web-scrape sources of one database, created_at uniform over the "
            + "data set's days%s, after the restore (so neither the restore nor the freshness runs carry it) and "
            + "before the timing, once the service had settled; the restored service answers. The data set's "
            + "largest tenant holds 5%% of the job events, far short of the issue's offset 100,000 at any "
            + "size the suite runs. Walked by cursor: %,d items listed in %d pages (%.1f s). `limit=100`, "
            + "newest first, no filter. The pages are requested one at a time on one connection (Java HTTP "
            + "client), round-robin over all of them, %d rounds after %d warm-up rounds; median and p90. The "
            + "cursor page at a depth is reached by following `Link` from the first page; the first page has "
            + "no cursor. The last row is the tenant's last full page.",
        d.tenant(), d.expectedJobs(), DataSet.DEEP_SOURCES, applied, d.listed(), d.walkPages(), d.walkSeconds(), DeepPages.SAMPLES,
        DeepPages.WARMUP));
    List<List<String>> rows = new ArrayList<>();
    for (DeepPages.Row row : d.rows()) {
      rows.add(List.of(f("%,d", row.depth()), f("%.2f", row.offsetMs()), f("%.2f", row.offsetP90Ms()),
          f("%.1f×", row.offsetMs() / d.first().offsetMs()), f("%.2f", row.cursorMs()), f("%.2f", row.cursorP90Ms()),
          f("%.2f×", row.cursorMs() / d.first().cursorMs()), row.samePage() ? "yes" : "**no**"));
    }
    table(List.of("depth", "offset median ms", "offset p90 ms", "vs offset 0", "cursor median ms", "cursor p90 ms",
        "vs first page", "same items"), rows);
    line();
    if (d.deepest().depth() < 100_000 && d.rows().size() > 2) {
      double slope = slopeMsPerEntry(d.rows());
      double at100k = d.first().offsetMs() + slope * 100_000;
      para(f("Not measured, extrapolated: an offset page costs about %.2f µs more per skipped entry (least "
              + "squares over the rows above), so offset 100,000 would take about %.0f ms, %.0f× offset 0, if the "
              + "cost stays linear.", slope * 1000, at100k, at100k / d.first().offsetMs()));
    }
  }

  /** Least-squares slope of offset-page median time over depth, in ms per entry. */
  private static double slopeMsPerEntry(List<DeepPages.Row> rows) {
    double n = rows.size();
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (DeepPages.Row row : rows) {
      sx += row.depth();
      sy += row.offsetMs();
      sxx += (double) row.depth() * row.depth();
      sxy += row.depth() * row.offsetMs();
    }
    return (n * sxy - sx * sy) / (n * sxx - sx * sx);
  }

  private void freshness() {
    Freshness.Result fr = r.freshness();
    line("## Freshness");
    line();
    String rateNote = fr.rate() < fr.requestedRate()
        ? f(" The issue's %,d events/s is above what the service sustains here (its ingest median above is %,.0f "
            + "events/s without queries), so the run used %,d events/s, %.0f%% of that, leaving room for the query "
            + "load; `-Dbench.freshnessRate=N` asks for another rate.", fr.requestedRate(), r.ingest().medianRate(),
            fr.rate(), 100 * Benchmarks.SUSTAINABLE_SHARE)
        : "";
    para(f("Background job snapshots at a steady %,d events/s (achieved %,.0f) for %d s after a %d s warm-up "
            + "(the same load and probes, not timed: the JIT compilers of the driver and the service were still busy "
            + "in a run's first seconds), while wrk sends random "
            + "list_sources queries on 8 connections, each waiting %d ms between requests (achieved %,.0f req/s, "
            + "p99 %.1f ms).", fr.rate(), fr.achievedRate(), fr.seconds(), Freshness.WARMUP_SECONDS,
        fr.queryDelayMs(), fr.queryLoad().rps(), fr.queryLoad().p99Ms()) + rateNote);
    para(f("Every %d ms a probe (a new job of a tenant of its own, listed first) is published with its own "
            + "producer (no linger, acks=all) and timed from just before the send, two ways. *Visible*: when a "
            + "poller listing the probe tenant's newest %d every %d ms first sees it, i.e. what a reader sees "
            + "(resolution about %d ms). *Read-your-writes*: when a request with "
            + "`min_position=sync.jobs:<partition>:<offset>` of the probe answers (the service waits until it "
            + "knows the record is applied through every hop); one such request at a time, for the probes sent "
            + "while none is waiting, since each makes the service poll the broker every 10 ms and a crowd of "
            + "them would load what they measure.",
        Freshness.PROBE_EVERY_MS, Freshness.POLL_LIMIT, Freshness.POLL_PAUSE_MS, Freshness.POLL_PAUSE_MS));
    probeTables(fr, "");
    String sustained = fr.maxLag() <= fr.rate()
        ? "never more than a second of events behind: the rate was sustained"
        : "**more than a second of events behind at times: the rate was not sustained**";
    para(f("Probes timed: %d (after %d warm-up probes); not seen within 30 s or failed: %d. View lag (/health, "
            + "every 0.5 s while publishing): max %,d records (%s); %,d after the last probe landed, caught up %.1f s "
            + "later.",
        fr.probes(), fr.probesSent() - fr.probes(), fr.probeFailures(), fr.maxLag(), sustained, fr.lagAtEnd(), fr.drainSeconds()));
    Freshness.Result light = r.lightFreshness();
    if (light != null) {
      para(f("Before that run, the same measurement at a lighter load: %,d events/s (%.0f%% of the ingest median; "
              + "achieved %,.0f), the same paced queries (achieved %,.0f req/s). It shows freshness below "
              + "saturation; the run above shows it near saturation. View lag max %,d records.",
          light.rate(), 100 * Benchmarks.LIGHT_SHARE, light.achievedRate(), light.queryLoad().rps(), light.maxLag()));
      probeTables(light, " (lighter load)");
    }
  }

  /** A freshness run's probe times, end to end and then hop by hop (HopTrace). */
  private void probeTables(Freshness.Result fr, String which) {
    table(List.of("method" + which, "probes", "p50 ms", "p90 ms", "p99 ms", "max ms"), List.of(
        probeRow("visible (poll)", fr.visibleMs()),
        probeRow("read-your-writes", fr.readYourWritesMs())));
    line();
    if (fr.hopsMs().isEmpty()) {
      para("Not traced through the internal topics (`-Dbench.hopTrace=true` adds the hop trace: two consumers "
          + "of the suite on every internal topic, which on this machine cost the driver about a third of a "
          + "core and made the probes several times slower; BENCHMARKS.md notes).");
      return;
    }
    int traced = fr.hopsMs().values().iterator().next().size();
    para(f("Where a probe's time goes%s: each of the three internal topics is read by two consumers of the "
            + "suite (5 ms fetch wait), read_uncommitted to see when a stage *wrote* the probe's record and "
            + "read_committed to see when its transaction *committed*, which is when the next stage can read it "
            + "(their load counts with the driver's). %d of %d probes were seen at every point; times in ms.",
        which, traced, fr.probes()));
    List<List<String>> rows = new ArrayList<>();
    fr.hopsMs().forEach((segment, ms) -> rows.add(probeRow(segment, ms)));
    table(List.of("segment", "probes", "p50 ms", "p90 ms", "p99 ms", "max ms"), rows);
    line();
  }

  /** The lighter freshness run's row of the figures table, or a row saying it did not run. */
  private List<String> lightRow() {
    Freshness.Result light = r.lightFreshness();
    if (light == null) {
      return List.of("freshness p99 at a lighter load",
          "not run (`-Dbench.freshnessLight=true` runs it when its rate is below the main run's)", "", "");
    }
    double p99 = Stats.percentile(light.visibleMs(), 99);
    return List.of(f("freshness p99, publish → visible, at a lighter load (%,d events/s)", light.rate()),
        f("**%.0f ms** (p50 %.0f ms)", p99, Stats.median(light.visibleMs())), "(≤ 100 ms)",
        pass(p99 <= 100));
  }

  private List<String> probeRow(String name, List<Double> ms) {
    return List.of(name, Integer.toString(ms.size()), f("%.0f", Stats.median(ms)), f("%.0f", Stats.percentile(ms, 90)),
        f("%.0f", Stats.percentile(ms, 99)), f("%.0f", Stats.percentile(ms, 100)));
  }

  private void memory() {
    Restore.Result s = r.restore();
    Memory mem = r.ingestMemory();
    Memory late = r.lateMemory();
    line("## Memory and restore");
    line();
    table(List.of("figure", "value"), List.of(
        List.of("service peak RSS (VmHWM) at the end of ingest", mib(r.ingestPeakRss())),
        List.of("at the end of ingest: RSS / JVM heap committed / heap used (`jcmd GC.heap_info`)", memory(mem)),
        List.of("service peak RSS over its first life (ingest, queries, freshness)",
            mib(r.servicePeakRss())),
        List.of("after freshness: RSS / JVM heap committed / heap used", memory(late)),
        List.of("restored service: peak RSS once caught up", mib(s.peakRssBytes())),
        List.of("service with its embedded broker (one JVM, the README's way): peak RSS through an ingest of "
            + "the data set", mib(r.embedded().peakRssBytes())),
        List.of("at the end of that ingest: RSS / JVM heap committed / heap used", memory(r.embedded().memory())),
        List.of("that ingest's median rate (service and broker on the same cores, as with the separate broker)",
            f("%,.0f events/s", r.embedded().ingest().medianRate())),
        List.of("service JVM options (both runs)", r.config().serviceJvmArgs().isBlank()
            ? "none: JVM defaults (G1, max heap 1/4 of RAM)"
            : "`" + r.config().serviceJvmArgs() + "`"
                + (r.config().serviceJvmArgs().equals(BenchConfig.README_JVM_ARGS) ? " (the README's run command)" : "")),
        List.of("for scale: broker / baseline projection peak RSS", mib(r.brokerPeakRss()) + " / "
            + mib(r.baselinePeakRss())),
        List.of("state directory before the stop", mib(s.stateBytes())),
        List.of("records in the changelog topics (sum of end offsets)", f("%,d", s.changelogOffsets())),
        List.of("clean stop (SIGTERM to exit)", f("%.1f s", s.stopSeconds())),
        List.of("restart with the state directory deleted → /health 200", f("%.1f s", s.readySeconds())),
        List.of(f("→ lag 0 and listings equal to before (%d pages compared)", s.listingsCompared()),
            f("**%.1f s** (%s)", s.caughtUpSeconds(), s.listingsEqual() ? "equal" : "**not equal**"))));
    line();
  }

  /** RSS / heap committed / heap used. */
  static String memory(Memory m) {
    String heap = m.heap() == null ? "?" : mib(m.heap()[0]) + " / " + mib(m.heap()[1]);
    return mib(m.rssBytes()) + " / " + heap;
  }

  private void method() {
    line("## Method notes");
    line();
    line("* All processes share the machine's cores: the load generators (producer, wrk, probes) take CPU from the");
    line("  service, so every figure is lower than the service would reach on a machine of its own, and other");
    line("  people's work on the machine lowers them further (CPU by phase, above).");
    line("* Medians: ingest over its batches (one pass over the data set), queries over interleaved wrk runs, deep");
    line("  pages over sequential requests. Freshness and restore are single runs; freshness percentiles are over");
    line("  all probes of the run.");
    line("* The service reads `sync.*`, the baseline `baseline.*`: the same records and partitioning, not literally");
    line("  the same topic, so that neither catches up on a topic already written (a different measurement).");
    line("* The service runs without its embedded broker (`KAFKA_BOOTSTRAP_SERVERS` is set) in every phase but the");
    line("  last, so those RSS figures hold no broker; the last phase runs it with its embedded broker for the issue's");
    line("  memory target. `MIN_POSITION_TIMEOUT_MS` is raised to 30 s so that slow read-your-writes answers are measured,");
    line(r.config().serviceEnv().isBlank()
        ? "  not cut off. Nothing else of the service is configured."
        : "  not cut off. Also set for this run (`bench.serviceEnv`): `" + r.config().serviceEnv().trim() + "`.");
    line("* Not measured: deletes (the data set has no tombstones), list_jobs and the other read routes.");
    line();
  }

  private String dataSummary() {
    DataSet d = r.data();
    int[] h = d.versionHistogram;
    List<String> versions = new ArrayList<>();
    for (int v = 1; v < h.length; v++) {
      versions.add(f("%,d × %d", h[v], v));
    }
    int[] dbs = new int[6];
    for (DataSet.Tenant t : d.tenants) {
      dbs[t.databases().size()]++;
    }
    return f("%,d job snapshot events, versions counted within: %,d distinct jobs (jobs × versions: %s); %,d "
            + "tenants, Zipf s=%.2f, the largest (`%s`) with %,d jobs (%.1f%%); %,d sources, github / web_scrape "
            + "/ s3 1 in 3 each, in proportion to the tenant (the largest has %,d); 1–5 databases per tenant "
            + "(tenants with 1/2/3/4/5: %d/%d/%d/%d/%d); created_at uniform over %d days; a probe tenant for "
            + "freshness",
        d.jobEvents.size(), d.distinctJobs(), String.join(", ", versions), d.tenants.size(), d.zipfExponent,
        d.tenants.get(0).name(), d.jobsPerTenant[0], 100.0 * d.jobsPerTenant[0] / d.distinctJobs(), d.sources.size(),
        d.sources.stream().filter(s -> s.tenant() == 0).count(), dbs[1], dbs[2], dbs[3], dbs[4], dbs[5],
        r.config().days());
  }

  /** The knobs of this run that differ from the defaults, as -D flags. */
  private String knobs() {
    StringBuilder b = new StringBuilder();
    Map<String, String> defaults = BenchConfig.defaults().describe();
    for (Map.Entry<String, String> e : r.config().describe().entrySet()) {
      if (!e.getValue().equals(defaults.get(e.getKey()))) {
        String v = e.getValue().contains(" ") ? "'" + e.getValue() + "'" : e.getValue();
        b.append(" -D").append(e.getKey()).append('=').append(v);
      }
    }
    return b.toString();
  }

  private static String pass(boolean ok) {
    return ok ? "pass" : "**FAIL**";
  }

  private static String mib(long bytes) {
    return bytes < 0 ? "?" : f("%,.0f MiB", bytes / 1048576.0);
  }

  private static String gib(long bytes) {
    return f("%.1f GiB", bytes / 1073741824.0);
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  private void table(List<String> header, List<List<String>> rows) {
    line("| " + String.join(" | ", header) + " |");
    line("|" + "---|".repeat(header.size()));
    for (List<String> row : rows) {
      line("| " + String.join(" | ", row) + " |");
    }
  }

  /** A paragraph on one line (Markdown wraps it), then a blank line. */
  private void para(String text) {
    line(text);
    line();
  }

  private void line(String s) {
    md.append(s).append('\n');
  }

  private void line() {
    md.append('\n');
  }
}
