package dev.syncview.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncview.domain.Kind;
import dev.syncview.domain.StatusKind;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The index change a row change implies: the store applies it on write, on restore and on
 * standbys, so it must touch exactly the entries that differ and count each once.
 */
class IndexDeltaTest {
  static final String TENANT = "acme";
  static final String JOB = "3f2a1c9e-0000-4000-8000-000000000001";
  static final String SOURCE = "3f2a1c9e-0000-4000-8000-0000000000aa";
  static final long CREATED = 1_780_000_000_000L;

  static RowAttrs attrs(StatusKind status, String database, String objectKey) {
    return new RowAttrs(JOB, CREATED, database, Kind.S3, status, SOURCE, objectKey);
  }

  static RowValue live(long version, RowAttrs attrs) {
    return new RowValue(version, SOURCE, attrs, "{}".getBytes());
  }

  static final RowAttrs PENDING = attrs(StatusKind.PENDING, "docs", "a/b");
  /** Every index covers an S3 job with a source and an object key. */
  static final int ALL_INDEXES = Index.values().length;
  /** Indexes 4, 5, 6, 7 and 9 hold the status. */
  static final int STATUS_INDEXES = 5;

  static Stream<Arguments> changes() {
    return Stream.of(
        Arguments.of("a new row", null, live(1, PENDING), 0, ALL_INDEXES),
        Arguments.of("the same attributes again", live(1, PENDING), live(2, PENDING), 0, 0),
        Arguments.of("a status change", live(1, PENDING), live(2, attrs(StatusKind.COMPLETE, "docs", "a/b")), STATUS_INDEXES, STATUS_INDEXES),
        Arguments.of("a database change", live(1, PENDING), live(2, attrs(StatusKind.PENDING, "wiki", "a/b")), 4, 4),
        Arguments.of("a removal (marker)", live(1, PENDING), RowValue.marker(2, SOURCE), ALL_INDEXES, 0),
        Arguments.of("a marker over nothing", null, RowValue.marker(2, SOURCE), 0, 0),
        Arguments.of("a row over a marker", RowValue.marker(2, SOURCE), live(3, PENDING), 0, ALL_INDEXES));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changes")
  void shouldTouchOnlyTheEntriesThatDifferWhenARowChanges(
      String change, RowValue before, RowValue after, int removed, int added) {
    // When the row changes
    IndexDelta delta = IndexDelta.between(TENANT, before, after);

    // Then exactly the differing entries are removed and added, each counted once in its bucket
    assertThat(delta.removed()).hasSize(removed);
    assertThat(delta.added()).hasSize(added);
    Map<ByteBuffer, Long> counts = delta.countDeltas();
    assertThat(counts).hasSize(removed + added);
    assertThat(counts.values().stream().filter(d -> d == -1)).hasSize(removed);
    assertThat(counts.values().stream().filter(d -> d == 1)).hasSize(added);
  }

  @Test
  void shouldAddExactlyTheEntriesTheKeyLayoutGivesWhenARowIsNew() {
    // Given a new row
    RowValue row = live(1, PENDING);

    // When its delta is taken
    IndexDelta delta = IndexDelta.between(TENANT, null, row);

    // Then it adds the row's index entries, all under the tenant
    List<String> expected = ViewKeys.indexEntries(TENANT, PENDING).stream().map(IndexDeltaTest::hex).sorted().toList();
    assertThat(delta.added().stream().map(IndexDeltaTest::hex).sorted().toList()).isEqualTo(expected);
    assertThat(delta.added()).allSatisfy(e -> assertThat(ViewKeys.tenantOf(e)).isEqualTo(TENANT));
    assertThat(delta.added()).allSatisfy(e -> assertThat(ViewKeys.isDerived(e)).isTrue());
  }

  @Test
  void shouldNetAMoveWithinOneCountBucketToNothing() {
    // Given two entries of one index prefix and bucket (as a key with the same prefix gives)
    byte[] entry = ViewKeys.indexEntries(TENANT, PENDING).get(0);
    IndexDelta delta = new IndexDelta(List.of(entry), List.of(entry.clone()));

    // Then their count changes cancel and nothing is written for the bucket
    assertThat(delta.countDeltas()).isEmpty();
  }

  private static String hex(byte[] b) {
    return java.util.HexFormat.of().formatHex(b);
  }
}
