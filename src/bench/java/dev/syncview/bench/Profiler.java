package dev.syncview.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * JFR recordings of the service, one per phase (started and stopped with {@code jcmd}, so a phase's
 * profile holds that phase alone), and what their CPU samples say. Java code is sampled every 10
 * ms, threads inside native code every 20 ms ({@code profile} settings); a native sample whose top
 * frame is RocksDB's JNI counts as two samples of CPU, other native samples (epoll, socket reads)
 * are waiting and are not counted.
 */
final class Profiler {
  private static final int NATIVE_WEIGHT = 2;
  private static final int TOP = 15;
  private static final java.util.regex.Pattern OWN = java.util.regex.Pattern.compile(
      "dev\\.syncview\\..*|org\\.rocksdb\\.RocksDB\\.(get|put|delete)|org\\.rocksdb\\.RocksIterator\\..*"
          + "|.*\\.RecordCollectorImpl\\.send|.*\\.StreamsProducer\\.commitTransaction|.*\\.TaskManager\\.commit"
          + "|.*\\.KafkaStreams\\.(store|queryMetadataForKey)|io\\.javalin\\.compression\\..*Stream\\.write"
          + "|io\\.javalin\\.http\\.servlet\\.JavalinServlet\\.handle|org\\.eclipse\\.jetty\\.server\\.Server\\.handle");
  private final Path dir;

  private Profiler(Path dir) {
    this.dir = dir;
  }

  /** @param dir where recordings go, or null for no profiling */
  static Profiler of(Path dir) {
    return new Profiler(dir);
  }

  boolean enabled() {
    return dir != null;
  }

  void start(ChildJvm jvm, String phase) {
    if (enabled()) {
      jcmd(jvm, "JFR.start", "name=" + phase, "settings=profile", "filename=" + file(phase));
    }
  }

  /** Stops the phase's recording and reads it; null when profiling is off or jcmd failed. */
  Profile stop(ChildJvm jvm, String phase) {
    if (!enabled()) {
      return null;
    }
    jcmd(jvm, "JFR.stop", "name=" + phase);
    try {
      return summarize(phase, file(phase));
    } catch (IOException e) {
      System.out.println("  (no profile of " + phase + ": " + e.getMessage() + ")");
      return null;
    }
  }

  private Path file(String phase) {
    return dir.resolve(phase.replaceAll("[^A-Za-z0-9]+", "-") + ".jfr");
  }

  private static void jcmd(ChildJvm jvm, String... command) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
    cmd.add(Long.toString(jvm.pid()));
    cmd.addAll(List.of(command));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        System.out.println("  jcmd " + String.join(" ", command) + " failed: " + out.strip());
      }
    } catch (IOException e) {
      System.out.println("  jcmd failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One phase's CPU samples: by thread group, and the hottest methods of its busiest group. */
  record Profile(
      String phase, Path file, long samples, Map<String, Long> byGroup, String hotGroup, long hotSamples,
      List<Share> self, List<Share> inclusive) {}

  record Share(String method, long samples) {}

  static Profile summarize(String phase, Path file) throws IOException {
    Map<String, Long> byGroup = new HashMap<>();
    Map<String, Map<String, Long>> self = new HashMap<>();
    Map<String, Map<String, Long>> inclusive = new HashMap<>();
    long total = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
      String type = e.getEventType().getName();
      boolean java = type.equals("jdk.ExecutionSample");
      if (!java && !type.equals("jdk.NativeMethodSample")) {
        continue;
      }
      RecordedStackTrace stack = e.getStackTrace();
      if (stack == null || stack.getFrames().isEmpty()) {
        continue;
      }
      List<RecordedFrame> frames = stack.getFrames();
      String top = name(frames.get(0));
      if (!java && !top.startsWith("org.rocksdb.")) {
        continue;
      }
      long weight = java ? 1 : NATIVE_WEIGHT;
      String group = group(e.getThread("sampledThread") == null ? "" : e.getThread("sampledThread").getJavaName());
      total += weight;
      byGroup.merge(group, weight, Long::sum);
      self.computeIfAbsent(group, g -> new HashMap<>()).merge(top, weight, Long::sum);
      Set<String> seen = new HashSet<>();
      Map<String, Long> inc = inclusive.computeIfAbsent(group, g -> new HashMap<>());
      for (RecordedFrame f : frames) {
        String n = name(f);
        if (seen.add(n)) {
          inc.merge(n, weight, Long::sum);
        }
      }
    }
    String hot = byGroup.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("none");
    long hotSamples = byGroup.getOrDefault(hot, 0L);
    return new Profile(phase, file, total, byGroup, hot, hotSamples,
        top(self.getOrDefault(hot, Map.of()), Profiler::interesting),
        top(inclusive.getOrDefault(hot, Map.of()), m -> OWN.matcher(m).matches()));
  }

  /**
   * The largest entries among the methods {@code shown} keeps: for self time everything but thread
   * roots and reflection; for inclusive time the service's own methods and the library calls its
   * time goes to (RocksDB, sending records, compression), since the framework frames between them
   * say little.
   */
  private static List<Share> top(Map<String, Long> counts, Predicate<String> shown) {
    return counts.entrySet().stream()
        .filter(en -> shown.test(en.getKey()))
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(TOP)
        .map(en -> new Share(en.getKey(), en.getValue()))
        .toList();
  }

  private static boolean interesting(String method) {
    return !method.startsWith("java.lang.Thread.") && !method.startsWith("jdk.internal.reflect.")
        && !method.startsWith("java.lang.reflect.");
  }

  private static String name(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  /** Thread groups by the names Kafka, Jetty and the JVM give their threads. */
  static String group(String thread) {
    if (thread.contains("-StreamThread-")) {
      return "stream thread";
    }
    if (thread.startsWith("qtp") || thread.startsWith("JettyServerThreadPool") || thread.contains("Jetty")) {
      return "HTTP (Jetty)";
    }
    if (thread.startsWith("kafka-producer-network-thread")) {
      return "producer I/O";
    }
    if (thread.contains("GlobalStreamThread")) {
      return "global stream thread";
    }
    if (thread.startsWith("GC") || thread.startsWith("G1") || thread.contains("Compiler")) {
      return "JVM";
    }
    return "other";
  }

  /** The profile on standard output, for experiments that write no report. */
  static void print(Profile p) {
    System.out.printf("  profile %s: %s of %,d samples%n", p.phase(), p.hotGroup(), p.samples());
    p.byGroup().forEach((g, n) -> System.out.printf("    %-22s %,d%n", g, n));
    System.out.println("  inclusive:");
    p.inclusive().forEach(s -> System.out.printf("    %5.1f%% %s%n", 100.0 * s.samples() / p.hotSamples(), s.method()));
    System.out.println("  self:");
    p.self().forEach(s -> System.out.printf("    %5.1f%% %s%n", 100.0 * s.samples() / p.hotSamples(), s.method()));
  }

  static Path dirFor(Path runDir) throws IOException {
    return Files.createDirectories(runDir.resolve("profiles"));
  }
}
