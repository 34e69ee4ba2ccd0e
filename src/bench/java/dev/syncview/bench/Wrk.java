package dev.syncview.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP load generator: wrk (https://github.com/wg/wrk, Debian package {@code wrk}) driven by
 * {@code bench/list_sources.lua}, whose {@code done()} prints the figures this class parses.
 */
final class Wrk {
  static final String INSTALL_HINT =
      "wrk is not installed: apt-get install -y wrk (Debian/Ubuntu), brew install wrk (macOS)";
  private static final Pattern FIGURE = Pattern.compile("(\\w+)=(\\d+)");

  /** One wrk run; latencies in microseconds, measured by wrk per request. */
  record Result(
      int connections, long requests, long durationUs, long bytes, long p50Us, long p90Us, long p99Us, long maxUs,
      long non2xx, long socketErrors, double serviceCores) {
    double rps() {
      return requests / (durationUs / 1e6);
    }

    double p50Ms() {
      return p50Us / 1e3;
    }

    double p99Ms() {
      return p99Us / 1e3;
    }
  }

  /** A wrk process started in the background. */
  static final class Run {
    private final Process process;
    private final Path out;
    private final int connections;
    private final ChildJvm service;
    private final long serviceCpuStartMs;
    private final long start = System.nanoTime();

    private Run(Process process, Path out, int connections, ChildJvm service) {
      this.process = process;
      this.out = out;
      this.connections = connections;
      this.service = service;
      this.serviceCpuStartMs = service.cpu().toMillis();
    }

    Result await() throws InterruptedException {
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("wrk did not finish");
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double cores = (service.cpu().toMillis() - serviceCpuStartMs) / 1e3 / seconds;
      String text;
      try {
        text = Files.readString(out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      int at = text.indexOf("BENCH ");
      if (process.exitValue() != 0 || at < 0) {
        throw new IllegalStateException("wrk failed (" + process.exitValue() + "):\n" + text);
      }
      Map<String, Long> f = new HashMap<>();
      Matcher m = FIGURE.matcher(text.substring(at, text.indexOf('\n', at)));
      while (m.find()) {
        f.put(m.group(1), Long.parseLong(m.group(2)));
      }
      return new Result(connections, f.get("requests"), f.get("duration_us"), f.get("bytes"), f.get("p50_us"),
          f.get("p90_us"), f.get("p99_us"), f.get("max_us"), f.get("non2xx"), f.get("socket_errors"), cores);
    }
  }

  private final Path executable;
  private final Path script;
  private final Path tenantsFile;
  private final Path logDir;

  private Wrk(Path executable, Path script, Path tenantsFile, Path logDir) {
    this.executable = executable;
    this.script = script;
    this.tenantsFile = tenantsFile;
    this.logDir = logDir;
  }

  /** wrk from the PATH, if installed. */
  static Optional<Path> find() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path p = Path.of(dir, "wrk");
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  static String version(Path executable) {
    try {
      Process p = new ProcessBuilder(executable.toString(), "-v").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String first = out.lines().findFirst().orElse("?");
      p.waitFor();
      return first.replaceAll("\\s*Copyright.*", "");
    } catch (IOException e) {
      return "?";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "?";
    }
  }

  /** Writes the tenants and tokens the script picks from. */
  static Wrk prepare(Path executable, Path script, DataSet data, Path dir) throws IOException {
    StringBuilder lua = new StringBuilder("return {\n");
    for (DataSet.Tenant t : data.tenants) {
      lua.append(" {token=\"").append(t.token()).append("\", dbs=").append(luaList(t.databases()));
      if (t.scopedToken() != null) {
        lua.append(", scoped=\"").append(t.scopedToken())
            .append("\", scoped_dbs=").append(luaList(t.scopedDatabases()));
      }
      lua.append("},\n");
    }
    Path tenants = dir.resolve("wrk-tenants.lua");
    Files.writeString(tenants, lua.append("}\n"));
    return new Wrk(executable, script, tenants, dir.resolve("logs"));
  }

  private static String luaList(List<String> values) {
    StringBuilder b = new StringBuilder("{");
    for (String v : values) {
      b.append('"').append(v).append("\",");
    }
    return b.append('}').toString();
  }

  /** Runs wrk to completion: {@code mode} list or health, 2 threads, {@code connections} connections. */
  Result run(Service service, String mode, int connections, int seconds) throws InterruptedException {
    return start(service, mode, connections, seconds, 0).await();
  }

  Run start(Service service, String mode, int connections, int seconds, int delayMs) {
    List<String> cmd = new ArrayList<>(List.of(
        executable.toString(), "-t", Integer.toString(Math.min(2, connections)), "-c", Integer.toString(connections),
        "-d", seconds + "s", "--timeout", "10s", "-s", script.toString(), "http://127.0.0.1:" + service.port));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("BENCH_MODE", mode);
    pb.environment().put("BENCH_TENANTS", tenantsFile.toString());
    pb.environment().put("BENCH_DELAY_MS", Integer.toString(delayMs));
    try {
      Files.createDirectories(logDir);
      Path out = Files.createTempFile(logDir, "wrk-" + mode + "-c" + connections + "-", ".txt");
      pb.redirectOutput(out.toFile());
      return new Run(pb.start(), out, connections, service.jvm);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
