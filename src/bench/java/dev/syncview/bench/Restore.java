package dev.syncview.bench;

import dev.syncview.testing.TempDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Rebuilding the view after its state directory is lost: the caught-up service is stopped
 * (SIGTERM), its state directory deleted, and it is started again with the same application id and
 * HTTP port (so the same static group member), restoring every store from its changelog. Timed from
 * the start of the new JVM until {@code /health} reports lag 0 and the listings equal those taken
 * before the stop.
 */
final class Restore {
  record Result(
      double stopSeconds,
      double readySeconds,
      double caughtUpSeconds,
      boolean listingsEqual,
      int listingsCompared,
      long stateBytes,
      long changelogOffsets,
      long peakRssBytes) {}

  private Restore() {}

  /** Returns the result and leaves the restarted service running in {@code restarted[0]}. */
  static Result run(Rig rig, Service service, DataSet data, Service[] restarted) throws InterruptedException {
    service.awaitCaughtUp(rig.bootstrap, Duration.ofMinutes(5));
    List<String> before = listings(service, data);
    long stateBytes = size(service.stateDir());
    long changelog = KafkaFacts.endOffsets(
        rig.bootstrap, t -> t.startsWith(service.applicationId + "-") && t.endsWith("-changelog"));

    long stopStart = System.nanoTime();
    service.jvm.stop(Duration.ofMinutes(1));
    double stopSeconds = (System.nanoTime() - stopStart) / 1e9;
    TempDirs.delete(service.stateDir());

    long start = System.nanoTime();
    Service s = rig.startService(service.applicationId, service.dataDir, service.port, "service-restored");
    restarted[0] = s;
    s.awaitReady(Duration.ofMinutes(10));
    double ready = (System.nanoTime() - start) / 1e9;
    boolean equal = false;
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    while (System.nanoTime() < deadline) {
      if (s.lag() == 0 && listings(s, data).equals(before)) {
        equal = true;
        break;
      }
      Thread.sleep(250);
    }
    double caughtUp = (System.nanoTime() - start) / 1e9;
    System.out.printf("  restored: /health 200 after %.1f s, lag 0 and listings equal after %.1f s (%s)%n",
        ready, caughtUp, equal);
    return new Result(stopSeconds, ready, caughtUp, equal, before.size(), stateBytes, changelog, s.jvm.peakRssBytes());
  }

  /**
   * The whole listing of the largest tenant (cursor pages of 1000, oldest first), the first 1000
   * items of every 50th tenant, and the probe tenant's.
   */
  static List<String> listings(Service service, DataSet data) {
    List<String> out = new ArrayList<>();
    String url = "/api/v1/sources?limit=1000&order_by=asc";
    String token = data.tenants.get(0).token();
    while (url != null) {
      Http.Answer a = service.http.get(url, token);
      out.add(a.status() + " " + a.body());
      url = a.status() == 200 ? Http.next(a).orElse(null) : null;
    }
    for (int t = 50; t < data.tenants.size(); t += 50) {
      Http.Answer a = service.http.get("/api/v1/sources?limit=1000&order_by=asc", data.tenants.get(t).token());
      out.add(a.status() + " " + a.body());
    }
    Http.Answer probe = service.http.get("/api/v1/sources?limit=1000", DataSet.PROBE_TOKEN);
    out.add(probe.status() + " " + probe.body());
    return out;
  }

  private static long size(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
