package dev.syncview.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Where and on what a run happened: hardware, JVM, date and the commit measured. */
record Machine(
    int cores, long memoryBytes, String cpuModel, String javaVersion, String kernel, String date, String commit,
    String dirtyFiles) {

  static Machine describe(Path repo) {
    return new Machine(
        Runtime.getRuntime().availableProcessors(),
        memTotalKb() * 1024,
        firstValue(Path.of("/proc/cpuinfo"), "model name"),
        String.join(" / ", command(List.of(javaTool("java"), "-version")).lines().limit(3).toList()),
        read(Path.of("/proc/sys/kernel/osrelease")).trim(),
        ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
        System.getProperty("bench.commit", command(List.of("git", "-C", repo.toString(), "rev-parse", "HEAD")).trim()),
        System.getProperty("bench.dirty",
            command(List.of("git", "-C", repo.toString(), "status", "--porcelain", "--", "src/main", "src/test",
                "pom.xml")).lines().count() + " changed file(s) under src/main, src/test, pom.xml"));
  }

  private static String javaTool(String name) {
    return Path.of(System.getProperty("java.home"), "bin", name).toString();
  }

  private static long memTotalKb() {
    String v = firstValue(Path.of("/proc/meminfo"), "MemTotal");
    return v.isEmpty() ? -1 : Long.parseLong(v.split("\\s+")[0]);
  }

  private static String firstValue(Path file, String key) {
    return read(file).lines()
        .filter(l -> l.startsWith(key))
        .map(l -> l.substring(l.indexOf(':') + 1).trim())
        .findFirst()
        .orElse("");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";
    }
  }

  private static String command(List<String> cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor();
      return out;
    } catch (IOException e) {
      return "?";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "?";
    }
  }
}
