package dev.syncview.bench;

import dev.syncview.testing.CaughtUp;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The service under test: a child JVM, its HTTP port and its application id. */
final class Service implements AutoCloseable {
  static final List<String> INPUTS = List.of("sync.sources", "sync.jobs", "sync.api-keys");
  private static final Pattern LAG = Pattern.compile("\"lag\":\\{\"records\":(\\d+)");

  final ChildJvm jvm;
  final int port;
  final String applicationId;
  final Path dataDir;
  final Http http;

  Service(ChildJvm jvm, int port, String applicationId, Path dataDir) {
    this.jvm = jvm;
    this.port = port;
    this.applicationId = applicationId;
    this.dataDir = dataDir;
    this.http = new Http(port);
  }

  /** Waits until {@code /health} answers 200 (the view answers queries). */
  void awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (lag() < 0) {
      if (System.nanoTime() > deadline || !jvm.alive()) {
        throw new IllegalStateException("the service did not become ready; its log: " + jvm.log() + "\n" + jvm.tail());
      }
      Thread.sleep(100);
    }
  }

  /** The view's lag in records from {@code /health}; -1 while it is not ready. */
  long lag() {
    try {
      Http.Answer a = http.get("/health", null);
      Matcher m = LAG.matcher(a.body());
      return a.status() == 200 && m.find() ? Long.parseLong(m.group(1)) : -1;
    } catch (UncheckedIOException e) {
      return -1;
    }
  }

  /** Blocks until every input and internal record published so far is applied (committed offsets). */
  void awaitCaughtUp(String bootstrap, Duration atMost) {
    CaughtUp.await(bootstrap, applicationId, INPUTS, atMost);
  }

  /** How long the service kept working after a load, and the CPU time that took. */
  record Settled(double seconds, double cpuSeconds) {}

  /**
   * Waits until the service's JVM uses less than {@code cores} over 2 s (background work after a
   * load, such as RocksDB compactions, is done), at most {@code max}.
   */
  Settled settle(double cores, Duration max) throws InterruptedException {
    long start = System.nanoTime();
    Duration cpuStart = jvm.cpu();
    while (System.nanoTime() - start < max.toNanos()) {
      Duration before = jvm.cpu();
      Thread.sleep(2000);
      if (jvm.cpu().minus(before).toMillis() / 2000.0 < cores) {
        break;
      }
    }
    return new Settled((System.nanoTime() - start) / 1e9, jvm.cpu().minus(cpuStart).toMillis() / 1e3);
  }

  Path stateDir() {
    return dataDir.resolve("state");
  }

  @Override
  public void close() {
    jvm.close();
  }
}
