package dev.syncview.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncview.domain.Kind;
import dev.syncview.domain.StatusKind;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
    return live(version, attrs, "{}");
  }

  static RowValue live(long version, RowAttrs attrs, String item) {
    return RowValue.listed(version, attrs, item.getBytes(StandardCharsets.UTF_8), new byte[0]);
  }

  static final RowValue DELETED = RowValue.only(RowValue.State.DELETED, 0);
  static final RowValue WAITING = RowValue.waiting(1, new byte[0], new byte[0], SOURCE);
  static final RowValue HIDDEN = RowValue.only(RowValue.State.HIDDEN, 2);
  static final byte[] ROW = ViewKeys.row(TENANT, JOB);

  static final RowAttrs PENDING = attrs(StatusKind.PENDING, "docs", "a/b");
  /** Every index covers an S3 job with a source and an object key. */
  static final int ALL_INDEXES = Index.values().length;
  /** Indexes 4, 5, 6, 7 and 9 hold the status. */
  static final int STATUS_INDEXES = 5;
  /** Indexes 0 to 3, the ones list_sources reads, carry the item and keep bucket counts. */
  static final int CARRYING = 4;
  static final int CARRYING_WITH_DB = 2;
  /** A row following a source has one member entry. */
  static final int MEMBER = 1;

  static Stream<Arguments> changes() {
    return Stream.of(
        // change, before, after, removed, added, written, counts changed
        Arguments.of("a new row", null, live(1, PENDING), 0, ALL_INDEXES + MEMBER, ALL_INDEXES + MEMBER, CARRYING),
        Arguments.of("the same attributes and item again", live(1, PENDING), live(2, PENDING), 0, 0, 0, 0),
        Arguments.of("the same attributes, a new item", live(1, PENDING), live(2, PENDING, "{\"v\":2}"), 0, 0, CARRYING, 0),
        Arguments.of("a status change, the same item", live(1, PENDING), live(2, attrs(StatusKind.COMPLETE, "docs", "a/b")), STATUS_INDEXES, STATUS_INDEXES, STATUS_INDEXES, 0),
        Arguments.of("a status change and a new item", live(1, PENDING), live(2, attrs(StatusKind.COMPLETE, "docs", "a/b"), "{\"v\":2}"), STATUS_INDEXES, STATUS_INDEXES, STATUS_INDEXES + CARRYING, 0),
        Arguments.of("a database change and a new item", live(1, PENDING), live(2, attrs(StatusKind.PENDING, "wiki", "a/b"), "{\"v\":2}"), 4, 4, 4 + CARRYING - CARRYING_WITH_DB, 2 * CARRYING_WITH_DB),
        Arguments.of("a delete", live(1, PENDING), DELETED, ALL_INDEXES + MEMBER, 0, 0, CARRYING),
        Arguments.of("a delete of nothing", null, DELETED, 0, 0, 0, 0),
        Arguments.of("a row over a delete", DELETED, live(3, PENDING), 0, ALL_INDEXES + MEMBER, ALL_INDEXES + MEMBER, CARRYING),
        Arguments.of("a job waiting for its source", null, WAITING, 0, MEMBER, MEMBER, 0),
        Arguments.of("a waiting job listed", WAITING, live(1, PENDING), 0, ALL_INDEXES, ALL_INDEXES, CARRYING),
        Arguments.of("a listed job hidden", live(1, PENDING), HIDDEN, ALL_INDEXES + MEMBER, 0, 0, CARRYING));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changes")
  void shouldTouchOnlyTheEntriesThatDifferWhenARowChanges(
      String change, RowValue before, RowValue after, int removed, int added, int written, int counts) {
    // When the row changes
    IndexDelta delta = IndexDelta.between(ROW, before, after);

    // Then exactly the differing entries are removed, added or rewritten, and only the counted
    // indexes' buckets change, each once
    assertThat(delta.removed()).hasSize(removed);
    assertThat(delta.added()).hasSize(added);
    assertThat(delta.writes()).hasSize(written);
    Map<ByteBuffer, Long> deltas = delta.counts();
    assertThat(deltas).hasSize(counts);
    assertThat(deltas.values()).allMatch(d -> d == 1 || d == -1);
  }

  @Test
  void shouldStoreTheItemInExactlyTheEntriesOfTheIndexesListSourcesReads() {
    // Given a new row
    RowValue row = live(1, PENDING, "{\"id\":1}");

    // When its delta is taken
    IndexDelta delta = IndexDelta.between(ROW, null, row);

    // Then the entries of indexes 0-3 hold the item and the others (and the member) nothing
    assertThat(delta.writes()).allSatisfy(e -> {
      boolean carried = ViewKeys.tagOf(e.key()) == 'I' && ViewKeys.indexOf(e.key()).ordinal() <= 3;
      assertThat(e.value()).isEqualTo(carried ? row.itemJson() : new byte[0]);
    });
    assertThat(delta.writes().stream().filter(e -> e.value().length > 0)).hasSize(CARRYING);
  }

  @Test
  void shouldAddExactlyTheEntriesTheKeyLayoutGivesWhenARowIsNew() {
    // Given a new row
    RowValue row = live(1, PENDING);

    // When its delta is taken
    IndexDelta delta = IndexDelta.between(ROW, null, row);

    // Then it adds the row's index entries under the tenant, and its member entry
    List<String> expected = new java.util.ArrayList<>(ViewKeys.indexEntries(TENANT, PENDING).stream().map(IndexDeltaTest::hex).toList());
    expected.add(hex(ViewKeys.member(SOURCE, ROW)));
    assertThat(delta.added().stream().map(IndexDeltaTest::hex).sorted().toList()).isEqualTo(expected.stream().sorted().toList());
    assertThat(delta.added()).allSatisfy(e -> assertThat(ViewKeys.isDerived(e)).isTrue());
  }

  @Test
  void shouldNetAMoveWithinOneCountBucketToNothing() {
    // Given a row whose created_at moves by a millisecond, within its time bucket
    RowAttrs later = new RowAttrs(JOB, CREATED + 1, "docs", Kind.S3, StatusKind.PENDING, SOURCE, "a/b");

    // When its delta is taken
    IndexDelta delta = IndexDelta.between(ROW, live(1, PENDING), live(2, later));

    // Then every entry moves, but no bucket count changes
    assertThat(delta.removed()).hasSize(ALL_INDEXES);
    assertThat(delta.added()).hasSize(ALL_INDEXES);
    assertThat(delta.counts()).isEmpty();
  }

  private static String hex(byte[] b) {
    return java.util.HexFormat.of().formatHex(b);
  }
}
