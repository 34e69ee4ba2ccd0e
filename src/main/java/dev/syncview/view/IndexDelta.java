package dev.syncview.view;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What replacing one row value by another does to the entries the row derives, and to the bucket
 * counts (IndexCounts) of the counted indexes. A row derives its index entries while listed, and a
 * member entry (ViewKeys#member) while it follows a source. A pure function of the two values, so
 * the store applies the very same change when a row is written and when it is restored or
 * replicated from the changelog, which holds the rows alone.
 *
 * @param removed entries the old value had and the new one has not
 * @param added entries the new value has and the old one had not
 * @param writes every entry to put, with its value: the added ones, and those whose carried item
 *     (Index#carriesItems) changed
 */
public record IndexDelta(List<byte[]> removed, List<byte[]> added, List<Entry> writes) {
  /**
   * Names what a row derives. Change it whenever {@link ViewKeys#indexEntries}, {@link Index},
   * {@link IndexCounts} or the member entries change what a row derives: a store built another way
   * is then rebuilt from its rows when it opens.
   */
  public static final String LAYOUT = "entries-3/counts-3/members-1";

  private static final byte[] EMPTY = new byte[0];

  /** An index entry's key and the value stored under it. */
  public record Entry(byte[] key, byte[] value) {}

  /** {@code before} and {@code after} may be null (no row). */
  public static IndexDelta between(byte[] rowKey, RowValue before, RowValue after) {
    String tenant = ViewKeys.tenantOf(rowKey);
    Map<ByteBuffer, byte[]> stale = entries(tenant, rowKey, before);
    Map<ByteBuffer, byte[]> fresh = entries(tenant, rowKey, after);
    // Only entries that change are touched: a status update moves the status indexes and
    // refreshes the items the others carry.
    List<byte[]> removed = new ArrayList<>();
    stale.keySet().forEach(key -> {
      if (!fresh.containsKey(key)) {
        removed.add(key.array());
      }
    });
    List<byte[]> added = new ArrayList<>();
    List<Entry> writes = new ArrayList<>();
    fresh.forEach((key, value) -> {
      byte[] old = stale.get(key);
      if (old == null) {
        added.add(key.array());
      }
      if (old == null || !Arrays.equals(old, value)) {
        writes.add(new Entry(key.array(), value));
      }
    });
    return new IndexDelta(removed, added, writes);
  }

  /** The net change of every bucket count the removed and added entries fall in, by count key. */
  public Map<ByteBuffer, Long> countDeltas() {
    Map<ByteBuffer, Long> deltas = new LinkedHashMap<>();
    for (byte[] entry : removed) {
      if (counted(entry)) {
        deltas.merge(ByteBuffer.wrap(IndexCounts.keyOf(entry)), -1L, Long::sum);
      }
    }
    for (byte[] entry : added) {
      if (counted(entry)) {
        deltas.merge(ByteBuffer.wrap(IndexCounts.keyOf(entry)), 1L, Long::sum);
      }
    }
    deltas.values().removeIf(d -> d == 0);
    return deltas;
  }

  private static boolean counted(byte[] entry) {
    return ViewKeys.tagOf(entry) == ViewKeys.INDEX && ViewKeys.indexOf(entry).counted();
  }

  private static Map<ByteBuffer, byte[]> entries(String tenant, byte[] rowKey, RowValue row) {
    if (row == null) {
      return Map.of();
    }
    Map<ByteBuffer, byte[]> out = new LinkedHashMap<>();
    if (row.live()) {
      for (byte[] entry : ViewKeys.indexEntries(tenant, row.attrs())) {
        out.put(ByteBuffer.wrap(entry), ViewKeys.indexOf(entry).carriesItems() ? row.itemJson() : EMPTY);
      }
    }
    if (row.sourceId() != null) {
      out.put(ByteBuffer.wrap(ViewKeys.member(row.sourceId(), rowKey)), EMPTY);
    }
    return out;
  }
}
