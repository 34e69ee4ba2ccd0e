package dev.syncview.bench;

import dev.syncview.testing.Events;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The benchmark's data, deterministic for a seed: tenants whose sizes follow a Zipf law fitted so
 * that the largest holds {@code largestTenantShare} of the jobs, sources of all three kinds in
 * proportion to the tenant's size, 1-5 databases per tenant (at most one per source, each holding
 * at least one source, since a database exists only once a source names it), and job snapshots as
 * workers publish them: each job in 1..maxVersions versions (pending, processing, then a final
 * state), the versions of about a thousand jobs in flight interleaved, created_at uniform over
 * {@code days} days. Every job snapshot counts as one event of {@code jobEvents}.
 */
final class DataSet {
  /** One Kafka record: key and value (null for a tombstone). */
  record Rec(byte[] key, byte[] value) {}

  /** A tenant, its databases and its API keys' tokens. */
  record Tenant(
      int index, String name, List<String> databases, String token, String scopedToken, List<String> scopedDatabases) {}

  record Source(String id, int tenant, String database, String kind) {}

  /**
   * A tenant of its own for the deep pages: its API key, its sources and {@code jobs} single
   * versions of distinct jobs, created_at uniform over the data set's days.
   */
  record Deep(String tenant, String token, List<Rec> keys, List<Rec> sources, List<Rec> jobEvents) {
    int jobs() {
      return jobEvents.size();
    }
  }

  static final String DEEP_TENANT = "bench-deep";
  static final String DEEP_TOKEN = "bench-deep-token";
  /** The deep tenant's web-scrape sources, all in one database: its jobs spread over them. */
  static final int DEEP_SOURCES = 10;
  static final String PROBE_TENANT = "bench-probe";
  static final String PROBE_TOKEN = "bench-probe-token";
  static final String PROBE_DATABASE = "probe-db";
  static final String[] KINDS = {"github", "web_scrape", "s3"};
  private static final int IN_FLIGHT = 1_000;
  private static final Instant EPOCH = Instant.parse("2026-08-01T00:00:00Z");

  final List<Tenant> tenants = new ArrayList<>();
  final List<Source> sources = new ArrayList<>();
  /** API keys, then sources, then the probe tenant's key and source: published before any job. */
  final List<Rec> keys = new ArrayList<>();
  final List<Rec> sourceRecords = new ArrayList<>();
  final List<Rec> jobEvents;
  /** Distinct jobs per tenant after {@link #jobEvents}. */
  final int[] jobsPerTenant;
  /** Jobs by the number of versions published for them: [1] = one version, ... */
  final int[] versionHistogram;
  final String probeSourceId;
  final double zipfExponent;
  private final Jobs jobs;

  DataSet(BenchConfig c) {
    Random r = new Random(c.seed());
    zipfExponent = fitExponent(c.tenants(), c.largestTenantShare());
    double[] weights = new double[c.tenants()];
    for (int k = 0; k < weights.length; k++) {
      weights[k] = 1 / Math.pow(k + 1, zipfExponent);
    }
    int[] perTenant = share(c.sources(), weights);
    for (int t = 0; t < c.tenants(); t++) {
      String name = String.format("tenant-%04d", t);
      List<String> dbs = new ArrayList<>();
      // A database exists once a source names it: no more databases than sources.
      int n = Math.min(1 + r.nextInt(5), perTenant[t]);
      for (int d = 0; d < n; d++) {
        dbs.add("db-" + d);
      }
      String token = "bench-" + c.seed() + "-" + name;
      List<String> scoped = n >= 2 ? dbs.subList(0, 2) : List.of();
      String scopedToken = n >= 2 ? token + "-scoped" : null;
      Tenant tenant = new Tenant(t, name, List.copyOf(dbs), token, scopedToken, List.copyOf(scoped));
      tenants.add(tenant);
      keys.add(rec("key-" + name, Events.apiKey("key-" + name, name, token, null).bytes()));
      if (scopedToken != null) {
        String id = "key-" + name + "-scoped";
        keys.add(rec(id, Events.apiKey(id, name, scopedToken, scoped).bytes()));
      }
    }
    int[][] sourcesOf = new int[c.tenants()][];
    for (int t = 0; t < c.tenants(); t++) {
      Tenant tenant = tenants.get(t);
      sourcesOf[t] = new int[perTenant[t]];
      for (int s = 0; s < perTenant[t]; s++) {
        String id = uuid(r);
        List<String> dbs = tenant.databases();
        String db = s < dbs.size() ? dbs.get(s) : dbs.get(r.nextInt(dbs.size()));
        String kind = KINDS[r.nextInt(KINDS.length)];
        Events.Snapshot snap =
            switch (kind) {
              case "github" -> Events.githubSource(id, tenant.name(), db);
              case "web_scrape" -> Events.webSource(id, tenant.name(), db);
              default -> Events.s3Source(id, tenant.name(), db);
            };
        snap.createdAt(EPOCH.minus(1 + r.nextInt(300), ChronoUnit.DAYS).toString());
        sourcesOf[t][s] = sources.size();
        sources.add(new Source(id, t, db, kind));
        sourceRecords.add(rec(id, snap.bytes()));
      }
    }
    keys.add(rec("key-probe", Events.apiKey("key-probe", PROBE_TENANT, PROBE_TOKEN, null).bytes()));
    probeSourceId = uuid(r);
    sourceRecords.add(rec(probeSourceId, Events.webSource(probeSourceId, PROBE_TENANT, PROBE_DATABASE).bytes()));

    jobs = new Jobs(new Random(c.seed() + 1), c, weights, sourcesOf);
    jobEvents = new ArrayList<>(c.jobEvents());
    for (int i = 0; i < c.jobEvents(); i++) {
      jobEvents.add(jobs.next());
    }
    jobsPerTenant = jobs.perTenant.clone();
    versionHistogram = jobs.histogram();
  }

  /** More job snapshots continuing the same stream (for the freshness run). */
  List<Rec> moreJobEvents(int n) {
    List<Rec> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(jobs.next());
    }
    return out;
  }

  /** The deep-page tenant, the same for a seed; not part of {@link #jobEvents}. */
  static Deep deep(BenchConfig c) {
    Random r = new Random(c.seed() + 2);
    List<Rec> sources = new ArrayList<>();
    List<String> sourceIds = new ArrayList<>();
    for (int s = 0; s < DEEP_SOURCES; s++) {
      String id = uuid(r);
      sourceIds.add(id);
      sources.add(rec(id, Events.webSource(id, DEEP_TENANT, "deep-db").bytes()));
    }
    List<Rec> jobEvents = new ArrayList<>(c.deepJobs());
    for (int i = 0; i < c.deepJobs(); i++) {
      String id = uuid(r);
      String created = EPOCH.plusMillis((long) (r.nextDouble() * c.days() * 86_400_000L)).toString();
      String source = sourceIds.get(r.nextInt(DEEP_SOURCES));
      jobEvents.add(webScrapeJob(id, DEEP_TENANT, source, created));
    }
    List<Rec> keys = List.of(rec("key-deep", Events.apiKey("key-deep", DEEP_TENANT, DEEP_TOKEN, null).bytes()));
    return new Deep(DEEP_TENANT, DEEP_TOKEN, keys, List.copyOf(sources), jobEvents);
  }

  int distinctJobs() {
    int n = 0;
    for (int j : jobsPerTenant) {
      n += j;
    }
    return n;
  }

  /** A new job of the probe tenant, newer than every other job, so it lists first (DESC). */
  static Rec probeJob(String jobId, String sourceId, long sequence) {
    String created = Instant.parse("2100-01-01T00:00:00Z").plusMillis(sequence).toString();
    return webScrapeJob(jobId, PROBE_TENANT, sourceId, created);
  }

  /** A job of a web-scrape source (no git ref) created at {@code created}. */
  private static Rec webScrapeJob(String jobId, String tenant, String sourceId, String created) {
    return rec(jobId, Events.job(jobId, tenant, sourceId).createdAt(created).remove("ref_identifier").bytes());
  }

  private static String uuid(Random r) {
    return new UUID(r.nextLong(), r.nextLong()).toString();
  }

  private static Rec rec(String key, byte[] value) {
    return new Rec(key.getBytes(StandardCharsets.UTF_8), value);
  }

  /** The job snapshot stream: a window of in-flight jobs, each advanced one version at a time. */
  private final class Jobs {
    private final Random r;
    private final BenchConfig c;
    private final double[] cumulative;
    private final int[][] sourcesOf;
    private final String[] slotId = new String[IN_FLIGHT];
    private final int[] slotSource = new int[IN_FLIGHT];
    private final int[] slotVersion = new int[IN_FLIGHT];
    private final int[] slotVersions = new int[IN_FLIGHT];
    private final String[] slotCreated = new String[IN_FLIGHT];
    private final int[] finished;
    final int[] perTenant;

    Jobs(Random r, BenchConfig c, double[] weights, int[][] sourcesOf) {
      this.r = r;
      this.c = c;
      this.sourcesOf = sourcesOf;
      cumulative = new double[weights.length];
      double sum = 0;
      for (int i = 0; i < weights.length; i++) {
        sum += weights[i];
        cumulative[i] = sum;
      }
      perTenant = new int[weights.length];
      finished = new int[c.maxVersions() + 1];
    }

    Rec next() {
      int slot = r.nextInt(IN_FLIGHT);
      if (slotId[slot] == null) {
        int tenant = pickTenant();
        int[] own = sourcesOf[tenant];
        slotId[slot] = uuid(r);
        slotSource[slot] = own[r.nextInt(own.length)];
        slotVersion[slot] = 0;
        slotVersions[slot] = 1 + r.nextInt(c.maxVersions());
        long millis = (long) (r.nextDouble() * c.days() * 86_400_000L);
        slotCreated[slot] = EPOCH.plusMillis(millis).toString();
        perTenant[tenant]++;
      }
      int version = ++slotVersion[slot];
      boolean last = version == slotVersions[slot];
      Source src = sources.get(slotSource[slot]);
      Rec out = rec(slotId[slot], job(slotId[slot], src, slotCreated[slot], version, last).bytes());
      if (last) {
        finished[version]++;
        slotId[slot] = null;
      }
      return out;
    }

    private Events.Snapshot job(String id, Source src, String created, int version, boolean last) {
      Events.Snapshot s =
          Events.job(id, tenants.get(src.tenant()).name(), src.id()).createdAt(created).version(version);
      if (version > 1) {
        s.setJson("status", last ? finalStatus() : "\"processing\"");
      }
      switch (src.kind()) {
        case "web_scrape" -> s.remove("ref_identifier");
        case "s3" -> s.remove("ref_identifier").remove("target_collection_name")
            .set("object_key", "reports/" + id.substring(0, 8) + ".pdf").set("custom_id", id.substring(9, 13));
        default -> { }
      }
      return s;
    }

    private String finalStatus() {
      int p = r.nextInt(10);
      if (p < 7) {
        return "{\"complete\":{\"finished_at\":\"2026-11-20T10:16:02.000Z\",\"duration_ms\":"
            + r.nextInt(100_000) + "}}";
      }
      return p < 9 ? "{\"failed\":{\"error\":\"embedding service unavailable\"}}" : "\"cancelled\"";
    }

    private int pickTenant() {
      double x = r.nextDouble() * cumulative[cumulative.length - 1];
      int lo = 0;
      int hi = cumulative.length - 1;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (cumulative[mid] < x) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }

    /** Finished jobs by versions, plus the ones still in flight by the versions published so far. */
    int[] histogram() {
      int[] h = finished.clone();
      for (int i = 0; i < IN_FLIGHT; i++) {
        if (slotId[i] != null) {
          h[slotVersion[i]]++;
        }
      }
      return h;
    }
  }

  /** The s of Zipf weights 1/(k+1)^s under which the first of n holds {@code share} of the total. */
  private static double fitExponent(int n, double share) {
    double lo = 0;
    double hi = 5;
    for (int i = 0; i < 100; i++) {
      double mid = (lo + hi) / 2;
      if (firstShare(n, mid) < share) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static double firstShare(int n, double s) {
    double sum = 0;
    for (int k = 1; k <= n; k++) {
      sum += 1 / Math.pow(k, s);
    }
    return 1 / sum;
  }

  /** {@code total} split in proportion to the weights, at least one each. */
  private static int[] share(int total, double[] weights) {
    double sum = 0;
    for (double w : weights) {
      sum += w;
    }
    int[] out = new int[weights.length];
    int given = 0;
    for (int i = 0; i < weights.length; i++) {
      out[i] = Math.max(1, (int) Math.round(total * weights[i] / sum));
      given += out[i];
    }
    out[0] = Math.max(1, out[0] + total - given);
    return out;
  }
}
