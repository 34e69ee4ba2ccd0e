package dev.syncview.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Headless Chromium (Debian's {@code chromium} package) as a test drives it: a fresh profile per
 * run, and every switch that keeps it off the network, so it only talks to the page under test.
 */
public final class Chromium {
  private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");
  private final Path executable;

  private Chromium(Path executable) {
    this.executable = executable;
  }

  /** The browser on the PATH, if any. */
  public static Optional<Chromium> find() {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(File.pathSeparator))
        .flatMap(dir -> NAMES.stream().map(n -> Path.of(dir, n)))
        .filter(Files::isExecutable)
        .findFirst()
        .map(Chromium::new);
  }

  /** The page's DOM once its scripts have had {@code budgetMs} of (virtual) time. */
  public String dumpDom(String url, int budgetMs) {
    return run(List.of("--dump-dom", "--virtual-time-budget=" + budgetMs, url));
  }

  public void screenshot(String url, Path png, int width, int height, int budgetMs) {
    run(List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
        "--hide-scrollbars", "--virtual-time-budget=" + budgetMs, url));
  }

  private String run(List<String> args) {
    Path profile = null;
    try {
      profile = Files.createTempDirectory("chromium-profile-");
      List<String> cmd = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox",
          "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
          "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile));
      cmd.addAll(args);
      // Output to a file, not a pipe: a hung browser then still meets the timeout below.
      Path out = profile.resolve("stdout");
      Process p = new ProcessBuilder(cmd)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .redirectOutput(out.toFile())
          .start();
      if (!p.waitFor(90, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("chromium did not finish in 90 s");
      }
      return Files.readString(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      if (profile != null) {
        TempDirs.delete(profile);
      }
    }
  }
}
