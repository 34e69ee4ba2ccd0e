package dev.syncview.cli;

import dev.syncview.App;
import dev.syncview.FatalExit;
import dev.syncview.config.AppConfig;
import dev.syncview.tools.DemoData;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;
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
      "2:usage error: unknown command or option, missing or invalid value, invalid setting",
      "3:the service's projection failed for good (it exits to be restarted)"
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
    AtomicBoolean stopping = new AtomicBoolean();
    CountDownLatch stopped =
        Shutdown.onSignal(
            () -> {
              stopping.set(true);
              app.close(Duration.ofMillis(config.shutdownTimeoutMs()));
            });
    if (demo) {
      publishDemo(app, config);
    }
    if (FatalExit.awaitFailure(stopped, stopping::get, app::live, Duration.ofSeconds(1))) {
      LoggerFactory.getLogger(ServiceCommand.class)
          .error("the projection failed for good; exiting with status {} to be restarted", FatalExit.STATUS);
      return FatalExit.STATUS;
    }
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
