package dev.syncview.bench;

import dev.syncview.testing.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Deep pages of the largest tenant (limit 100, newest first, no filter): the same depth reached by
 * {@code offset} and by following {@code Link} cursors. The pages are timed one request at a time
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

  record Result(String tenant, int expectedJobs, long listed, double walkSeconds, int walkPages, List<Row> rows) {
    Row first() {
      return rows.get(0);
    }

    Row deepest() {
      return rows.get(rows.size() - 1);
    }
  }

  private DeepPages() {}

  static Result run(Service service, DataSet data) {
    DataSet.Tenant tenant = data.tenants.get(0);
    int jobs = data.jobsPerTenant[0];
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
      Http.Answer a = service.http.get(url, tenant.token());
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
    Map<String, List<Double>> times = time(service.http, urls, tenant.token());
    List<Row> rows = new ArrayList<>();
    int i = 0;
    for (long depth : depths) {
      String offsetUrl = urls.get(i++);
      String cursorUrl = urls.get(i++);
      List<Double> offset = times.get(offsetUrl);
      List<Double> cursor = times.get(cursorUrl);
      boolean same = cursorUrls.containsKey(depth)
          && service.http.get(offsetUrl, tenant.token()).body()
              .equals(service.http.get(cursorUrl, tenant.token()).body());
      rows.add(new Row(depth, Stats.median(offset), Stats.percentile(offset, 90), Stats.median(cursor),
          Stats.percentile(cursor, 90), same));
      System.out.printf("  depth %d: offset %.2f ms, cursor %.2f ms (same page: %s)%n",
          depth, Stats.median(offset), Stats.median(cursor), same);
    }
    return new Result(tenant.name(), jobs, listed, walkSeconds, pages, rows);
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
