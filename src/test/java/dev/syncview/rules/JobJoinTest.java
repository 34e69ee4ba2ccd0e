package dev.syncview.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncview.domain.DeadLetterReason;
import dev.syncview.domain.GitRef;
import dev.syncview.domain.Job;
import dev.syncview.domain.JobStatus;
import dev.syncview.domain.KindDetail;
import dev.syncview.domain.SourceFacts;
import dev.syncview.domain.SourceType;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A job against its source's facts (events.md): listed with the source's details, or refused. */
class JobJoinTest {
  static final String SOURCE = "3f2a1c9e-0000-4000-8000-0000000000aa";
  static final String JOB = "3f2a1c9e-0000-4000-8000-000000000001";

  static SourceFacts source(SourceType type, String tenant) {
    return new SourceFacts(SOURCE, tenant, "docs-db", type, type == SourceType.S3 ? "bucket" : null,
        type == SourceType.S3 ? "s3-default" : null);
  }

  static Job job(String tenant, String collection, GitRef ref) {
    return new Job(JOB, tenant, SOURCE, 1_780_000_000_000L, 1, new JobStatus.Pending(), collection, ref,
        "reports/a.pdf", "doc-1", null, null);
  }

  static final GitRef MAIN = new GitRef.Branch("main");

  static Stream<Arguments> joins() {
    return Stream.of(
        // source, job, listed with collection / refused with reason
        Arguments.of(source(SourceType.GITHUB, "acme"), job("acme", "c", MAIN), "c", null),
        Arguments.of(source(SourceType.GITHUB, "acme"), job("acme", "c", null), null, DeadLetterReason.MISSING_FIELD),
        Arguments.of(source(SourceType.GITHUB, "acme"), job("acme", null, MAIN), null, DeadLetterReason.MISSING_FIELD),
        Arguments.of(source(SourceType.WEB_SCRAPE, "acme"), job("acme", "w", null), "w", null),
        Arguments.of(source(SourceType.WEB_SCRAPE, "acme"), job("acme", null, null), null, DeadLetterReason.MISSING_FIELD),
        Arguments.of(source(SourceType.FILE_UPLOAD, "acme"), job("acme", "f", null), "f", null),
        Arguments.of(source(SourceType.S3, "acme"), job("acme", "own", null), "own", null),
        Arguments.of(source(SourceType.S3, "acme"), job("acme", null, null), "s3-default", null),
        Arguments.of(source(SourceType.S3, "globex"), job("acme", "own", null), null, DeadLetterReason.TENANT_MISMATCH),
        Arguments.of(source(SourceType.GITHUB, "globex"), job("acme", null, null), null, DeadLetterReason.TENANT_MISMATCH));
  }

  @ParameterizedTest(name = "[{index}] {0} / {1}")
  @MethodSource("joins")
  void shouldListAJobWithItsSourcesDetailsOrRefuseItWithTheReason(
      SourceFacts source, Job job, String collection, DeadLetterReason reason) {
    JoinOutcome outcome = JobJoin.join(source, job);

    if (reason == null) {
      assertThat(outcome).isInstanceOf(JoinOutcome.Listed.class);
      JoinOutcome.Listed listed = (JoinOutcome.Listed) outcome;
      assertThat(listed.item().metadata().collectionName()).isEqualTo(collection);
      assertThat(listed.item().metadata().databaseName()).isEqualTo("docs-db");
      assertThat(listed.item().sourceId()).isEqualTo(SOURCE);
    } else {
      assertThat(outcome).isInstanceOf(JoinOutcome.Rejected.class);
      assertThat(((JoinOutcome.Rejected) outcome).reason()).isEqualTo(reason);
    }
  }

  @Test
  void shouldCarryTheS3BucketObjectKeyAndCustomIdWhenAnS3JobIsListed() {
    // Given an S3 source and a job of its tenant with its own object key
    JoinOutcome outcome = JobJoin.join(source(SourceType.S3, "acme"), job("acme", null, null));

    // Then the item names the source's bucket and the job's object key and custom id
    KindDetail.S3 s3 = (KindDetail.S3) ((JoinOutcome.Listed) outcome).item().metadata().detail();
    assertThat(s3.bucketName()).isEqualTo("bucket");
    assertThat(s3.objectKey()).isEqualTo("reports/a.pdf");
    assertThat(s3.customId()).isEqualTo("doc-1");
  }
}
