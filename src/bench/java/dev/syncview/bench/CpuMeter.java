package dev.syncview.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Who used the machine's CPUs during each phase: the suite's own processes (this JVM, the broker,
 * the service, the baseline, wrk: this JVM's CPU time plus that of its children, live or reaped),
 * other processes on the machine (anything else busy), and the hypervisor's steal. On a shared
 * 2-core machine other work takes cycles from every figure, so the report states it. The suite's
 * share is also split by process, and the service's by thread group (its stream threads, HTTP,
 * RocksDB's own background threads, which JFR does not sample, the JVM's GC and JIT), so a phase
 * where a stage waits for a core says who held the cores.
 */
final class CpuMeter {
  /** Average cores over a phase; {@code byProcess} and {@code serviceThreads} in their own order. */
  record Usage(
      double seconds,
      double suiteCores,
      double otherCores,
      double stealCores,
      Map<String, Double> byProcess,
      Map<String, Double> serviceThreads) {}

  /** The suite's processes, in report order. */
  static final List<String> PROCESSES = List.of("service", "broker", "baseline", "driver", "wrk and tools");

  /** The service's thread groups, in report order. */
  static final List<String> SERVICE_THREADS =
      List.of("Streams", "HTTP", "RocksDB", "Kafka I/O", "JVM", "other");

  private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux
  private final Map<String, Usage> phases = new LinkedHashMap<>();
  private Snapshot phaseStart;

  private record Snapshot(
      long nanos, long busy, long steal, long suite, Map<String, Long> byProcess, Map<String, Long> serviceThreads) {}

  void begin() {
    phaseStart = snapshot();
  }

  Usage end(String phase) {
    Usage u = between(phaseStart, snapshot());
    phases.put(phase, u);
    System.out.printf("  cpu (cores): suite %.2f, other %.2f; %s; service threads: %s%n", u.suiteCores(),
        u.otherCores(), brief(u.byProcess()), brief(u.serviceThreads()));
    return u;
  }

  private static String brief(Map<String, Double> cores) {
    StringBuilder b = new StringBuilder();
    cores.forEach((k, v) -> {
      if (v >= 0.005) {
        b.append(b.length() == 0 ? "" : ", ").append(k).append(String.format(" %.2f", v));
      }
    });
    return b.toString();
  }

  /** Measures {@code seconds} of the machine as it is now, before the suite starts work. */
  static Usage sample(double seconds) throws InterruptedException {
    Snapshot a = snapshot();
    Thread.sleep((long) (seconds * 1000));
    return between(a, snapshot());
  }

  Map<String, Usage> phases() {
    return phases;
  }

  private static Usage between(Snapshot a, Snapshot b) {
    double seconds = (b.nanos() - a.nanos()) / 1e9;
    double busy = (b.busy() - a.busy()) / TICKS_PER_SECOND / seconds;
    double suite = (b.suite() - a.suite()) / TICKS_PER_SECOND / seconds;
    double steal = (b.steal() - a.steal()) / TICKS_PER_SECOND / seconds;
    return new Usage(seconds, suite, Math.max(0, busy - suite), steal,
        cores(a.byProcess(), b.byProcess(), PROCESSES, seconds),
        cores(a.serviceThreads(), b.serviceThreads(), SERVICE_THREADS, seconds));
  }

  /**
   * Per group, ticks gained between the snapshots. A process or thread that ends within the phase
   * loses its ticks here (a finished wrk run moves to this JVM's reaped children, counted with
   * "wrk and tools"), so groups are a lower bound and need not add up to the total.
   */
  private static Map<String, Double> cores(
      Map<String, Long> a, Map<String, Long> b, List<String> order, double seconds) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String g : order) {
      long d = b.getOrDefault(g, 0L) - a.getOrDefault(g, 0L);
      out.put(g, Math.max(0, d) / TICKS_PER_SECOND / seconds);
    }
    return out;
  }

  private static Snapshot snapshot() {
    long[] cpu = machine();
    long busy = cpu.length >= 7 ? cpu[0] + cpu[1] + cpu[2] + cpu[5] + cpu[6] : 0;
    long steal = cpu.length >= 8 ? cpu[7] : 0;
    long self = ProcessHandle.current().pid();
    long[] own = processTicks(self);
    Map<String, Long> byProcess = new HashMap<>();
    byProcess.put("driver", own[0]);
    byProcess.put("wrk and tools", own[1]);
    Map<String, Long> serviceThreads = new HashMap<>();
    long suite = own[0] + own[1];
    for (ProcessHandle child : ProcessHandle.current().children().toList()) {
      long[] t = processTicks(child.pid());
      String kind = kindOf(child);
      byProcess.merge(kind, t[0] + t[1], Long::sum);
      suite += t[0] + t[1];
      if (kind.equals("service")) {
        threadTicks(child.pid()).forEach((g, n) -> serviceThreads.merge(g, n, Long::sum));
      }
    }
    return new Snapshot(System.nanoTime(), busy, steal, suite, byProcess, serviceThreads);
  }

  private static String kindOf(ProcessHandle p) {
    String cmd = p.info().commandLine().orElse("");
    if (cmd.contains("BrokerMain")) {
      return "broker";
    }
    if (cmd.contains("BaselineProjection")) {
      return "baseline";
    }
    if (cmd.contains("-jar") && cmd.contains("sync-view.jar")) {
      return "service";
    }
    return "wrk and tools";
  }

  /** A service thread's group from its name (the kernel keeps its first 15 characters). */
  static String threadGroup(String comm) {
    if (comm.startsWith("rocksdb:")) {
      return "RocksDB";
    }
    if (comm.startsWith("Jetty") || comm.startsWith("qtp")) {
      return "HTTP";
    }
    if (comm.startsWith("kafka-")) {
      return "Kafka I/O";
    }
    if (comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.startsWith("C1 ")
        || comm.startsWith("C2 ") || comm.startsWith("VM ")) {
      return "JVM";
    }
    // Streams names its threads after the client id, which starts with the application id; the
    // suite's service ids are Rig.uniqueId("bench") and Rig.uniqueId("embedded").
    if (comm.startsWith("bench-") || comm.startsWith("embedded-")) {
      return "Streams";
    }
    return "other";
  }

  private static Map<String, Long> threadTicks(long pid) {
    Map<String, Long> out = new HashMap<>();
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    try (Stream<Path> threads = Files.list(tasks)) {
      threads.forEach(t -> {
        try {
          String comm = Files.readString(t.resolve("comm")).strip();
          long[] ticks = ticks(Files.readString(t.resolve("stat")));
          out.merge(threadGroup(comm), ticks[0], Long::sum);
        } catch (IOException | RuntimeException e) {
          // the thread ended between the listing and the read
        }
      });
    } catch (IOException | RuntimeException e) {
      return out;
    }
    return out;
  }

  /** user nice system idle iowait irq softirq steal, in ticks, over all CPUs. */
  private static long[] machine() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long[] out = new long[Math.min(8, f.length - 1)];
      for (int i = 0; i < out.length; i++) {
        out[i] = Long.parseLong(f[i + 1]);
      }
      return out;
    } catch (IOException | RuntimeException e) {
      return new long[0];
    }
  }

  /** A process's own CPU (utime + stime) and that of its reaped children (cutime + cstime). */
  private static long[] processTicks(long pid) {
    try {
      return ticks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    } catch (IOException | RuntimeException e) {
      return new long[2];
    }
  }

  /** {utime + stime, cutime + cstime} of a {@code stat} line (fields 14-17). */
  private static long[] ticks(String stat) {
    // After the command name: f[0] is field 3 (state); utime, stime, cutime, cstime are 14-17.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return new long[] {
      Long.parseLong(f[11]) + Long.parseLong(f[12]), Long.parseLong(f[13]) + Long.parseLong(f[14])
    };
  }
}
