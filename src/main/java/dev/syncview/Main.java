package dev.syncview;

import dev.syncview.cli.Cli;
import dev.syncview.cli.CliContext;
import dev.syncview.config.AppConfig;

/**
 * Entry point: the command line of {@link Cli} (the service by default; {@code --help} lists the
 * commands). The exit code is the command's: 0 ok, 1 failed, 2 usage error.
 */
public final class Main {
  static final String LOG_FORMAT_PROPERTY = "syncview.log.format";

  private Main() {}

  public static void main(String[] args) {
    System.exit(Cli.execute(CliContext.system(Main::settings), args));
  }

  /** Read when a command runs, before its first logger exists: logback.xml picks its appender from the property. */
  private static AppConfig settings() {
    AppConfig config = AppConfig.fromEnvironment();
    System.setProperty(LOG_FORMAT_PROPERTY, config.logFormat());
    return config;
  }
}
