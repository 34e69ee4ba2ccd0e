package dev.syncview.bench;

import dev.syncview.testing.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Deep pages of one tenant (limit 100, newest first, no filter): the same depth reached by
 * {@code offset} and by following {@code Link} cursors. The suite measures a tenant of its own
 * ({@link DataSet.Deep}), published for this phase, since the data set's largest tenant (5% of the
 * jobs) is far short of the offset 100,000. The pages are timed one request at a time
 * on one connection, round-robin over all of them for {@link #SAMPLES} rounds after {@link
 * #WARMUP} rounds, so that drift (JIT, compactions) spreads over every page alike. Walking the
 * cursors to the end also counts the tenant's listing, which must equal the jobs published for it.
 */
final class DeepPages {
  static final int LIMIT = 100;
  static final long[] DEPTHS = {0, 1_000, 10_000, 100_000};
  static final int WARMUP = 5;
  static final int SAMPLES = 25;

  /** One depth: medians and p90s in ms; whether the offset page and the cursor page are the same items. */
  record Row(long depth, double offsetMs, double offsetP90Ms, double cursorMs, double cursorP90Ms, boolean samePage) {}

  /** {@code appliedSeconds}: from the first send of the tenant's records until all were applied (NaN if not published here). */
  record Result(
      String tenant,
      int expectedJobs,
      double appliedSeconds,
      long listed,
      double walkSeconds,
      int walkPages,
      List<Row> rows) {
    Row first() {
      return rows.get(0);
    }

    Row deepest() {
      return rows.get(rows.size() - 1);
    }
  }

  private DeepPages() {}

  /**
   * Publishes the deep tenant (key and source, then its jobs), waits until the service has applied
   * every input record and finished its background work, and measures its pages.
   */
  static Result publishAndRun(Service service, DataSet.Deep deep, Bulk bulk, Ingest.Topics topics, String bootstrap)
      throws InterruptedException {
    long start = System.nanoTime();
    bulk.sendAll(topics.apiKeys(), deep.keys());
    bulk.sendAll(topics.sources(), deep.sources());
    bulk.flush();
    bulk.sendAll(topics.jobs(), deep.jobEvents());
    bulk.flush();
    service.awaitCaughtUp(bootstrap, Duration.ofMinutes(30));
    double applied = (System.nanoTime() - start) / 1e9;
    Service.Settled settled = service.settle(0.1, Duration.ofSeconds(60));
    System.out.printf("  %,d jobs of %s applied in %.1f s (%,.0f events/s); settled %.1f s later%n",
        deep.jobs(), deep.tenant(), applied, deep.jobs() / applied, settled.seconds());
    return run(service, deep.tenant(), deep.token(), deep.jobs(), applied);
  }

  /** The data set's largest tenant, as it is: a quick look at page costs (the ingest experiment). */
  static Result run(Service service, DataSet data) {
    return run(service, data.tenants.get(0).name(), data.tenants.get(0).token(), data.jobsPerTenant[0], Double.NaN);
  }

  private static Result run(Service service, String tenant, String token, int jobs, double appliedSeconds) {
    TreeSet<Long> depths = new TreeSet<>();
    for (long d : DEPTHS) {
      if (d + LIMIT <= jobs) {
        depths.add(d);
      }
    }
    // The tenant's last full page: as deep as it reaches with a page of the same size.
    depths.add(Math.max(0, (jobs - LIMIT) / LIMIT * (long) LIMIT));

    // Walk the whole listing by cursor, keeping the URL of each page we time.
    Map<Long, String> cursorUrls = new LinkedHashMap<>();
    String url = "/api/v1/sources?limit=" + LIMIT;
    long listed = 0;
    int pages = 0;
    long start = System.nanoTime();
    while (url != null) {
      if (depths.contains(listed)) {
        cursorUrls.put(listed, url);
      }
      Http.Answer a = service.http.get(url, token);
      require(a);
      int items = count(a.body());
      pages++;
      listed += items;
      url = items == 0 ? null : Http.next(a).orElse(null);
    }
    double walkSeconds = (System.nanoTime() - start) / 1e9;

    List<String> urls = new ArrayList<>();
    for (long depth : depths) {
      urls.add("/api/v1/sources?limit=" + LIMIT + "&offset=" + depth);
      urls.add(cursorUrls.getOrDefault(depth, urls.get(urls.size() - 1)));
    }
    Map<String, List<Double>> times = time(service.http, urls, token);
    List<Row> rows = new ArrayList<>();
    int i = 0;
    for (long depth : depths) {
      String offsetUrl = urls.get(i++);
      String cursorUrl = urls.get(i++);
      List<Double> offset = times.get(offsetUrl);
      List<Double> cursor = times.get(cursorUrl);
      boolean same = cursorUrls.containsKey(depth)
          && service.http.get(offsetUrl, token).body().equals(service.http.get(cursorUrl, token).body());
      rows.add(new Row(depth, Stats.median(offset), Stats.percentile(offset, 90), Stats.median(cursor),
          Stats.percentile(cursor, 90), same));
      System.out.printf("  depth %d: offset %.2f ms, cursor %.2f ms (same page: %s)%n",
          depth, Stats.median(offset), Stats.median(cursor), same);
    }
    return new Result(tenant, jobs, appliedSeconds, listed, walkSeconds, pages, rows);
  }

  /** Times each URL {@link #SAMPLES} times, round-robin, after {@link #WARMUP} untimed rounds (ms). */
  private static Map<String, List<Double>> time(Http http, List<String> urls, String token) {
    Map<String, List<Double>> out = new LinkedHashMap<>();
    for (int round = 0; round < WARMUP + SAMPLES; round++) {
      for (String url : urls) {
        Http.Answer a = http.get(url, token);
        require(a);
        if (round >= WARMUP) {
          out.computeIfAbsent(url, u -> new ArrayList<>()).add(a.millis());
        }
      }
    }
    return out;
  }

  private static void require(Http.Answer a) {
    if (a.status() != 200) {
      throw new IllegalStateException("list_sources answered " + a.status() + ": " + a.body());
    }
  }

  /** Items in a page (the body is a JSON array of items). */
  static int count(String body) {
    return Json.parse(body).size();
  }
}
