package dev.syncview.deploy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/** External programs some deploy tests run: found on PATH, or the test is skipped by assumption. */
final class Binaries {
  private Binaries() {}

  static Optional<Path> find(String name) {
    return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, name))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /** The java of this JVM, for scripts that call plain {@code java}. */
  static Path javaBin() {
    return Path.of(System.getProperty("java.home"), "bin");
  }
}
