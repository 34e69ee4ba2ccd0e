package dev.syncview.query;

import dev.syncview.view.ViewKeys;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads one page of index keys under one or more disjoint prefixes (one per database a scoped key
 * may see), merged in listing order. It touches at most {@code offset + limit} entries plus one
 * per prefix, whatever else the store holds.
 */
final class IndexScan {
  /** Orders index keys by their (created_at, job id) suffix, the listing order. */
  private static final Comparator<byte[]> BY_SUFFIX =
      (a, b) ->
          Arrays.compareUnsigned(
              a, a.length - ViewKeys.ORDER_SUFFIX, a.length,
              b, b.length - ViewKeys.ORDER_SUFFIX, b.length);

  private IndexScan() {}

  /**
   * @param after the position of the last item already seen, or null: the scan starts right after
   *     it (a seek, so a cursor page costs the same at any depth)
   */
  static List<byte[]> page(
      ReadOnlyKeyValueStore<Bytes, byte[]> store,
      List<byte[]> prefixes,
      Order order,
      long offset,
      int limit,
      Position after) {
    List<byte[]> out = new ArrayList<>(Math.min(limit, 1024));
    if (limit == 0 || prefixes.isEmpty()) {
      return out;
    }
    Comparator<Head> cmp = Comparator.comparing(h -> h.key, BY_SUFFIX);
    PriorityQueue<Head> heads = new PriorityQueue<>(order == Order.ASC ? cmp : cmp.reversed());
    try (Iterators open = new Iterators()) {
      for (byte[] prefix : prefixes) {
        byte[] seen = after == null ? null : ViewKeys.at(prefix, after.createdAt(), after.jobId());
        Head head = new Head(open.add(scan(store, prefix, order, seen)), seen);
        if (head.advance()) {
          heads.add(head);
        }
      }
      long skipped = 0;
      while (!heads.isEmpty() && out.size() < limit) {
        Head head = heads.poll();
        if (skipped < offset) {
          skipped++;
        } else {
          out.add(head.key);
        }
        if (head.advance()) {
          heads.add(head);
        }
      }
    }
    return out;
  }

  /** The prefix's entries in listing order, starting at {@code seen} (inclusive) if given. */
  private static KeyValueIterator<Bytes, byte[]> scan(
      ReadOnlyKeyValueStore<Bytes, byte[]> store, byte[] prefix, Order order, byte[] seen) {
    Bytes low = Bytes.wrap(ViewKeys.lowest(prefix));
    Bytes high = Bytes.wrap(ViewKeys.highest(prefix));
    if (order == Order.ASC) {
      return store.range(seen == null ? low : Bytes.wrap(seen), high);
    }
    return store.reverseRange(low, seen == null ? high : Bytes.wrap(seen));
  }

  private static final class Head {
    private final KeyValueIterator<Bytes, byte[]> it;
    private final byte[] seen;
    private byte[] key;

    Head(KeyValueIterator<Bytes, byte[]> it, byte[] seen) {
      this.it = it;
      this.seen = seen;
    }

    /** Moves to the next entry, stepping over the already seen position itself. */
    boolean advance() {
      while (it.hasNext()) {
        KeyValue<Bytes, byte[]> next = it.next();
        key = next.key.get();
        if (seen == null || !Arrays.equals(key, seen)) {
          return true;
        }
      }
      return false;
    }
  }

  /** Closes every iterator it was given, even when opening a later one fails. */
  private static final class Iterators implements AutoCloseable {
    private final List<KeyValueIterator<Bytes, byte[]>> open = new ArrayList<>();

    KeyValueIterator<Bytes, byte[]> add(KeyValueIterator<Bytes, byte[]> it) {
      open.add(it);
      return it;
    }

    @Override
    public void close() {
      RuntimeException first = null;
      for (KeyValueIterator<Bytes, byte[]> it : open) {
        try {
          it.close();
        } catch (RuntimeException e) {
          if (first == null) {
            first = e;
          } else {
            first.addSuppressed(e);
          }
        }
      }
      if (first != null) {
        throw first;
      }
    }
  }
}
