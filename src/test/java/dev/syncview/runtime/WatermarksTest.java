package dev.syncview.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** How the applied watermark of an input partition follows a record's path, stage by stage. */
class WatermarksTest {
  static final TopicPartition IN = new TopicPartition("in", 0);
  static final TopicPartition R1 = new TopicPartition("r1", 0);
  static final TopicPartition R2 = new TopicPartition("r2", 0);

  static Watermarks.Snapshot snap(long in, long r1, long r2, long endR1, long endR2) {
    return new Watermarks.Snapshot(
        Map.of(IN, in, R1, r1, R2, r2), Map.of(IN, 100L, R1, endR1, R2, endR2), Map.of());
  }

  @Test
  void shouldRaiseTheWatermarkOnlyOnceEveryStageHasCommittedPastWhatItWasGiven() {
    // Given an input whose records pass r1, then r2
    Watermarks w = new Watermarks(Map.of("in", List.of(
        new Watermarks.TopicsStage(List.of("r1")), new Watermarks.TopicsStage(List.of("r2")))));

    // When the input's first stage has committed to 5 and written r1 up to 3
    w.advance(snap(5, 0, 0, 3, 0));
    // Then nothing is known applied
    assertThat(w.applied(IN)).isZero();

    // When r1's stage has committed past 3 and written r2 up to 2
    w.advance(snap(7, 3, 0, 4, 2));
    assertThat(w.applied(IN)).isZero();

    // When r2's stage has committed past 2: every input record below 5 is applied
    w.advance(snap(9, 4, 2, 5, 3));
    assertThat(w.applied(IN)).isEqualTo(5);
  }

  @Test
  void shouldPassSeveralStagesInOneSnapshotWhenTheirConsumersAreCaughtUp() {
    Watermarks w = new Watermarks(Map.of("in", List.of(
        new Watermarks.TopicsStage(List.of("r1")), new Watermarks.TopicsStage(List.of("r2")))));

    w.advance(snap(5, 3, 2, 3, 2));
    w.advance(snap(5, 3, 2, 3, 2));

    assertThat(w.applied(IN)).isEqualTo(5);
  }

  @Test
  void shouldWaitForThreeMoreGlobalFetchesWithNoLagAtAGlobalStage() {
    Watermarks w = new Watermarks(Map.of("in", List.of(new Watermarks.GlobalStage("auth"))));
    TopicPartition in = IN;

    w.advance(global(4, 10, 0));
    w.advance(global(4, 12, 0));
    assertThat(w.applied(in)).isZero();
    w.advance(global(4, 13, 1));
    assertThat(w.applied(in)).as("a lag left").isZero();
    w.advance(global(4, 14, 0));
    assertThat(w.applied(in)).isEqualTo(4);
  }

  static Watermarks.Snapshot global(long in, long fetches, long lag) {
    return new Watermarks.Snapshot(
        Map.of(IN, in), Map.of(IN, 100L), Map.of("auth", new StreamsStatus.GlobalFetches(fetches, lag)));
  }
}
