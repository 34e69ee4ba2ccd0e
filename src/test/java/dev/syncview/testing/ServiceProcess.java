package dev.syncview.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The service in a child JVM, as an operator runs it ({@code dev.syncview.Main}), against a broker
 * the test owns. It can be killed hard ({@code SIGKILL}) and started again on the same directory.
 */
public final class ServiceProcess implements AutoCloseable {
  /** The heap bound of the README's run command (and the Dockerfile's JAVA_OPTS): tests run the service as documented. */
  public static final String README_HEAP = "-Xmx384m";
  private final Map<String, String> env;
  private final Path log;
  private final int httpPort;
  private Process process;

  public ServiceProcess(String bootstrapServers, Path dir, String applicationId, int httpPort) {
    this.httpPort = httpPort;
    this.log = dir.resolve("service.log");
    env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
    env.put("DATA_DIR", dir.toString());
    env.put("APPLICATION_ID", applicationId);
    env.put("HTTP_HOST", "127.0.0.1");
    env.put("HTTP_PORT", Integer.toString(httpPort));
  }

  /** One more environment variable for the next starts. */
  public ServiceProcess with(String name, String value) {
    env.put(name, value);
    return this;
  }

  public ServiceProcess start() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            README_HEAP,
            // the production logging config, not the test classpath's logback-test.xml
            "-Dlogback.configurationFile=logback.xml",
            "-cp",
            System.getProperty("java.class.path"),
            "dev.syncview.Main");
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** SIGKILL: no shutdown hook, no flush, no clean close. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, then wait for the clean exit. */
  public int stop(Duration timeout) throws InterruptedException {
    return Processes.stop(process, timeout);
  }

  public boolean alive() {
    return process != null && process.isAlive();
  }

  public int port() {
    return httpPort;
  }

  public HttpClientSupport http() {
    return new HttpClientSupport(httpPort);
  }

  public String log() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public File logFile() {
    return log.toFile();
  }

  @Override
  public void close() throws InterruptedException {
    if (alive()) {
      kill();
    }
  }
}
