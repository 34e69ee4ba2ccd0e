package dev.syncview.tools;

import dev.syncview.config.AppConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.tools.StreamsResetter;

/**
 * {@code reset}: replays the view from offset zero on the next start, under the same application
 * id. Wraps Kafka's application reset tool (input offsets to the beginning, internal topics
 * deleted), then deletes this instance's state directory. Every instance must be stopped first;
 * the tool refuses while the group has members. Run it once, then start the instances again.
 */
public final class ResetCommand {
  private ResetCommand() {}

  /**
   * @param force also when the group still has members: stopped instances stay members for the
   *     session timeout (static membership), running ones would be corrupted
   */
  public static int run(AppConfig config, boolean force, PrintStream out) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--bootstrap-server", config.bootstrapServers(),
                "--application-id", config.applicationId(),
                "--input-topics",
                String.join(
                    ",", config.topics().sources(), config.topics().jobs(), config.topics().apiKeys())));
    if (force) {
      args.add("--force");
    }
    int code = new StreamsResetter().execute(args.toArray(String[]::new));
    if (code != 0) {
      out.println(
          "the reset tool failed (exit " + code + "). Stop every instance and wait 15 s (the session"
              + " timeout), or add --force once you are sure none runs.");
      return code;
    }
    deleteTree(config.stateDir());
    out.println("reset done: the next start of " + config.applicationId() + " rebuilds the view from offset zero");
    out.println("(state directory " + config.stateDir() + " deleted; delete it on every other instance too)");
    return 0;
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
