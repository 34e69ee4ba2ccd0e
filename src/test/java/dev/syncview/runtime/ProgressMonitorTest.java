package dev.syncview.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncview.query.Progress.Phase;
import dev.syncview.query.Progress.Work;
import dev.syncview.query.Progress;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class ProgressMonitorTest {
  static final long SECOND = TimeUnit.SECONDS.toNanos(1);
  static final String MAIN = "app-StreamThread-1-consumer";
  static final TopicPartition CHANGELOG = new TopicPartition("app-store-changelog", 0);

  final RestoreProgress restore = new RestoreProgress();
  final ProgressMonitor monitor = new ProgressMonitor(() -> null, restore, Set.of("sync.jobs", "sync.sources"));

  @Test
  void shouldMeasureTheRestoreFromTheListenerWithItsRateAndEta() {
    // Given a changelog partition of 1,000 offsets, 400 restored in the first second
    restore.onRestoreStart(CHANGELOG, "store", 0, 1000);
    monitor.sample(0, State.REBALANCING, new FakeMetrics().metrics);
    restore.onBatchRestored(CHANGELOG, "store", 399, 400);

    // When a second later
    Progress p = monitor.sample(SECOND, State.REBALANCING, new FakeMetrics().metrics);

    // Then 400 done, 600 left at 400/s: 2 s
    assertThat(p.phase()).isEqualTo(Phase.RESTORING);
    assertThat(p.restore()).isEqualTo(new Work(400, 600, 400.0, 2L));
    assertThat(p.current()).isEqualTo(p.restore());
  }

  @Test
  void shouldCountInputRecordsReadAsDoneAndEveryHopAsRemaining() {
    // Given the main consumer 900 records behind on two input topics and 50 on an internal one
    FakeMetrics first = new FakeMetrics()
        .lag(MAIN, "sync.jobs", 0, 800).lag(MAIN, "sync.sources", 1, 100)
        .lag(MAIN, "app-x-repartition", 0, 50)
        .lag("app-StreamThread-1-restore-consumer", "app-store-changelog", 0, 5000)
        .consumed(MAIN, "sync.jobs", 100).consumed(MAIN, "app-x-repartition", 7000);
    monitor.sample(0, State.RUNNING, first.metrics);

    // When 300 more input records are read in the next second, most of them still between stages
    FakeMetrics next = new FakeMetrics()
        .lag(MAIN, "sync.jobs", 0, 500).lag(MAIN, "sync.sources", 1, 100)
        .lag(MAIN, "app-x-repartition", 0, 250)
        .consumed(MAIN, "sync.jobs", 400).consumed(MAIN, "app-x-repartition", 9000);
    Progress p = monitor.sample(SECOND, State.RUNNING, next.metrics);

    // Then 400 input records were read, 850 are not in the view yet (250 of them between stages),
    // and what is left fell by 100 in that second: 9 s to go
    assertThat(p.phase()).isEqualTo(Phase.REPLAYING);
    assertThat(p.replay()).isEqualTo(new Work(400, 850, 100.0, 9L));
    assertThat(p.betweenStages()).isEqualTo(250);
    assertThat(p.restore().remaining()).as("a restore consumer's lag is not restore progress").isZero();
  }

  @Test
  void shouldGiveNoEtaWhileWhatIsLeftGrows() {
    monitor.sample(0, State.RUNNING, new FakeMetrics().lag(MAIN, "sync.jobs", 0, 100).metrics);
    Progress p = monitor.sample(SECOND, State.RUNNING, new FakeMetrics().lag(MAIN, "sync.jobs", 0, 400).metrics);
    assertThat(p.replay().rate()).isZero();
    assertThat(p.replay().etaSeconds()).isNull();
  }

  @Test
  void shouldNotLetLagThatBecomesKnownCancelTheProgressAroundIt() {
    // Given one partition's lag known, then another's appearing, then 200 applied
    monitor.sample(0, State.RUNNING, new FakeMetrics().lag(MAIN, "sync.jobs", 0, 100).metrics);
    monitor.sample(SECOND, State.RUNNING,
        new FakeMetrics().lag(MAIN, "sync.jobs", 0, 100).lag(MAIN, "sync.jobs", 1, 900).metrics);
    Progress p = monitor.sample(2 * SECOND, State.RUNNING,
        new FakeMetrics().lag(MAIN, "sync.jobs", 0, 0).lag(MAIN, "sync.jobs", 1, 800).metrics);

    // Then the pace is the 200 over the 2 s, not the net rise
    assertThat(p.replay()).isEqualTo(new Work(0, 800, 100.0, 8L));
  }

  @Test
  void shouldKeepTheReplayTotalGrowingWhenAConsumerStartsCountingAgain() {
    monitor.sample(0, State.RUNNING, new FakeMetrics().consumed(MAIN, "sync.jobs", 1000).metrics);
    // a replaced consumer starts again from zero: its 30 records are new work, not -970
    Progress p = monitor.sample(SECOND, State.RUNNING, new FakeMetrics().consumed("app-StreamThread-2-consumer", "sync.jobs", 30).metrics);
    assertThat(p.replay().done()).isEqualTo(1030);
  }

  @Test
  void shouldNameThePhaseFromTheClientWhenNothingIsLeft() {
    Progress starting = monitor.sample(0, null, new FakeMetrics().metrics);
    assertThat(starting.phase()).isEqualTo(Phase.STARTING);
    assertThat(starting.current().etaSeconds()).as("nothing known yet is no ETA of 0").isNull();
    assertThat(monitor.sample(1, State.REBALANCING, new FakeMetrics().metrics).phase()).isEqualTo(Phase.STARTING);
    assertThat(monitor.sample(2, State.RUNNING, new FakeMetrics().metrics).phase()).isEqualTo(Phase.CAUGHT_UP);
    assertThat(monitor.sample(3, State.REBALANCING, new FakeMetrics().metrics).phase()).isEqualTo(Phase.REBALANCING);
    assertThat(monitor.sample(4, State.ERROR, new FakeMetrics().metrics).phase()).isEqualTo(Phase.STOPPED);
    assertThat(monitor.progress().phase()).as("readers see the last sample").isEqualTo(Phase.STOPPED);
  }

  @Test
  void shouldGiveNoEtaWhileWorkRemainsAndNothingMoves() {
    Progress p = monitor.sample(0, State.RUNNING, new FakeMetrics().lag(MAIN, "sync.jobs", 0, 10).metrics);
    assertThat(p.replay().etaSeconds()).isNull();
    assertThat(Work.of(5, 0, 0).etaSeconds()).isZero();
  }
}
