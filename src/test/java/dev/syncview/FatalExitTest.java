package dev.syncview;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class FatalExitTest {
  static final Duration POLL = Duration.ofMillis(5);

  @Test
  void shouldReportAFailureOnceTheServiceIsNoLongerLive() throws Exception {
    AtomicBoolean live = new AtomicBoolean(true);
    Polled liveness = new Polled(live::get);
    CompletableFuture<Boolean> failed = watch(new CountDownLatch(1), () -> false, liveness);

    liveness.awaitPolls(3);
    assertThat(failed).isNotDone();
    live.set(false);

    assertThat(failed.get(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void shouldNotReportTheCloseOfAStopAsAFailure() throws Exception {
    // Given a stop under way: marked stopping, then the projection closed (no longer live)
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicBoolean stopping = new AtomicBoolean();
    AtomicBoolean live = new AtomicBoolean(true);
    Polled stopMark = new Polled(stopping::get);
    CompletableFuture<Boolean> failed = watch(stopped, stopMark, live::get);
    stopping.set(true);
    live.set(false);
    stopMark.awaitPolls(3);

    // When the stop completes
    assertThat(failed).isNotDone();
    stopped.countDown();

    // Then it was a stop, not a failure
    assertThat(failed.get(5, TimeUnit.SECONDS)).isFalse();
  }

  private static CompletableFuture<Boolean> watch(
      CountDownLatch stopped, BooleanSupplier stopping, BooleanSupplier live) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return FatalExit.awaitFailure(stopped, stopping, live, POLL);
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  /** A condition the watcher reads, counting its reads so a test can wait for some to happen. */
  private static final class Polled implements BooleanSupplier {
    private final BooleanSupplier value;
    private final Semaphore polls = new Semaphore(0);

    Polled(BooleanSupplier value) {
      this.value = value;
    }

    @Override
    public boolean getAsBoolean() {
      boolean v = value.getAsBoolean();
      polls.release();
      return v;
    }

    /** Waits until the watcher has read the condition {@code n} more times. */
    void awaitPolls(int n) throws InterruptedException {
      assertThat(polls.tryAcquire(n, 5, TimeUnit.SECONDS)).as("the watcher polls").isTrue();
    }
  }
}
