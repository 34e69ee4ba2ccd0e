package dev.syncview.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncview.query.Progress.Phase;
import dev.syncview.query.Progress.Work;
import dev.syncview.query.Progress;
import dev.syncview.query.ViewStatus;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ProgressMetersTest {

  @Test
  void shouldScrapeTheLatestProgressBeforeAnyStreamsClientExists() {
    AtomicReference<Progress> progress =
        new AtomicReference<>(new Progress(Phase.RESTORING, Work.of(400, 600, 200), Work.of(0, 1000, 0), 7));
    try (ServiceMetrics metrics = new ServiceMetrics()) {
      metrics.bind(new ViewStatus() {
        @Override
        public boolean ready() {
          return false;
        }

        @Override
        public Lag lag() {
          return new Lag(0, Map.of());
        }

        @Override
        public Progress progress() {
          return progress.get();
        }
      });

      // the meters must outlive a collection: Micrometer holds what they read weakly unless told
      System.gc();
      String m = metrics.scrape();
      assertThat(m).contains("syncview_restore_records_done_total 400.0")
          .contains("syncview_restore_records_remaining 600.0")
          .contains("syncview_restore_records_per_second 200.0")
          .contains("syncview_restore_eta_seconds 3.0")
          .contains("syncview_replay_records_remaining 1000.0")
          .contains("syncview_replay_eta_seconds NaN")
          .contains("syncview_replay_between_stages_records 7.0");

      progress.set(new Progress(Phase.CAUGHT_UP, Work.of(1000, 0, 0), Work.of(1000, 0, 0), 0));
      assertThat(metrics.scrape()).contains("syncview_restore_records_done_total 1000.0").contains("syncview_replay_eta_seconds 0.0");
    }
  }
}
