package dev.syncview.testing;

import dev.syncview.cli.Cli;
import dev.syncview.cli.CliContext;
import dev.syncview.config.AppConfig;
import dev.syncview.tools.KeyTopic;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The operator's command line in this JVM, through the same entry point as {@code main}, with
 * settings from the given environment instead of the process's, and its output captured.
 */
public final class CliRunner {
  private final Map<String, String> env;

  public CliRunner(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  public record Result(int exit, String out, String err) {
    public List<String> outLines() {
      return out.lines().toList();
    }
  }

  public Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliContext ctx =
        new CliContext(
            () -> AppConfig.load(env),
            KeyTopic::kafka,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    int exit = Cli.execute(ctx, args);
    return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
