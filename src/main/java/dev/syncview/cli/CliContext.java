package dev.syncview.cli;

import dev.syncview.config.AppConfig;
import dev.syncview.tools.KeyTopic;
import java.io.PrintStream;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the commands take from outside. The settings are read only when a command runs, so
 * {@code --help} works with a broken environment and a usage error touches nothing; the key topic
 * is a seam so tests can prove a refused command published nothing.
 *
 * @param settings the same {@link AppConfig} the service reads (environment and properties file)
 * @param keyTopics opens the API-key topic of the given settings' cluster
 */
public record CliContext(
    Supplier<AppConfig> settings,
    Function<AppConfig, KeyTopic> keyTopics,
    PrintStream out,
    PrintStream err) {

  /** The real thing: settings from the environment, the key topic on Kafka, stdout and stderr. */
  public static CliContext system(Supplier<AppConfig> settings) {
    return new CliContext(settings, KeyTopic::kafka, System.out, System.err);
  }
}
