package dev.syncview;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Turns a projection that failed for good into a process exit. {@code /health/live} answers 503
 * then, but a failed probe alone restarts nothing under plain Docker Compose (only Swarm and
 * Kubernetes act on it); an exit is what every supervisor acts on (Compose's {@code restart:},
 * systemd's {@code Restart=}, Kubernetes), and the restart resumes from the last exactly-once
 * commit.
 */
public final class FatalExit {
  /** Distinct from a configuration error (2) and a failed start (1). */
  public static final int STATUS = 3;

  private FatalExit() {}

  /**
   * Waits for a normal stop ({@code stopped} opens: false) or for the service to stop being live
   * while no stop is under way (true).
   */
  public static boolean awaitFailure(
      CountDownLatch stopped, BooleanSupplier stopping, BooleanSupplier live, Duration every)
      throws InterruptedException {
    while (!stopped.await(every.toMillis(), TimeUnit.MILLISECONDS)) {
      // live first: a stop marks itself stopping before it closes the projection, so a close
      // that made live() false is always seen as a stop here
      if (!live.getAsBoolean() && !stopping.getAsBoolean()) {
        return true;
      }
    }
    return false;
  }
}
