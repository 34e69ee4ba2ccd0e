package dev.syncview.bench;

import dev.syncview.config.Setting;
import dev.syncview.testing.TempDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a run happens: its own directory under the temp dir, a copy of the built service (jar and
 * libraries) and of the bench classes (so a concurrent {@code mvn clean} cannot pull them away
 * mid-run), and one Kafka broker in a JVM of its own on free ports, shared by the service and the
 * baseline.
 */
final class Rig implements AutoCloseable {
  private static final Pattern BROKER_READY = Pattern.compile("BROKER READY (\\S+)");
  private static final Pattern HTTP_PORT = Pattern.compile("HTTP API on port (\\d+)");
  private static final Pattern EMBEDDED_STARTED = Pattern.compile("HTTP API on port (\\d+; Kafka at [^\\s\"]+)");

  final Path dir;
  final Path app;
  final String bootstrap;
  final ChildJvm broker;
  private final BenchConfig config;

  private Rig(BenchConfig config, Path dir, Path app, ChildJvm broker, String bootstrap) {
    this.config = config;
    this.dir = dir;
    this.app = app;
    this.broker = broker;
    this.bootstrap = bootstrap;
  }

  static Rig create(BenchConfig config) throws IOException, InterruptedException {
    Path target = config.repo().resolve("target");
    Path jar = target.resolve("sync-view.jar");
    if (!Files.exists(jar) || !Files.isDirectory(target.resolve("lib"))) {
      throw new IllegalStateException(
          "no built service at " + jar + "; build and run with: mvn -B -Pbench -DskipTests package exec:java");
    }
    Path dir = Files.createTempDirectory(config.workDir(), "syncview-bench-");
    Path app = dir.resolve("app");
    copyTree(target.resolve("lib"), app.resolve("lib"));
    copyTree(target.resolve("test-classes"), app.resolve("bench-classes"));
    Files.copy(jar, app.resolve("sync-view.jar"));
    ChildJvm broker =
        ChildJvm.start(
            "broker",
            List.of("-Xms512m", "-Xmx1g"),
            List.of("-cp", benchClasspath(app), BrokerMain.class.getName(), dir.resolve("kafka").toString()),
            Map.of(),
            dir.resolve("logs/broker.log"));
    String bootstrap = broker.awaitLog(BROKER_READY, Duration.ofSeconds(60));
    return new Rig(config, dir, app, broker, bootstrap);
  }

  /** Starts the service as an operator does ({@code java -jar sync-view.jar}) against the rig's broker. */
  Service startService(String applicationId, Path dataDir, int httpPort, String logName)
      throws InterruptedException {
    ChildJvm jvm =
        startServiceJvm(
            "service",
            applicationId,
            dataDir,
            httpPort,
            Map.of(
                Setting.KAFKA_BOOTSTRAP_SERVERS.env(), bootstrap,
                // Freshness probes measure how long read-your-writes waits; not cut off at 5 s.
                Setting.MIN_POSITION_TIMEOUT_MS.env(), "30000"),
            logName);
    int port = Integer.parseInt(jvm.awaitLog(HTTP_PORT, Duration.ofSeconds(120)));
    return new Service(jvm, port, applicationId, dataDir);
  }

  /** The service with its embedded broker, as the README's run command starts it. */
  record Embedded(Service service, String bootstrap) {}

  /**
   * Starts the service without a Kafka address, so it starts its own broker in its JVM (free ports,
   * its own data directory), with the same JVM options as {@link #startService}.
   */
  Embedded startEmbedded(String applicationId, Path dataDir) throws InterruptedException {
    ChildJvm jvm =
        startServiceJvm(
            "embedded",
            applicationId,
            dataDir,
            0,
            Map.of(
                Setting.EMBEDDED_KAFKA_HOST.env(), "127.0.0.1",
                Setting.EMBEDDED_KAFKA_PORT.env(), "0",
                Setting.EMBEDDED_KAFKA_CONTROLLER_PORT.env(), "0"),
            "service-embedded");
    String started = jvm.awaitLog(EMBEDDED_STARTED, Duration.ofSeconds(180));
    String[] portAndKafka = started.split("; Kafka at ", 2);
    return new Embedded(
        new Service(jvm, Integer.parseInt(portAndKafka[0]), applicationId, dataDir), portAndKafka[1]);
  }

  /**
   * {@code java <bench.serviceJvmArgs> -jar sync-view.jar} with only the settings given here and
   * in {@code bench.serviceEnv}, none inherited.
   */
  private ChildJvm startServiceJvm(
      String name, String applicationId, Path dataDir, int httpPort, Map<String, String> settings, String logName) {
    Map<String, String> env = new HashMap<>();
    env.put(Setting.DATA_DIR.env(), dataDir.toString());
    env.put(Setting.APPLICATION_ID.env(), applicationId);
    env.put(Setting.HTTP_HOST.env(), "127.0.0.1");
    env.put(Setting.HTTP_PORT.env(), Integer.toString(httpPort));
    env.putAll(settings);
    env.putAll(config.serviceEnvironment());
    List<String> jvmArgs =
        config.serviceJvmArgs().isBlank()
            ? List.of()
            : Arrays.asList(config.serviceJvmArgs().trim().split("\\s+"));
    return ChildJvm.start(
        name,
        jvmArgs,
        List.of("-jar", app.resolve("sync-view.jar").toString()),
        clean(env),
        dir.resolve("logs/" + logName + ".log"));
  }

  /** Starts {@link BaselineProjection} reading {@code inputs}; returns once it runs. */
  ChildJvm startBaseline(String applicationId, List<String> inputs) throws InterruptedException {
    List<String> args = new ArrayList<>(List.of(
        "-cp", benchClasspath(app), BaselineProjection.class.getName(),
        bootstrap, applicationId, dir.resolve("baseline-state").toString(),
        Long.toString(config.commitIntervalMs())));
    args.addAll(inputs);
    ChildJvm jvm = ChildJvm.start("baseline", List.of(), args, Map.of(), dir.resolve("logs/baseline.log"));
    jvm.awaitLog(Pattern.compile("BASELINE STATE (RUNNING)"), Duration.ofSeconds(120));
    return jvm;
  }

  /** {@code env}, and removals of every other setting the caller's environment may hold. */
  private static Map<String, String> clean(Map<String, String> env) {
    Map<String, String> out = new HashMap<>();
    for (Setting s : Setting.values()) {
      out.put(s.env(), null);
    }
    System.getenv().keySet().stream().filter(k -> k.startsWith("KAFKA_STREAMS_")).forEach(k -> out.put(k, null));
    out.putAll(env);
    return out;
  }

  private static String benchClasspath(Path app) {
    return app.resolve("bench-classes") + ":" + app.resolve("sync-view.jar") + ":" + app.resolve("lib") + "/*";
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path dest = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  static String uniqueId(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Override
  public void close() {
    broker.close();
    if (!Boolean.getBoolean("bench.keep")) {
      try {
        TempDirs.delete(dir);
      } catch (UncheckedIOException e) {
        System.err.println("could not delete " + dir + ": " + e.getMessage());
      }
    }
  }
}
