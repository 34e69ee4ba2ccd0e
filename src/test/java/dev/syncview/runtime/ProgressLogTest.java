package dev.syncview.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncview.query.Progress.Phase;
import dev.syncview.query.Progress.Work;
import dev.syncview.query.Progress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProgressLogTest {
  static final long SECOND = TimeUnit.SECONDS.toNanos(1);
  final ProgressLog log = new ProgressLog();

  static Progress replaying(long done, long remaining, double rate) {
    return new Progress(Phase.REPLAYING, Work.NONE, Work.of(done, remaining, rate), 12);
  }

  static Progress caughtUp(long replayed) {
    return new Progress(Phase.CAUGHT_UP, Work.NONE, Work.of(replayed, 0, 2000), 0);
  }

  @Test
  void shouldLogEveryFiveSecondsWhileReplayingThenOnceWhenCaughtUp() {
    assertThat(log.next(0, replaying(0, 1_000_000, 0)))
        .containsExactly("replay progress: 0 input records read, 1000000 remaining (12 between stages), 0.0 records/s, ETA unknown");
    for (int s = 1; s < 5; s++) {
      assertThat(log.next(s * SECOND, replaying(s * 1000L, 1_000_000 - s * 1000L, 1000))).isEmpty();
    }
    assertThat(log.next(5 * SECOND, replaying(250_000, 750_000, 3500)))
        .containsExactly("replay progress: 250000 input records read, 750000 remaining (12 between stages), 3500.0 records/s, ETA 215 s");
    assertThat(log.next(6 * SECOND, caughtUp(1_000_000)))
        .containsExactly("progress: caught up; 0 records restored, 1000000 input records replayed since start");
    assertThat(log.next(20 * SECOND, caughtUp(1_000_000))).isEmpty();
  }

  @Test
  void shouldLogRestoreAndReplayApartWhenBothRun() {
    Progress both = new Progress(Phase.RESTORING, Work.of(10, 90, 5), Work.of(0, 500, 0), 0);
    assertThat(log.next(0, both)).hasSize(2).first().asString().startsWith("restore progress: 10 records restored, 90 remaining, 5.0 records/s, ETA 18 s");
  }

  @Test
  void shouldStayQuietWhileALiveStreamKeepsAFewRecordsInFlight() {
    // 500 events/s with 40 in flight: less than two seconds of work
    for (int s = 0; s < 30; s++) {
      assertThat(log.next(s * SECOND, replaying(s * 500L, 40, 500))).isEmpty();
    }
  }
}
