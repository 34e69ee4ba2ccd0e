package dev.syncview;

import dev.syncview.config.AppConfig;
import dev.syncview.config.ConfigException;
import dev.syncview.tools.ApiKeys;
import dev.syncview.tools.DemoData;
import dev.syncview.tools.BrokerCommand;
import dev.syncview.tools.KeyCommand;
import dev.syncview.tools.ResetCommand;
import dev.syncview.tools.TopicsCommand;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;

/**
 * Entry point. {@code run} (the default) starts the service, and exits with {@link
 * FatalExit#STATUS} if its projection fails for good; {@code --demo} also publishes the sample data
 * and prints tokens and a curl command; {@code create-key} issues an API key.
 */
public final class Main {
  static final String LOG_FORMAT_PROPERTY = "syncview.log.format";

  private Main() {}

  public static void main(String[] argv) throws Exception {
    List<String> args = List.of(argv);
    PrintStream out = System.out;
    AppConfig config;
    try {
      config = AppConfig.fromEnvironment();
    } catch (ConfigException e) {
      System.err.println("configuration error: " + e.getMessage());
      System.exit(2);
      return;
    }
    // Before the first logger exists: logback.xml picks its appender from this property.
    System.setProperty(LOG_FORMAT_PROPERTY, config.logFormat());
    String command = args.isEmpty() || args.get(0).startsWith("--") ? "run" : args.get(0);
    switch (command) {
      case "run" -> run(config, args.contains("--demo"), out);
      case "create-key" -> System.exit(KeyCommand.run(config, args, out));
      case "topics" -> System.exit(TopicsCommand.run(config, args, out));
      case "broker" -> System.exit(BrokerCommand.run(config, out));
      case "publish-demo" -> System.exit(publishDemo(config, out));
      case "reset" -> System.exit(ResetCommand.run(config, args.contains("--force"), out));
      default -> {
        System.err.println(
            "unknown command " + command
                + "; commands: run [--demo], create-key, topics create|check, broker, publish-demo, reset [--force]");
        System.exit(2);
      }
    }
  }

  private static void run(AppConfig config, boolean demo, PrintStream out) throws Exception {
    App app;
    try {
      app = App.start(config);
    } catch (RuntimeException e) {
      System.err.println("sync-view failed to start: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicBoolean stopping = new AtomicBoolean();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stopping.set(true);
                  app.close(Duration.ofMillis(config.shutdownTimeoutMs()));
                  stopped.countDown();
                },
                "shutdown"));
    if (demo) {
      try {
        demo(app, config, out);
      } catch (RuntimeException e) {
        System.err.println("publishing the demo data failed: " + e.getMessage());
      }
    }
    if (FatalExit.awaitFailure(stopped, stopping::get, app::live, Duration.ofSeconds(1))) {
      LoggerFactory.getLogger(Main.class)
          .error("the projection failed for good; exiting with status {} to be restarted", FatalExit.STATUS);
      System.exit(FatalExit.STATUS);
    }
  }

  private static void demo(App app, AppConfig config, PrintStream out) throws InterruptedException {
    if (!app.awaitReady(Duration.ofMinutes(2))) {
      out.println("the view did not become ready; demo data not published");
      return;
    }
    DemoData.Summary s = DemoData.publish(app.bootstrapServers(), config.topics());
    printDemo(s, app.httpPort(), out);
  }

  /** {@code publish-demo}: the demo data set to the configured cluster, e.g. a running service's. */
  private static int publishDemo(AppConfig config, PrintStream out) throws InterruptedException {
    printDemo(DemoData.publish(config.bootstrapServers(), config.topics()), config.httpPort(), out);
    return 0;
  }

  private static void printDemo(DemoData.Summary s, int httpPort, PrintStream out) {
    out.println();
    out.println("Demo data published: " + s.sources() + " sources, " + s.jobs() + " jobs, 3 tenants.");
    for (ApiKeys.Issued k : s.keys()) {
      out.println("  " + k.keyId() + " token: " + k.token());
    }
    out.println();
    out.println("Try:");
    out.println(
        "  curl -s -H 'x-chroma-token: "
            + s.keys().get(0).token()
            + "' 'http://localhost:"
            + httpPort
            + "/api/v1/sources?limit=5'");
    out.println();
  }
}
