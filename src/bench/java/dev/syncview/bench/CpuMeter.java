package dev.syncview.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
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

  /**
   * Processes that ended within the phase: their CPU after the phase began, as reaped by this JVM
   * (every wrk run, a service stopped and restarted, the embedded service), which cannot be told
   * apart.
   */
  static final String ENDED = "ended in the phase";

  /** The suite's processes, in report order. */
  static final List<String> PROCESSES = List.of("service", "broker", "baseline", "driver", "wrk", ENDED);

  /** The service's thread groups, in report order. */
  static final List<String> SERVICE_THREADS =
      List.of("Streams", "HTTP", "RocksDB", "Kafka I/O", "JVM", "other");

  private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux
  private final Map<String, Usage> phases = new LinkedHashMap<>();
  private Snapshot phaseStart;

  private record Snapshot(long nanos, long busy, long steal, long driver, long reaped, Map<Long, Child> children) {
    /** This JVM's CPU, its reaped children's and its live children's. */
    long suite() {
      return driver + reaped + children.values().stream().mapToLong(Child::ticks).sum();
    }
  }

  /** A live child: its kind, its own CPU ticks and, for a service, its ticks by thread group. */
  private record Child(String kind, long ticks, Map<String, Long> threads) {}

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
        cores(processTicks(a, b), PROCESSES, seconds),
        cores(serviceThreadTicks(a, b), SERVICE_THREADS, seconds));
  }

  /**
   * Ticks per process kind between the snapshots, per process so that a service replaced by
   * another within the phase counts once. A child that ended is reaped into this JVM's children's
   * ticks with its whole life: what it had used at the first snapshot is taken off.
   */
  private static Map<String, Long> processTicks(Snapshot a, Snapshot b) {
    Map<String, Long> out = new HashMap<>();
    out.put("driver", b.driver() - a.driver());
    long ended = b.reaped() - a.reaped();
    for (Map.Entry<Long, Child> e : a.children().entrySet()) {
      if (!b.children().containsKey(e.getKey())) {
        ended -= e.getValue().ticks();
      }
    }
    out.put(ENDED, ended);
    b.children().forEach((pid, child) -> {
      Child before = a.children().get(pid);
      out.merge(child.kind(), child.ticks() - (before == null ? 0 : before.ticks()), Long::sum);
    });
    return out;
  }

  /** The thread groups of services alive at the end of the phase, from their start or the phase's. */
  private static Map<String, Long> serviceThreadTicks(Snapshot a, Snapshot b) {
    Map<String, Long> out = new HashMap<>();
    b.children().forEach((pid, child) -> {
      Child before = a.children().get(pid);
      child.threads().forEach((g, n) ->
          out.merge(g, n - (before == null ? 0 : before.threads().getOrDefault(g, 0L)), Long::sum));
    });
    return out;
  }

  /**
   * Per group, ticks gained between the snapshots. A process or thread that ends within the phase
   * loses its ticks here (a finished wrk run moves to this JVM's reaped children, counted with
   * "ended in the phase") and a thread that ended loses its ticks, so thread groups are a lower bound.
   */
  private static Map<String, Double> cores(Map<String, Long> ticks, List<String> order, double seconds) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String g : order) {
      out.put(g, Math.max(0, ticks.getOrDefault(g, 0L)) / TICKS_PER_SECOND / seconds);
    }
    return out;
  }

  private static Snapshot snapshot() {
    long[] cpu = machine();
    long busy = cpu.length >= 7 ? cpu[0] + cpu[1] + cpu[2] + cpu[5] + cpu[6] : 0;
    long steal = cpu.length >= 8 ? cpu[7] : 0;
    long self = ProcessHandle.current().pid();
    long[] own = processTicks(self);
    Map<Long, Child> children = new HashMap<>();
    for (ProcessHandle child : ProcessHandle.current().children().toList()) {
      long[] t = processTicks(child.pid());
      String kind = kindOf(child);
      children.put(child.pid(),
          new Child(kind, t[0] + t[1], kind.equals("service") ? threadTicks(child.pid()) : Map.of()));
    }
    return new Snapshot(System.nanoTime(), busy, steal, own[0], own[1], children);
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
    return "wrk";
  }

  /** A service thread's group from its name (the kernel keeps its first 15 characters). */
  private static String threadGroup(String comm) {
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

  /**
   * CPU seconds the JIT compiler threads of a process have used so far; NaN when none can be
   * read (the process ended, or its compilers have other names).
   */
  static double compilerSeconds(long pid) {
    Map<String, Long> out = new HashMap<>();
    threadTicks(pid, comm -> comm.startsWith("C1 ") || comm.startsWith("C2 ") ? "JIT" : "rest", out);
    Long ticks = out.get("JIT");
    return ticks == null ? Double.NaN : ticks / TICKS_PER_SECOND;
  }

  private static Map<String, Long> threadTicks(long pid) {
    Map<String, Long> out = new HashMap<>();
    threadTicks(pid, CpuMeter::threadGroup, out);
    return out;
  }

  private static void threadTicks(long pid, UnaryOperator<String> group, Map<String, Long> out) {
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    try (Stream<Path> threads = Files.list(tasks)) {
      threads.forEach(t -> {
        try {
          String comm = Files.readString(t.resolve("comm")).strip();
          long[] ticks = ticks(Files.readString(t.resolve("stat")));
          out.merge(group.apply(comm), ticks[0], Long::sum);
        } catch (IOException | RuntimeException e) {
          // the thread ended between the listing and the read
        }
      });
    } catch (IOException | RuntimeException e) {
      // the process ended: what was read so far
    }
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
