package dev.syncview.bench;

import dev.syncview.testing.CaughtUp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Entry point of the benchmark suite (BENCHMARKS.md): {@code mvn -B -Pbench -DskipTests package
 * exec:java}. Phases, in order, on one broker: baseline ingest, service ingest, query load (wrk),
 * freshness under load, restore after the state directory is deleted, deep pages of a tenant of
 * their own (on the restored service), the service with its embedded broker; then the report.
 */
public final class Benchmarks {
  static final Ingest.Topics SERVICE_TOPICS = new Ingest.Topics("sync.sources", "sync.jobs", "sync.api-keys");
  static final Ingest.Topics BASELINE_TOPICS =
      new Ingest.Topics("baseline.sources", "baseline.jobs", "baseline.api-keys");
  /** Share of the measured ingest rate used for the freshness run when the requested rate is above it. */
  static final double SUSTAINABLE_SHARE = 0.4;
  /** Share of the measured ingest rate for a second, lighter freshness run: freshness below saturation. */
  static final double LIGHT_SHARE = 0.2;

  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    BenchConfig config = BenchConfig.fromSystemProperties();
    Path wrkExecutable = Wrk.find().orElseThrow(() -> new IllegalStateException(Wrk.INSTALL_HINT));
    Path script = config.repo().resolve("bench/list_sources.lua");
    if (!Files.exists(script)) {
      throw new IllegalStateException(
          "no wrk script at " + script + "; run from the repository root (or set -Dbench.repo)");
    }
    System.out.println("benchmark suite: " + config.describe());
    long waitStart = System.nanoTime();
    CpuMeter.Usage before = quietMachine(config.awaitQuietSeconds());
    long suiteStart = System.nanoTime();
    double waitedSeconds = (suiteStart - waitStart) / 1e9;
    CpuMeter cpu = new CpuMeter();

    long t = System.nanoTime();
    DataSet data = new DataSet(config);
    double dataSeconds = (System.nanoTime() - t) / 1e9;
    System.out.printf("data set: %,d job events, %,d distinct jobs, largest tenant %,d jobs (%.1f s)%n",
        data.jobEvents.size(), data.distinctJobs(), data.jobsPerTenant[0], dataSeconds);

    try (Rig rig = Rig.create(config); Bulk bulk = new Bulk(rig.bootstrap)) {
      System.out.println("run directory " + rig.dir + ", broker " + rig.bootstrap);
      if (config.experiment("embedded")) {
        embeddedExperiment(rig, data, config);
        return;
      }
      Wrk wrk = Wrk.prepare(wrkExecutable, script, data, rig.dir);
      Profiler profiler = Profiler.of(config.profile() ? Profiler.dirFor(rig.dir) : null);
      List<Profiler.Profile> profiles = new ArrayList<>();

      System.out.println("[1/7] ingest: baseline projection");
      createTopics(rig.bootstrap, BASELINE_TOPICS);
      String baselineId = Rig.uniqueId("baseline");
      Ingest.Result baseline = null;
      long baselineRss = 0;
      if (config.anyExperiment()) {
        System.out.println("  skipped (bench.experiment)");
      } else try (ChildJvm projection = rig.startBaseline(baselineId, BASELINE_TOPICS.all())) {
        cpu.begin();
        baseline = Ingest.run("baseline", rig.bootstrap, baselineId, bulk, BASELINE_TOPICS, data,
            config.ingestBatches(), true,
            () -> CaughtUp.await(rig.bootstrap, baselineId, BASELINE_TOPICS.all(), Duration.ofMinutes(30)),
            projection, rig.broker);
        cpu.end("ingest: baseline");
        baselineRss = projection.peakRssBytes();
      }

      System.out.println("[2/7] ingest: service");
      Service service = rig.startService(Rig.uniqueId("bench"), rig.dir.resolve("service"), 0, "service");
      Service[] restarted = new Service[1];
      try {
        service.awaitReady(Duration.ofMinutes(2));
        cpu.begin();
        profiler.start(service.jvm, "ingest");
        Ingest.Result ingest = Ingest.run("service", rig.bootstrap, service.applicationId, bulk, SERVICE_TOPICS,
            data, config.ingestBatches(), false, () -> service.awaitCaughtUp(rig.bootstrap, Duration.ofMinutes(60)),
            service.jvm, rig.broker);
        cpu.end("ingest: service");
        add(profiles, profiler.stop(service.jvm, "ingest"));
        if (config.experiment("ingest")) {
          // An experiment's loop: the service's ingest rate, where its time went and what a page
          // costs afterwards; no report.
          System.out.printf("  median %,.0f events/s, %.1f internal records per input%n", ingest.medianRate(),
              (double) ingest.internalRecords() / ingest.inputRecords());
          profiles.forEach(Profiler::print);
          DeepPages.run(service, data); // prints the page times: a quick look at queries at this size
          return;
        }
        long ingestRss = service.jvm.peakRssBytes();
        Report.Memory ingestMemory = new Report.Memory(service.jvm.rssBytes(), service.jvm.heap());

        Service.Settled settled = service.settle(0.1, Duration.ofSeconds(60));
        System.out.printf("  the service settled %.1f s after ingest (%.1f CPU-s of background work)%n",
            settled.seconds(), settled.cpuSeconds());

        QueryLoad.Result queries = null;
        if (!config.experiment("freshness")) {
          System.out.println("[3/7] queries: list_sources and /health under wrk");
          cpu.begin();
          profiler.start(service.jvm, "queries");
          queries = QueryLoad.run(wrk, service, config);
          cpu.end("queries");
          add(profiles, profiler.stop(service.jvm, "queries"));
          if (config.experiment("queries")) {
            profiles.forEach(Profiler::print);
            return;
          }
        }

        int sustainable = shareOf(ingest, SUSTAINABLE_SHARE);
        int rate = Math.max(100, Math.min(config.freshnessRate(), sustainable));
        Freshness.Result light = null;
        int lightRate = shareOf(ingest, LIGHT_SHARE);
        if (config.freshnessLight() && lightRate >= 100 && lightRate < rate) {
          System.out.printf("[4/7] freshness at %,d events/s, a lighter load first%n", lightRate);
          cpu.begin();
          light = Freshness.run(rig, service, data, wrk, config.freshnessRate(), lightRate,
              config.freshnessSeconds(), config.freshnessQueryDelayMs(), 0, config.hopTrace());
          cpu.end("freshness (lighter load)");
          System.out.printf("  visible p50 %.0f ms p99 %.0f ms%n",
              Stats.median(light.visibleMs()), Stats.percentile(light.visibleMs(), 99));
          printHops(light);
        }
        System.out.printf("[4/7] freshness at %,d events/s (requested %,d) under a paced query load%n", rate,
            config.freshnessRate());
        cpu.begin();
        profiler.start(service.jvm, "freshness");
        Freshness.Result freshness = Freshness.run(rig, service, data, wrk, config.freshnessRate(), rate,
            config.freshnessSeconds(), config.freshnessQueryDelayMs(), light == null ? 0 : light.probesSent(),
            config.hopTrace());
        cpu.end("freshness");
        add(profiles, profiler.stop(service.jvm, "freshness"));
        System.out.printf(
            "  visible p50 %.0f ms p99 %.0f ms; read-your-writes p50 %.0f ms p99 %.0f ms; lag at end %d%n",
            Stats.median(freshness.visibleMs()), Stats.percentile(freshness.visibleMs(), 99),
            Stats.median(freshness.readYourWritesMs()), Stats.percentile(freshness.readYourWritesMs(), 99),
            freshness.lagAtEnd());
        printHops(freshness);
        if (config.experiment("freshness")) {
          profiles.forEach(Profiler::print);
          return;
        }
        long serviceRss = service.jvm.peakRssBytes();
        Report.Memory lateMemory = new Report.Memory(service.jvm.rssBytes(), service.jvm.heap());

        System.out.println("[5/7] restore after deleting the state directory");
        cpu.begin();
        Restore.Result restore = Restore.run(rig, service, data, restarted);
        cpu.end("restore");

        // After the restore, so that neither the restore nor the freshness runs carry this tenant.
        System.out.printf("[6/7] deep pages: a tenant of its own with %,d jobs%n", config.deepJobs());
        cpu.begin();
        DeepPages.Result deep =
            DeepPages.publishAndRun(restarted[0], DataSet.deep(config), bulk, SERVICE_TOPICS, rig.bootstrap);
        cpu.end("deep pages");
        restarted[0].close();
        restarted[0] = null;

        System.out.println("[7/7] memory: the service with its embedded broker takes the data set");
        cpu.begin();
        EmbeddedIngest.Result embedded = EmbeddedIngest.run(rig, data, config, SERVICE_TOPICS);
        cpu.end("embedded broker: ingest");
        System.out.printf("  embedded: median %,.0f events/s, peak RSS %,d MiB%n", embedded.ingest().medianRate(),
            embedded.peakRssBytes() >> 20);

        double suiteSeconds = (System.nanoTime() - suiteStart) / 1e9;
        Report.write(
            new Report.Run(config, Machine.describe(config.repo()), Wrk.version(wrkExecutable), data, dataSeconds,
                baseline, baselineRss, ingest, ingestRss, ingestMemory, settled, rig.broker.peakRssBytes(), queries,
                deep, freshness, light, lateMemory,
                serviceRss, restore, embedded, before, waitedSeconds, cpu.phases(), profiles, suiteSeconds),
            config.output());
        System.out.printf("wrote %s; the suite took %.0f s%n", config.output(), suiteSeconds);
      } finally {
        if (restarted[0] != null) {
          restarted[0].close();
        }
        service.close();
      }
    }
  }

  /**
   * Only the last phase, with where the memory is: the service's heap by class and, when its JVM
   * options enable Native Memory Tracking, the JVM's native memory by area.
   */
  private static void embeddedExperiment(Rig rig, DataSet data, BenchConfig config) throws Exception {
    System.out.println("[7/7] memory: the service with its embedded broker takes the data set");
    EmbeddedIngest.Result r = EmbeddedIngest.run(rig, data, config, SERVICE_TOPICS, service -> {
      List<String> histogram = service.jvm.jcmd("GC.class_histogram").lines().toList();
      histogram.stream().limit(25).forEach(System.out::println);
      histogram.stream().filter(l -> l.startsWith("Total")).forEach(System.out::println);
      System.out.println("after the histogram's full GC:" + service.jvm.jcmd("GC.heap_info"));
      System.out.println(service.jvm.jcmd("VM.native_memory", "summary"));
    });
    System.out.printf(
        "  embedded: median %,.0f events/s, peak RSS %,d MiB; at the end RSS / heap committed / heap used %s%n",
        r.ingest().medianRate(), r.peakRssBytes() >> 20, Report.memory(r.memory()));
  }

  private static void printHops(Freshness.Result r) {
    r.hopsMs().forEach((segment, ms) -> System.out.printf("    %s: p50 %.0f ms, p99 %.0f ms%n", segment,
        Stats.median(ms), Stats.percentile(ms, 99)));
  }

  /**
   * Samples what other processes use of the machine for 3 s; while that is more than a quarter of
   * a core, waits (up to {@code awaitSeconds}) for them to finish. Returns the last sample.
   */
  private static CpuMeter.Usage quietMachine(int awaitSeconds) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(awaitSeconds).toNanos();
    CpuMeter.Usage u = CpuMeter.sample(3);
    while (u.otherCores() > 0.25 && System.nanoTime() < deadline) {
      System.out.printf("other processes use %.2f cores; waiting for a quieter machine%n", u.otherCores());
      u = CpuMeter.sample(3);
    }
    if (u.otherCores() > 0.25) {
      System.out.printf("WARNING: other processes use %.2f of the %d cores; every figure will be lower%n",
          u.otherCores(), Runtime.getRuntime().availableProcessors());
    }
    return u;
  }

  private static void add(List<Profiler.Profile> profiles, Profiler.Profile p) {
    if (p != null) {
      profiles.add(p);
    }
  }

  /** A share of the measured ingest rate, in whole hundreds of events/s. */
  private static int shareOf(Ingest.Result ingest, double share) {
    return (int) (ingest.medianRate() * share) / 100 * 100;
  }

  /** The baseline's input topics, shaped like the service's (3 partitions, compacted). */
  private static void createTopics(String bootstrap, Ingest.Topics topics) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      List<NewTopic> create = topics.all().stream()
          .map(n -> new NewTopic(n, 3, (short) 1).configs(Map.of("cleanup.policy", "compact")))
          .toList();
      admin.createTopics(create).all().get();
    }
  }
}
