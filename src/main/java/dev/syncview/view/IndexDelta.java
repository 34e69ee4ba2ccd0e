package dev.syncview.view;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What replacing one row value by another does to the entries the row derives, and to the bucket
 * counts (IndexCounts) of the counted indexes. A row derives one entry per index while listed, and
 * a member entry (ViewKeys#member) while it follows a source. A pure function of the two values, so
 * the store applies the very same change when a row is written and when it is restored or
 * replicated from the changelog, which holds the rows alone.
 *
 * <p>The two rows' entries are compared slot by slot (one slot per index, then the member): an
 * entry can only ever be replaced by the entry of its own slot, so no set of keys is built.
 *
 * @param removed entries the old value had and the new one has not
 * @param added entries the new value has and the old one had not
 * @param writes every entry to put, with its value: the added ones, and those whose carried item
 *     (Index#carriesItems) changed
 * @param counts the net change of every bucket count the removed and added entries fall in, by
 *     count key (none zero)
 */
public record IndexDelta(
    List<byte[]> removed, List<byte[]> added, List<Entry> writes, Map<ByteBuffer, Long> counts) {
  /**
   * Names what a row derives. Change it whenever {@link ViewKeys#indexEntries}, {@link Index},
   * {@link IndexCounts} or the member entries change what a row derives: a store built another way
   * is then rebuilt from its rows when it opens.
   */
  public static final String LAYOUT = "entries-3/counts-3/members-1";

  private static final byte[] EMPTY = new byte[0];
  private static final Index[] INDEXES = Index.values();
  /** One slot per index, then the member entry. */
  private static final int SLOTS = INDEXES.length + 1;

  /** An index entry's key and the value stored under it. */
  public record Entry(byte[] key, byte[] value) {}

  /** {@code before} and {@code after} may be null (no row). */
  public static IndexDelta between(byte[] rowKey, RowValue before, RowValue after) {
    String tenant = ViewKeys.tenantOf(rowKey);
    Entry[] stale = entries(tenant, rowKey, before);
    Entry[] fresh = entries(tenant, rowKey, after);
    List<byte[]> removed = new ArrayList<>(SLOTS);
    List<byte[]> added = new ArrayList<>(SLOTS);
    List<Entry> writes = new ArrayList<>(SLOTS);
    Map<ByteBuffer, Long> counts = new LinkedHashMap<>(8);
    for (int slot = 0; slot < SLOTS; slot++) {
      Entry b = stale[slot];
      Entry a = fresh[slot];
      boolean same = b != null && a != null && Arrays.equals(b.key, a.key);
      if (same) {
        // A status update lands here for every index but the status ones: only a carried item may change.
        if (!Arrays.equals(b.value, a.value)) {
          writes.add(a);
        }
        continue;
      }
      if (b != null) {
        removed.add(b.key);
        count(counts, slot, b.key, -1);
      }
      if (a != null) {
        added.add(a.key);
        writes.add(a);
        count(counts, slot, a.key, 1);
      }
    }
    counts.values().removeIf(d -> d == 0);
    return new IndexDelta(removed, added, writes, counts);
  }

  /** The counts an entry change moves; a move within one bucket of one prefix nets to nothing. */
  private static void count(Map<ByteBuffer, Long> counts, int slot, byte[] entry, long delta) {
    if (slot < INDEXES.length && INDEXES[slot].counted()) {
      counts.merge(ByteBuffer.wrap(IndexCounts.keyOf(entry)), delta, Long::sum);
    }
  }

  private static Entry[] entries(String tenant, byte[] rowKey, RowValue row) {
    Entry[] out = new Entry[SLOTS];
    if (row == null) {
      return out;
    }
    if (row.live()) {
      for (byte[] entry : ViewKeys.indexEntries(tenant, row.attrs())) {
        Index index = ViewKeys.indexOf(entry);
        out[index.ordinal()] = new Entry(entry, index.carriesItems() ? row.itemJson() : EMPTY);
      }
    }
    if (row.sourceId() != null) {
      out[SLOTS - 1] = new Entry(ViewKeys.member(row.sourceId(), rowKey), EMPTY);
    }
    return out;
  }
}
