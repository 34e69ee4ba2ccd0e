package dev.syncview.cli;

import dev.syncview.config.AppConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs the command line in this JVM against a fake key topic, capturing stdout and stderr, and
 * counting reads of the settings: every command reads them before it does anything, so zero reads
 * means nothing ran.
 */
final class CliRun {
  final FakeKeyTopic topic = new FakeKeyTopic();
  final AtomicInteger settingsReads = new AtomicInteger();
  private final Supplier<AppConfig> settings;

  private CliRun(Supplier<AppConfig> settings) {
    this.settings = settings;
  }

  /** Settings that fail when read: a command that runs by mistake cannot start anything. */
  static CliRun withoutSettings() {
    return new CliRun(
        () -> {
          throw new IllegalStateException("test: a command ran and read the settings");
        });
  }

  static CliRun withSettings(Map<String, String> env) {
    return new CliRun(() -> AppConfig.load(env));
  }

  record Result(int exit, String out, String err) {
    List<String> errLines() {
      return err.lines().toList();
    }
  }

  Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliContext ctx =
        new CliContext(
            () -> {
              settingsReads.incrementAndGet();
              return settings.get();
            },
            config -> {
              topic.opened++;
              return topic;
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    int exit = Cli.execute(ctx, args);
    return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
