package dev.syncview.view;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What replacing one row value by another does to the row's index entries and to the bucket
 * counts (IndexCounts) those entries are counted in. A pure function of the two values, so the
 * store applies the very same change when a row is written and when it is restored or replicated
 * from the changelog, which holds the rows alone.
 *
 * @param removed entries the old value had and the new one has not
 * @param added entries the new value has and the old one had not
 */
public record IndexDelta(List<byte[]> removed, List<byte[]> added) {
  /**
   * Names what a row derives. Change it whenever {@link ViewKeys#indexEntries}, {@link Index} or
   * {@link IndexCounts} change the entries or counts of a row: a store built another way is then
   * rebuilt from its rows when it opens.
   */
  public static final String LAYOUT = "entries-1/counts-2";

  /** {@code before} and {@code after} may be null (no row) or markers (a removed row). */
  public static IndexDelta between(String tenant, RowValue before, RowValue after) {
    Set<ByteBuffer> stale = entries(tenant, before);
    Set<ByteBuffer> fresh = entries(tenant, after);
    // Only entries that change are touched: a status change moves the status indexes alone.
    return new IndexDelta(minus(stale, fresh), minus(fresh, stale));
  }

  /** The net change of every bucket count the removed and added entries fall in, by count key. */
  public Map<ByteBuffer, Long> countDeltas() {
    Map<ByteBuffer, Long> deltas = new LinkedHashMap<>();
    for (byte[] entry : removed) {
      deltas.merge(ByteBuffer.wrap(IndexCounts.keyOf(entry)), -1L, Long::sum);
    }
    for (byte[] entry : added) {
      deltas.merge(ByteBuffer.wrap(IndexCounts.keyOf(entry)), 1L, Long::sum);
    }
    deltas.values().removeIf(d -> d == 0);
    return deltas;
  }

  private static Set<ByteBuffer> entries(String tenant, RowValue row) {
    if (row == null || !row.live()) {
      return Set.of();
    }
    Set<ByteBuffer> out = new HashSet<>();
    for (byte[] entry : ViewKeys.indexEntries(tenant, row.attrs())) {
      out.add(ByteBuffer.wrap(entry));
    }
    return out;
  }

  private static List<byte[]> minus(Set<ByteBuffer> a, Set<ByteBuffer> b) {
    List<byte[]> out = new ArrayList<>(a.size());
    for (ByteBuffer entry : a) {
      if (!b.contains(entry)) {
        out.add(entry.array());
      }
    }
    return out;
  }
}
