package dev.syncview.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncview.domain.DeadLetterReason;
import dev.syncview.ingest.Decoded;
import dev.syncview.rules.SnapshotRule.Held;
import dev.syncview.rules.SnapshotRule.Verdict;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rules 1, 2 and 5 of events.md as one table: what is held for an id, the record that arrives,
 * and what every gate (sources, jobs, keys) and the view then do.
 */
class SnapshotRuleTest {
  static final DeadLetterReason UNREADABLE = DeadLetterReason.MALFORMED_JSON;
  static final DeadLetterReason INVALID = DeadLetterReason.INVALID_FIELD;

  static final Decoded<String> TOMBSTONE = new Decoded.Tombstone<>();
  static final Decoded<String> NO_VERSION = new Decoded.Unreadable<>(UNREADABLE, "no version");

  static Decoded<String> valid(long version) {
    return new Decoded.Snapshot<>(version, false, new Decoded.Valid<>("v" + version));
  }

  static Decoded<String> invalid(long version) {
    return new Decoded.Snapshot<>(version, false, new Decoded.Invalid<>(INVALID, "bad"));
  }

  static Decoded<String> marker(long version) {
    return new Decoded.Snapshot<>(version, true, new Decoded.Valid<>("gone"));
  }

  static Decoded<String> invalidMarker(long version) {
    return new Decoded.Snapshot<>(version, true, new Decoded.Invalid<>(INVALID, "bad marker"));
  }

  static final Verdict<String> IGNORE = new Verdict.Ignore<>();
  static final Verdict<String> DELETE = new Verdict.Delete<>();

  static Verdict<String> deadLetter(DeadLetterReason reason) {
    return new Verdict.DeadLetter<>(reason);
  }

  static Verdict<String> apply(long version) {
    return new Verdict.Apply<>(version, "v" + version);
  }

  static Stream<Arguments> table() {
    Held at5 = SnapshotRule.applied(5);
    return Stream.of(
        // held, record, verdict
        Arguments.of(SnapshotRule.NOTHING, valid(1), apply(1)),
        Arguments.of(SnapshotRule.NOTHING, invalid(1), deadLetter(INVALID)),
        Arguments.of(SnapshotRule.NOTHING, NO_VERSION, deadLetter(UNREADABLE)),
        Arguments.of(SnapshotRule.NOTHING, TOMBSTONE, DELETE),
        Arguments.of(SnapshotRule.NOTHING, marker(1), DELETE),
        Arguments.of(SnapshotRule.NOTHING, invalidMarker(1), deadLetter(INVALID)),
        Arguments.of(at5, valid(6), apply(6)),
        Arguments.of(at5, valid(5), IGNORE),
        Arguments.of(at5, valid(4), IGNORE),
        Arguments.of(at5, valid(Long.MAX_VALUE), apply(Long.MAX_VALUE)),
        Arguments.of(at5, invalid(6), deadLetter(INVALID)),
        Arguments.of(at5, invalid(5), IGNORE),
        Arguments.of(at5, invalid(1), IGNORE),
        Arguments.of(at5, NO_VERSION, deadLetter(UNREADABLE)),
        Arguments.of(at5, TOMBSTONE, DELETE),
        Arguments.of(at5, marker(1), DELETE),
        Arguments.of(at5, marker(9), DELETE),
        Arguments.of(at5, invalidMarker(9), deadLetter(INVALID)),
        Arguments.of(at5, invalidMarker(2), IGNORE),
        Arguments.of(SnapshotRule.DELETED, valid(99), IGNORE),
        Arguments.of(SnapshotRule.DELETED, invalid(99), IGNORE),
        Arguments.of(SnapshotRule.DELETED, NO_VERSION, IGNORE),
        Arguments.of(SnapshotRule.DELETED, TOMBSTONE, IGNORE),
        Arguments.of(SnapshotRule.DELETED, marker(99), IGNORE),
        Arguments.of(SnapshotRule.ELSEWHERE, valid(3), apply(3)),
        Arguments.of(SnapshotRule.ELSEWHERE, invalid(3), new Verdict.Refuse<String>(3, INVALID)),
        Arguments.of(SnapshotRule.ELSEWHERE, NO_VERSION, deadLetter(UNREADABLE)),
        Arguments.of(SnapshotRule.ELSEWHERE, TOMBSTONE, DELETE),
        Arguments.of(SnapshotRule.ELSEWHERE, marker(3), DELETE));
  }

  @ParameterizedTest(name = "[{index}] holding {0}, {1} -> {2}")
  @MethodSource("table")
  void shouldJudgeEachRecordByWhatIsHeldWhenItArrives(Held held, Decoded<String> record, Verdict<String> expected) {
    // Given what a stage holds for the id, When a record for it arrives
    Verdict<String> verdict = SnapshotRule.judge(held, record);

    // Then it is applied, ignored, deleted or dead-lettered as events.md orders
    assertThat(verdict).isEqualTo(expected);
  }

  static Stream<Arguments> versions() {
    return Stream.of(
        Arguments.of(SnapshotRule.NOTHING, 0L, true),
        Arguments.of(SnapshotRule.applied(0), 0L, false),
        Arguments.of(SnapshotRule.applied(0), 1L, true),
        Arguments.of(SnapshotRule.applied(7), 6L, false),
        Arguments.of(SnapshotRule.applied(Long.MAX_VALUE), Long.MAX_VALUE, false),
        Arguments.of(SnapshotRule.DELETED, Long.MAX_VALUE, false),
        Arguments.of(SnapshotRule.ELSEWHERE, 1L, true));
  }

  @ParameterizedTest(name = "[{index}] holding {0}, version {1} applies: {2}")
  @MethodSource("versions")
  void shouldApplyOnlyStrictlyNewerVersionsWhenNotDeleted(Held held, long version, boolean applies) {
    assertThat(SnapshotRule.applies(held, version)).isEqualTo(applies);
  }
}
