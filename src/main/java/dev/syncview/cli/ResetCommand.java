package dev.syncview.cli;

import dev.syncview.config.AppConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.kafka.tools.StreamsResetter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code reset}: replays the view from offset zero on the next start, under the same application
 * id. Wraps Kafka's application reset tool (input offsets to the beginning, internal topics
 * deleted), then deletes this instance's state directory. Every instance must be stopped first;
 * the tool refuses while the group has members. Run it once, then start the instances again.
 */
@Command(
    name = "reset",
    description = {
      "Make the next start rebuild the view from offset zero: Kafka's application reset tool for"
          + " APPLICATION_ID (input offsets to zero, internal topics deleted), then delete STATE_DIR.",
      "Stop every instance first."
    })
final class ResetCommand implements Callable<Integer> {
  private final CliContext ctx;

  /** Stopped instances stay members for the session timeout (static membership); running ones would be corrupted. */
  @Option(
      names = "--force",
      description = "Also when the group still has members: instances stopped less than 15 s ago are.")
  boolean force;

  ResetCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    AppConfig config = ctx.settings().get();
    int code = new StreamsResetter().execute(toolArguments(config));
    if (code != 0) {
      ctx.err().println(
          "reset: the reset tool failed (exit " + code + "). Stop every instance and wait 15 s (the session"
              + " timeout), or add --force once you are sure none runs.");
      return 1;
    }
    deleteTree(config.stateDir());
    ctx.out().println(
        "reset done: the next start of " + config.applicationId() + " rebuilds the view from offset zero");
    ctx.out().println("(state directory " + config.stateDir() + " deleted; delete it on every other instance too)");
    return 0;
  }

  private String[] toolArguments(AppConfig config) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--bootstrap-server", config.bootstrapServers(),
                "--application-id", config.applicationId(),
                "--input-topics", String.join(",", config.topics().inputs())));
    if (force) {
      args.add("--force");
    }
    return args.toArray(String[]::new);
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
