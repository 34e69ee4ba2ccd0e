package dev.syncview.cli;

import dev.syncview.config.AppConfig;
import dev.syncview.tools.DemoData;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code publish-demo}: the demo data set to the configured cluster, e.g. a running service's. */
@Command(
    name = "publish-demo",
    description = "Publish the demo data set to the configured cluster and print its tokens (once).")
final class PublishDemoCommand implements Callable<Integer> {
  private final CliContext ctx;

  PublishDemoCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws InterruptedException {
    AppConfig config = ctx.settings().get();
    DemoOutput.print(DemoData.publish(config.bootstrapServers(), config.topics()), config.httpPort(), ctx.out());
    return 0;
  }
}
