package dev.syncview.bench;

import dev.syncview.testing.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM the suite starts (the service, the broker, the baseline projection): its output goes to a
 * log file, and its memory (VmHWM, VmRSS) and CPU time are read from /proc while it runs.
 */
final class ChildJvm implements AutoCloseable {
  private static final Pattern HEAP_INFO = Pattern.compile("total (\\d+)K, used (\\d+)K");
  private final String name;
  private final Path log;
  private final Process process;

  private ChildJvm(String name, Path log, Process process) {
    this.name = name;
    this.log = log;
    this.process = process;
  }

  /**
   * Starts {@code java <jvmArgs> <args>} with this JVM's environment changed by {@code env}: a null
   * value removes the variable.
   */
  static ChildJvm start(String name, List<String> jvmArgs, List<String> args, Map<String, String> env, Path log) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmArgs);
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    env.forEach((k, v) -> {
      if (v == null) {
        pb.environment().remove(k);
      } else {
        pb.environment().put(k, v);
      }
    });
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    try {
      Files.createDirectories(log.getParent());
      return new ChildJvm(name, log, pb.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + cmd, e);
    }
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Waits for a line of the log matching {@code pattern}; returns its first group. */
  String awaitLog(Pattern pattern, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = pattern.matcher(logText());
      if (m.find()) {
        return m.groupCount() > 0 ? m.group(1) : m.group();
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited (" + process.exitValue() + "); its log: " + log + "\n" + tail());
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException(name + " did not log " + pattern + " within " + timeout + "; its log: " + log);
  }

  /** Peak resident set size so far (VmHWM), in bytes. */
  long peakRssBytes() {
    return statusKb("VmHWM:") * 1024;
  }

  long rssBytes() {
    return statusKb("VmRSS:") * 1024;
  }

  /** User plus system CPU time consumed so far. */
  Duration cpu() {
    return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
  }

  private long statusKb(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
        }
      }
      return -1;
    } catch (IOException e) {
      return -1;
    }
  }

  /**
   * The JVM heap as {@code jcmd GC.heap_info} reports it: {committed, used} bytes, or null when
   * jcmd cannot tell.
   */
  long[] heap() {
    Matcher m = HEAP_INFO.matcher(jcmd("GC.heap_info"));
    return m.find() ? new long[] {Long.parseLong(m.group(1)) * 1024, Long.parseLong(m.group(2)) * 1024} : null;
  }

  /** What {@code jcmd <pid> <command...>} prints, or an empty string when it cannot run. */
  String jcmd(String... command) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        Long.toString(pid())));
    cmd.addAll(List.of(command));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(30, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /** SIGTERM and wait for the clean exit; SIGKILL after {@code timeout}. Returns the exit code. */
  int stop(Duration timeout) throws InterruptedException {
    return Processes.stop(process, timeout);
  }

  String logText() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String tail() {
    String text = logText();
    return text.substring(Math.max(0, text.length() - 4000));
  }

  Path log() {
    return log;
  }

  /** Stops the JVM if it still runs (SIGTERM, then SIGKILL after 30 s). */
  @Override
  public void close() {
    if (process.isAlive()) {
      try {
        stop(Duration.ofSeconds(30));
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
