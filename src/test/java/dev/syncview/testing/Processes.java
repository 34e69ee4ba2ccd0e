package dev.syncview.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Stopping the child JVMs that tests and benchmarks start. */
public final class Processes {
  private Processes() {}

  /** SIGTERM and wait for the clean exit; SIGKILL after {@code timeout}. Returns the exit code, or -1 if killed. */
  public static int stop(Process process, Duration timeout) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
      return -1;
    }
    return process.exitValue();
  }
}
