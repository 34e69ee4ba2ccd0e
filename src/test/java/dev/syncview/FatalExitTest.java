package dev.syncview;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class FatalExitTest {
  static final Duration POLL = Duration.ofMillis(5);

  @Test
  void shouldReportAFailureOnceTheServiceIsNoLongerLive() throws Exception {
    AtomicBoolean live = new AtomicBoolean(true);
    CompletableFuture<Boolean> failed = watch(new CountDownLatch(1), new AtomicBoolean(), live);

    Thread.sleep(50);
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
    CompletableFuture<Boolean> failed = watch(stopped, stopping, live);
    stopping.set(true);
    live.set(false);
    Thread.sleep(50);

    // When the stop completes
    assertThat(failed).isNotDone();
    stopped.countDown();

    // Then it was a stop, not a failure
    assertThat(failed.get(5, TimeUnit.SECONDS)).isFalse();
  }

  private static CompletableFuture<Boolean> watch(
      CountDownLatch stopped, AtomicBoolean stopping, AtomicBoolean live) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return FatalExit.awaitFailure(stopped, stopping::get, live::get, POLL);
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });
  }
}
