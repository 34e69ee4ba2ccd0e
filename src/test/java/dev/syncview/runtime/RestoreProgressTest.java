package dev.syncview.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncview.query.StatusReport.Restoring;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class RestoreProgressTest {
  final RestoreProgress restore = new RestoreProgress();
  final TopicPartition a = new TopicPartition("app-a-changelog", 0);
  final TopicPartition b = new TopicPartition("app-b-changelog", 2);

  @Test
  void shouldTrackEachPartitionUntilItEndsOrMovesAway() {
    // Given two partitions restoring
    restore.onRestoreStart(a, "a", 100, 600);
    restore.onRestoreStart(b, "b", 0, 50);
    restore.onBatchRestored(a, "a", 299, 200);

    // Then each shows what it did and has left
    assertThat(restore.partitions())
        .containsExactly(new Restoring("a", "app-a-changelog-0", 200, 300), new Restoring("b", "app-b-changelog-2", 0, 50));
    assertThat(restore.remaining()).isEqualTo(350);

    // When one ends and the other's task moves away mid-restore
    restore.onBatchRestored(b, "b", 9, 10);
    restore.onRestoreEnd(a, "a", 500);
    restore.onRestoreSuspended(b, "b", 10);

    // Then nothing is left here, and everything restored still counts as done
    assertThat(restore.partitions()).isEmpty();
    assertThat(restore.remaining()).isZero();
    assertThat(restore.done()).isEqualTo(210);
  }
}
