package dev.syncview.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncview.query.Order;
import dev.syncview.testing.Events;
import dev.syncview.testing.Json;
import dev.syncview.testing.ProjectionHarness;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Rules 1 to 4 of events.md, driven through the real topology. */
class EventRulesTest {
  static final String SRC = "0b6b1f8e-2c55-4a8e-9a7e-3f3c2b1d4e5f";
  static final String SRC2 = "1c7c2f9f-3d66-4b9f-8b8f-4f4d3c2e5f60";
  static final String JOB = "7d0c6d58-5f0e-4b7a-9a51-0d1f1b2f6e10";
  static final String JOB2 = "8e1d7e69-6a1f-4c8b-8b62-1e2a2c3f7a21";

  ProjectionHarness h;

  @BeforeEach
  void setUp() {
    h = new ProjectionHarness();
    h.key(Events.apiKey("k1", "acme", "tok", null));
    h.key(Events.apiKey("k2", "other", "tok2", null));
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  String status(String jobId) {
    for (byte[] item : h.api().list(h.login("tok"), ProjectionHarness.query(null, null, 1000, 0, Order.DESC)).items()) {
      var node = Json.parse(item);
      if (node.get("id").asText().equals(jobId)) {
        return Json.write(node.get("status"));
      }
    }
    return null;
  }

  String database(String jobId) {
    for (byte[] item : h.api().list(h.login("tok"), ProjectionHarness.query(null, null, 1000, 0, Order.DESC)).items()) {
      var node = Json.parse(item);
      if (node.get("id").asText().equals(jobId)) {
        return node.get("metadata").get("database_name").asText();
      }
    }
    return null;
  }

  @Nested
  class Versions {
    @Test
    void shouldIgnoreAnOlderVersionArrivingAfterANewerOne() {
      h.source(Events.githubSource(SRC, "acme", "docs"));
      h.job(Events.job(JOB, "acme", SRC).version(3).set("status", "processing"));

      h.job(Events.job(JOB, "acme", SRC).version(2).set("status", "pending"));

      assertThat(status(JOB)).isEqualTo("\"processing\"");
    }

    @Test
    void shouldIgnoreADuplicateOfTheAppliedVersion() {
      h.source(Events.githubSource(SRC, "acme", "docs"));
      h.job(Events.job(JOB, "acme", SRC).version(3).set("status", "processing"));

      h.job(Events.job(JOB, "acme", SRC).version(3).set("status", "cancelled"));

      assertThat(status(JOB)).isEqualTo("\"processing\"");
      assertThat(h.deadLetters()).isEmpty();
    }

    @Test
    void shouldApplyANewerVersion() {
      h.source(Events.githubSource(SRC, "acme", "docs"));
      h.job(Events.job(JOB, "acme", SRC).version(1));

      h.job(Events.job(JOB, "acme", SRC).version(2).setJson("status", "{\"failed\":{\"error\":\"boom\"}}"));

      assertThat(status(JOB)).isEqualTo("{\"failed\":{\"error\":\"boom\"}}");
    }

    @Test
    void shouldIgnoreAStaleSourceVersion() {
      h.source(Events.githubSource(SRC, "acme", "docs").version(4));
      h.job(Events.job(JOB, "acme", SRC));

      h.source(Events.githubSource(SRC, "acme", "elsewhere").version(2));

      assertThat(database(JOB)).isEqualTo("docs");
    }

    @Test
    void shouldNotLetAnInvalidNewerVersionReplaceTheListedOne() {
      h.source(Events.githubSource(SRC, "acme", "docs"));
      h.job(Events.job(JOB, "acme", SRC).version(1));

      h.job(Events.job(JOB, "acme", SRC).version(2).set("status", "bogus"));

      assertThat(status(JOB)).isEqualTo("\"pending\"");
    }
  }

  @Nested
  class Deletes {
    @Test
    void shouldRemoveAJobOnATombstoneAndNeverBringItBack() {
      h.source(Events.githubSource(SRC, "acme", "docs"));
      h.job(Events.job(JOB, "acme", SRC).version(2));

      h.job(JOB, null);
      h.job(Events.job(JOB, "acme", SRC).version(1));
      h.job(Events.job(JOB, "acme", SRC).version(9));

      assertThat(h.ids("tok")).isEmpty();
    }

    @Test
    void shouldRememberATombstoneForAJobNeverSeen() {
      h.source(Events.githubSource(SRC, "acme", "docs"));

      h.job(JOB, null);
      h.job(Events.job(JOB, "acme", SRC).version(7));

      assertThat(h.ids("tok")).isEmpty();
    }

    @Test
    void shouldHideAllJobsOfADeletedSourceForGood() {
      h.source(Events.githubSource(SRC, "acme", "docs"));
      h.job(Events.job(JOB, "acme", SRC)).job(Events.job(JOB2, "acme", SRC));

      h.source(Events.githubSource(SRC, "acme", "docs").version(2).set("deleted", true));
      h.source(Events.githubSource(SRC, "acme", "docs").version(3));
      h.job(Events.job(JOB, "acme", SRC).version(5));

      assertThat(h.ids("tok")).isEmpty();
      assertThat(h.deadLetters()).isEmpty();
    }

    @Test
    void shouldDeleteAJobOnADeletedMarkerWhateverItsVersion() {
      h.source(Events.githubSource(SRC, "acme", "docs"));
      h.job(Events.job(JOB, "acme", SRC).version(4));

      h.job(Events.job(JOB, "acme", SRC).version(2).set("deleted", true));
      h.job(Events.job(JOB, "acme", SRC).version(9));

      assertThat(h.ids("tok")).isEmpty();
    }

    @Test
    void shouldRevokeAKeyOnADeletedMarker() {
      h.key(Events.apiKey("k9", "acme", "tok9", null).version(3));

      h.key(Events.apiKey("k9", "acme", "tok9", null).version(1).set("deleted", true));

      org.assertj.core.api.Assertions.assertThatThrownBy(() -> h.login("tok9"))
          .isInstanceOf(dev.syncview.query.ApiException.Unauthorized.class);
    }

    @Test
    void shouldDeleteOnAStaleDeleteMarker() {
      h.source(Events.githubSource(SRC, "acme", "docs").version(5));
      h.job(Events.job(JOB, "acme", SRC));

      h.source(Events.githubSource(SRC, "acme", "docs").version(1).set("deleted", true));

      assertThat(h.ids("tok")).isEmpty();
    }

    @Test
    void shouldDeleteASourceOnATombstoneWithUpperCaseKey() {
      h.source(Events.githubSource(SRC, "acme", "docs"));
      h.job(Events.job(JOB, "acme", SRC));

      h.source(SRC.toUpperCase(), null);

      assertThat(h.ids("tok")).isEmpty();
    }

    @Test
    void shouldKeepADeletedSourcesDatabaseExisting() {
      h.source(Events.githubSource(SRC, "acme", "docs"));

      h.source(SRC, null);

      assertThat(h.ids("tok", ProjectionHarness.query("docs", null, 10, 0, Order.DESC))).isEmpty();
    }
  }

  @Nested
  class Values {
    @Test
    void shouldServeNumbersOfKeptJsonExactlyAsGiven() {
      h.source(Events.s3Source(SRC, "acme", "docs"));

      h.job(
          Events.job(JOB, "acme", SRC)
              .setJson("additional_metadata", "{\"a\":1e400,\"b\":1.10,\"c\":12345678901234567890123,\"d\":0.1000000000000000055511151231257827}"));

      String item = new String(h.api().list(h.login("tok"), ProjectionHarness.query(null, null, 10, 0, Order.DESC)).items().get(0), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(item)
          .contains("\"additional_metadata\":{\"a\":1E+400,\"b\":1.10,\"c\":12345678901234567890123,\"d\":0.1000000000000000055511151231257827}");
    }

    @Test
    void shouldAcceptOffsetsUpTo23Hours59() {
      h.source(Events.githubSource(SRC, "acme", "docs"));

      h.job(Events.job(JOB, "acme", SRC).createdAt("2026-01-01T00:00:00+23:59"));

      String item = new String(h.api().list(h.login("tok"), ProjectionHarness.query(null, null, 10, 0, Order.DESC)).items().get(0), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(item).contains("\"created_at\":\"2025-12-31T00:01:00.000Z\"");
    }

    @Test
    void shouldIgnoreAnUnknownFieldHoldingALongNumber() {
      h.source(Events.githubSource(SRC, "acme", "docs"));

      h.job(Events.job(JOB, "acme", SRC).setJson("unknown_extra", "1".repeat(5000)));

      assertThat(h.ids("tok")).containsExactly(JOB);
    }
  }

  @Nested
  class CrossTopicOrder {
    @Test
    void shouldHoldAJobBackUntilItsSourceArrives() {
      h.job(Events.job(JOB, "acme", SRC));
      assertThat(h.ids("tok")).isEmpty();
      assertThat(h.deadLetters()).isEmpty();

      h.source(Events.githubSource(SRC, "acme", "docs"));

      assertThat(h.ids("tok")).containsExactly(JOB);
    }

    @Test
    void shouldReshapeAllJobsWhenTheSourceMovesDatabase() {
      h.source(Events.githubSource(SRC, "acme", "docs"));
      h.job(Events.job(JOB, "acme", SRC)).job(Events.job(JOB2, "acme", SRC));

      h.source(Events.githubSource(SRC, "acme", "archive").version(2));

      assertThat(database(JOB)).isEqualTo("archive");
      assertThat(database(JOB2)).isEqualTo("archive");
      assertThat(h.ids("tok", ProjectionHarness.query("docs", null, 10, 0, Order.DESC))).isEmpty();
      assertThat(h.ids("tok", ProjectionHarness.query("archive", null, 10, 0, Order.DESC)))
          .containsExactlyInAnyOrder(JOB, JOB2);
    }

    @Test
    void shouldMoveAJobWhoseNewVersionNamesAnotherSource() {
      h.source(Events.githubSource(SRC, "acme", "docs"));
      h.source(Events.webSource(SRC2, "acme", "web"));
      h.job(Events.job(JOB, "acme", SRC));

      h.job(Events.job(JOB, "acme", SRC2).version(2));

      assertThat(database(JOB)).isEqualTo("web");
      assertThat(h.ids("tok")).containsExactly(JOB);
    }

    @Test
    void shouldTakeAJobToItsNewSourceEvenWhenThatSourceIsNotThereYet() {
      h.source(Events.githubSource(SRC, "acme", "docs"));
      h.job(Events.job(JOB, "acme", SRC));

      h.job(Events.job(JOB, "acme", SRC2).version(2));
      assertThat(h.ids("tok")).isEmpty();
      h.source(Events.s3Source(SRC2, "acme", "bucket-db"));

      assertThat(database(JOB)).isEqualTo("bucket-db");
    }

    @Test
    void shouldListASourcelessJobWithTheMetadataItCarries() {
      h.job(Events.sourcelessJob(JOB, "acme", "loose-db"));

      assertThat(database(JOB)).isEqualTo("loose-db");
    }
  }

  @Nested
  class Tenancy {
    @Test
    void shouldNeverListAJobWhoseTenantDiffersFromItsSourcesAndDeadLetterItOnce() {
      h.source(Events.githubSource(SRC, "acme", "docs"));

      h.job(Events.job(JOB, "other", SRC));
      h.source(Events.githubSource(SRC, "acme", "docs2").version(2));

      assertThat(h.ids("tok")).isEmpty();
      assertThat(h.ids("tok2")).isEmpty();
      List<TestRecord<byte[], byte[]>> dead = h.deadLetters();
      assertThat(dead).hasSize(1);
      assertThat(DeadLetterRulesTest.header(dead.get(0), "dlq.reason")).isEqualTo("tenant-mismatch");
    }

    @Test
    void shouldDeadLetterAWaitingMismatchedJobWhenItsSourceArrives() {
      h.job(Events.job(JOB, "other", SRC));
      assertThat(h.deadLetters()).isEmpty();

      h.source(Events.githubSource(SRC, "acme", "docs"));

      assertThat(h.deadLetters()).hasSize(1);
      assertThat(h.ids("tok")).isEmpty();
      assertThat(h.ids("tok2")).isEmpty();
    }

    @Test
    void shouldDeadLetterAJobSnapshotThatChangesTenantAndKeepTheOldOne() {
      // Given a listed job of acme
      h.source(Events.githubSource(SRC, "acme", "docs"));
      h.job(Events.job(JOB, "acme", SRC));

      // When a newer snapshot names another tenant, then a stale one does
      h.job(Events.job(JOB, "other", SRC).version(2));
      h.job(Events.job(JOB, "other", SRC).version(1));

      // Then the newer one is dead-lettered (a job's tenant is immutable), the stale one ignored,
      // and the job stays as it was
      assertThat(h.ids("tok")).containsExactly(JOB);
      assertThat(h.ids("tok2")).isEmpty();
      assertThat(h.deadLetters()).extracting(d -> DeadLetterRulesTest.header(d, "dlq.reason"))
          .containsExactly("tenant-mismatch");
    }

    @Test
    void shouldDeadLetterASourceSnapshotThatChangesTenantAndKeepTheOldOne() {
      h.source(Events.githubSource(SRC, "acme", "docs"));
      h.job(Events.job(JOB, "acme", SRC));

      h.source(Events.githubSource(SRC, "other", "docs").version(2));

      assertThat(h.ids("tok")).containsExactly(JOB);
      assertThat(h.ids("tok2")).isEmpty();
      assertThat(DeadLetterRulesTest.header(h.deadLetters().get(0), "dlq.reason"))
          .isEqualTo("tenant-mismatch");
    }

    @Test
    void shouldDeadLetterASourceSnapshotThatChangesTypeKey() {
      h.source(Events.githubSource(SRC, "acme", "docs"));

      h.source(Events.webSource(SRC, "acme", "docs").version(2));

      assertThat(DeadLetterRulesTest.header(h.deadLetters().get(0), "dlq.reason"))
          .isEqualTo("type-keys");
    }

    @Test
    void shouldKeepEachTenantsListingToItself() {
      h.source(Events.githubSource(SRC, "acme", "docs"));
      h.source(Events.githubSource(SRC2, "other", "docs"));

      h.job(Events.job(JOB, "acme", SRC)).job(Events.job(JOB2, "other", SRC2));

      assertThat(h.ids("tok")).containsExactly(JOB);
      assertThat(h.ids("tok2")).containsExactly(JOB2);
    }
  }
}
