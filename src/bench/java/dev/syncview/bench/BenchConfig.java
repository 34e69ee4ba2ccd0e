package dev.syncview.bench;

import dev.syncview.config.Setting;
import dev.syncview.testing.ServiceProcess;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Every knob of the suite, read once from system properties ({@code -Dbench.<name>=...} on the mvn
 * command line). {@link #describe()} lists them for the report, so a run can be repeated exactly.
 */
record BenchConfig(
    int jobEvents,
    int tenants,
    int sources,
    double largestTenantShare,
    int maxVersions,
    int days,
    long seed,
    int ingestBatches,
    int wrkSeconds,
    int repeats,
    int freshnessRate,
    int freshnessSeconds,
    int freshnessQueryDelayMs,
    boolean freshnessLight,
    int deepJobs,
    String serviceJvmArgs,
    String serviceEnv,
    boolean profile,
    boolean hopTrace,
    String experiment,
    int awaitQuietSeconds,
    Path workDir,
    Path repo,
    Path output) {

  BenchConfig {
    // Checked here, so a mistyped value stops the suite before any work rather than after ingest.
    if (!List.of("", "ingest", "queries", "freshness", "embedded").contains(experiment)) {
      throw new IllegalArgumentException(
          "bench.experiment is ingest, queries, freshness or embedded, not " + experiment);
    }
  }

  /** Job snapshot events that fit the 10-minute budget on the 2-core machine (BENCHMARKS.md). */
  static final int DEFAULT_JOB_EVENTS = 250_000;
  /** The JVM options of the README's run command: the service runs as documented. */
  static final String README_JVM_ARGS = ServiceProcess.README_HEAP;
  /** The target rate for the freshness run. */
  static final int TARGET_FRESHNESS_RATE = 5_000;
  /** The deep-page tenant's jobs: the deepest offset, 100,000, and a full page after it. */
  static final int DEFAULT_DEEP_JOBS = 100_100;

  static BenchConfig fromSystemProperties() {
    return from(System::getProperty);
  }

  /** The configuration when no knob is given. */
  static BenchConfig defaults() {
    return from(name -> name.equals("user.dir") || name.equals("java.io.tmpdir") ? System.getProperty(name) : null);
  }

  private static BenchConfig from(UnaryOperator<String> props) {
    Path repo = Path.of(get(props, "bench.repo", props.apply("user.dir"))).toAbsolutePath();
    return new BenchConfig(
        Integer.parseInt(get(props, "bench.jobs", Integer.toString(DEFAULT_JOB_EVENTS))),
        Integer.parseInt(get(props, "bench.tenants", "1000")),
        Integer.parseInt(get(props, "bench.sources", "10000")),
        Double.parseDouble(get(props, "bench.largestShare", "0.05")),
        Integer.parseInt(get(props, "bench.maxVersions", "3")),
        Integer.parseInt(get(props, "bench.days", "90")),
        Long.parseLong(get(props, "bench.seed", "20261127")),
        Integer.parseInt(get(props, "bench.ingestBatches", "3")),
        Integer.parseInt(get(props, "bench.wrkSeconds", "5")),
        Integer.parseInt(get(props, "bench.repeats", "3")),
        Integer.parseInt(get(props, "bench.freshnessRate", Integer.toString(TARGET_FRESHNESS_RATE))),
        Integer.parseInt(get(props, "bench.freshnessSeconds", "20")),
        Integer.parseInt(get(props, "bench.freshnessQueryDelayMs", "25")),
        Boolean.parseBoolean(get(props, "bench.freshnessLight", "false")),
        Integer.parseInt(get(props, "bench.deepJobs", Integer.toString(DEFAULT_DEEP_JOBS))),
        get(props, "bench.serviceJvmArgs", README_JVM_ARGS),
        get(props, "bench.serviceEnv", ""),
        Boolean.parseBoolean(get(props, "bench.profile", "true")),
        Boolean.parseBoolean(get(props, "bench.hopTrace", "false")),
        get(props, "bench.experiment", ""),
        Integer.parseInt(get(props, "bench.awaitQuietSeconds", "0")),
        Path.of(get(props, "bench.workDir", props.apply("java.io.tmpdir"))).toAbsolutePath(),
        repo,
        Path.of(get(props, "bench.output", repo.resolve("BENCHMARKS.md").toString())).toAbsolutePath());
  }

  /**
   * {@code bench.experiment=ingest}: only the service's ingest, its profile and the deep-page
   * times; {@code =queries}: the service's ingest, then the query runs with their CPU and profile;
   * {@code =freshness}: the service's ingest, then both freshness runs with their CPU and profile;
   * {@code =embedded}: only the service with its embedded broker taking the data set, with its heap
   * by class and (given {@code -XX:NativeMemoryTracking=summary}) its native memory.
   * Printed, no report: a loop for trying a change.
   */
  boolean experiment(String name) {
    return experiment.equals(name);
  }

  boolean anyExperiment() {
    return !experiment.isEmpty();
  }

  /** The service's commit interval in this run; the baseline commits as often. */
  long commitIntervalMs() {
    return Long.parseLong(
        serviceEnvironment()
            .getOrDefault(Setting.COMMIT_INTERVAL_MS.env(), Setting.COMMIT_INTERVAL_MS.defaultValue()));
  }

  /** {@code bench.serviceEnv}: {@code NAME=value} pairs separated by spaces, set for the service. */
  Map<String, String> serviceEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    for (String pair : serviceEnv.trim().split("\\s+")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("bench.serviceEnv wants NAME=value pairs, not " + pair);
      }
      env.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return env;
  }

  private static String get(UnaryOperator<String> props, String name, String fallback) {
    String v = props.apply(name);
    return v == null ? fallback : v;
  }

  /** The knobs as {@code -D} flags, in a stable order. */
  Map<String, String> describe() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("bench.jobs", Integer.toString(jobEvents));
    m.put("bench.tenants", Integer.toString(tenants));
    m.put("bench.sources", Integer.toString(sources));
    m.put("bench.largestShare", Double.toString(largestTenantShare));
    m.put("bench.maxVersions", Integer.toString(maxVersions));
    m.put("bench.days", Integer.toString(days));
    m.put("bench.seed", Long.toString(seed));
    m.put("bench.ingestBatches", Integer.toString(ingestBatches));
    m.put("bench.wrkSeconds", Integer.toString(wrkSeconds));
    m.put("bench.repeats", Integer.toString(repeats));
    m.put("bench.freshnessRate", Integer.toString(freshnessRate));
    m.put("bench.freshnessSeconds", Integer.toString(freshnessSeconds));
    m.put("bench.freshnessQueryDelayMs", Integer.toString(freshnessQueryDelayMs));
    m.put("bench.freshnessLight", Boolean.toString(freshnessLight));
    m.put("bench.deepJobs", Integer.toString(deepJobs));
    m.put("bench.serviceJvmArgs", serviceJvmArgs);
    m.put("bench.serviceEnv", serviceEnv);
    m.put("bench.profile", Boolean.toString(profile));
    m.put("bench.hopTrace", Boolean.toString(hopTrace));
    m.put("bench.experiment", experiment);
    m.put("bench.awaitQuietSeconds", Integer.toString(awaitQuietSeconds));
    return m;
  }
}
