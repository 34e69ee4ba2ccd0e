package dev.syncview.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which delete.retention.ms values keep an input topic's tombstones for as long as it lives. */
class TombstoneRetentionTest {

  @ParameterizedTest(name = "{0} -> keeps tombstones: {1}")
  @CsvSource({
    "0, false",
    "86400000, false", // Kafka's default, one day: what topics/ declared before
    "31535999999999, false", // just under a millennium
    "31536000000000, true",
    "9223372036854775807, true", // Long.MAX_VALUE, what topics/ declares
  })
  void shouldAcceptOnlyRetentionsThatKeepTombstonesForAsLongAsTheTopicLivesWhenChecked(long value, boolean keeps) {
    String problem = TombstoneRetention.problem("sync.jobs", value);

    assertThat(problem == null).isEqualTo(keeps);
    if (!keeps) {
      assertThat(problem)
          .contains("sync.jobs")
          .contains("--entity-name sync.jobs --add-config delete.retention.ms=9223372036854775807");
    }
  }
}
