package dev.syncview.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who used the machine's CPUs during each phase: the suite's own processes (this JVM, the broker,
 * the service, the baseline, wrk: this JVM's CPU time plus that of its children, live or reaped),
 * other processes on the machine (anything else busy), and the hypervisor's steal. On a shared
 * 2-core machine other work takes cycles from every figure, so the report states it.
 */
final class CpuMeter {
  /** Average cores over a phase. */
  record Usage(double seconds, double suiteCores, double otherCores, double stealCores) {}

  private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux
  private final Map<String, Usage> phases = new LinkedHashMap<>();
  private Snapshot phaseStart;

  private record Snapshot(long nanos, long busy, long steal, long suite) {}

  void begin() {
    phaseStart = snapshot();
  }

  Usage end(String phase) {
    Usage u = between(phaseStart, snapshot());
    phases.put(phase, u);
    return u;
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
    return new Usage(seconds, suite, Math.max(0, busy - suite), steal);
  }

  private static Snapshot snapshot() {
    long[] cpu = machine();
    long busy = cpu.length >= 7 ? cpu[0] + cpu[1] + cpu[2] + cpu[5] + cpu[6] : 0;
    long steal = cpu.length >= 8 ? cpu[7] : 0;
    long suite = processTicks(ProcessHandle.current().pid());
    for (ProcessHandle child : ProcessHandle.current().children().toList()) {
      suite += processTicks(child.pid());
    }
    return new Snapshot(System.nanoTime(), busy, steal, suite);
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

  /** utime + stime + cutime + cstime of a process (its own CPU and that of its reaped children). */
  private static long processTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      List<String> f = List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
      // After the command name: f[0] is field 3 (state); utime, stime, cutime, cstime are 14-17.
      long ticks = 0;
      for (int i = 11; i <= 14; i++) {
        ticks += Long.parseLong(f.get(i));
      }
      return ticks;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
