package dev.syncview.deploy;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;

/**
 * Docker's reading of a .dockerignore: patterns in order, the last one matching a path or one of
 * its parent directories decides, {@code !} includes again. Globs as Docker's ({@code *} stays
 * within one path element); {@code **} is not used here and not supported.
 */
final class DockerIgnore {
  private record Rule(PathMatcher matcher, boolean include) {}

  private final List<Rule> rules;

  private DockerIgnore(List<Rule> rules) {
    this.rules = rules;
  }

  static DockerIgnore read(Path file) throws IOException {
    return new DockerIgnore(
        Files.readAllLines(file).stream()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .map(DockerIgnore::rule)
            .toList());
  }

  private static Rule rule(String line) {
    boolean include = line.startsWith("!");
    String pattern = (include ? line.substring(1) : line).replaceAll("^/+|/+$", "");
    return new Rule(FileSystems.getDefault().getPathMatcher("glob:" + pattern), include);
  }

  /** Whether a path relative to the context root reaches the build. */
  boolean sends(String relative) {
    boolean excluded = false;
    for (Rule r : rules) {
      for (Path p = Path.of(relative); p != null; p = p.getParent()) {
        if (r.matcher().matches(p)) {
          excluded = !r.include();
          break;
        }
      }
    }
    return !excluded;
  }
}
