package dev.syncview.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncview.testing.BulkEvents;
import dev.syncview.testing.HttpClientSupport;
import dev.syncview.testing.Producing;
import dev.syncview.testing.RunningService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's rebuild procedure, followed as written: stop the service, start it under a new
 * application id with a new state directory; it replays every topic from offset zero and serves a
 * listing identical to the one before.
 */
class RebuildIntegrationTest {
  static final int TENANTS = 10;
  /** Jobs to publish (two versions each); raise it to time a bigger rebuild: -Drebuild.jobs=50000 */
  static final int JOBS = Integer.getInteger("rebuild.jobs", 3000);

  @Test
  void shouldServeAnIdenticalListingAfterARebuildFromOffsetZero() throws Exception {
    try (RunningService service = new RunningService().start()) {
      List<BulkEvents.Rec> events = BulkEvents.generate(42, TENANTS, 6, JOBS);
      try (Producing kafka = new Producing(service.bootstrapServers())) {
        for (BulkEvents.Rec e : events) {
          kafka.sendAsync(e.topic(), e.key(), e.value());
        }
        kafka.flush();
      }
      service.awaitCaughtUp(Duration.ofMinutes(3));
      List<String> before = listings(service.http());

      service.stop();
      long start = System.nanoTime();
      service
          .with("APPLICATION_ID", "rebuild-" + System.nanoTime())
          .with("STATE_DIR", service.dataDir().resolve("state-rebuild").toString())
          .start();
      service.awaitCaughtUp(Duration.ofMinutes(3));
      long millis = (System.nanoTime() - start) / 1_000_000;
      System.out.printf(
          "rebuild of %d events took %d ms (%.0f events/s)%n",
          events.size(), millis, events.size() * 1000.0 / millis);
      assertThat(before).doesNotContain("", "[]");
      assertThat(listings(service.http())).isEqualTo(before);
    }
  }

  static List<String> listings(HttpClientSupport http) {
    List<String> out = new ArrayList<>();
    for (int t = 0; t < TENANTS; t++) {
      var r = http.get("/api/v1/sources?limit=1000&order_by=asc&database_name=db-0", "token-" + t);
      out.add(r.statusCode() == 200 ? r.body() : "");
    }
    return out;
  }
}
