package dev.syncview.cli;

import dev.syncview.App;
import dev.syncview.config.AppConfig;
import dev.syncview.tools.DemoData;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** No subcommand: the service itself, until SIGTERM. */
@Command(
    name = "sync-view",
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = ProjectVersion.class,
    description = {
      "Without a command: the service (the embedded Kafka broker when KAFKA_BOOTSTRAP_SERVERS is empty),"
          + " until SIGTERM.",
      "Every command reads the settings of the README's configuration table (environment, CONFIG_FILE)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done",
      "1:the command failed (Kafka unreachable, topics differ, the reset tool refused, ...)",
      "2:usage error: unknown command or option, missing or invalid value, invalid setting"
    })
final class ServiceCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = "--demo", description = "Also publish the demo data set and print its tokens and a curl command.")
  boolean demo;

  ServiceCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws InterruptedException {
    AppConfig config = ctx.settings().get();
    App app;
    try {
      app = App.start(config);
    } catch (RuntimeException e) {
      throw new IllegalStateException("failed to start", e);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  app.close(Duration.ofMillis(config.shutdownTimeoutMs()));
                  stopped.countDown();
                },
                "shutdown"));
    if (demo) {
      publishDemo(app, config);
    }
    stopped.await();
    return 0;
  }

  /** A failed demo leaves the service running: it is an extra, not the service. */
  private void publishDemo(App app, AppConfig config) throws InterruptedException {
    if (!app.awaitReady(Duration.ofMinutes(2))) {
      ctx.out().println("the view did not become ready; demo data not published");
      return;
    }
    try {
      DemoOutput.print(DemoData.publish(app.bootstrapServers(), config.topics()), app.httpPort(), ctx.out());
    } catch (RuntimeException e) {
      ctx.err().println("publishing the demo data failed: " + Failures.describe(e));
    }
  }
}
