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

  static List<byte[]> page(
      ReadOnlyKeyValueStore<Bytes, byte[]> store,
      List<byte[]> prefixes,
      Order order,
      long offset,
      int limit) {
    List<byte[]> out = new ArrayList<>(Math.min(limit, 1024));
    if (limit == 0 || prefixes.isEmpty()) {
      return out;
    }
    Comparator<Head> cmp = Comparator.comparing(h -> h.key, BY_SUFFIX);
    PriorityQueue<Head> heads = new PriorityQueue<>(order == Order.ASC ? cmp : cmp.reversed());
    try (Iterators open = new Iterators()) {
      for (byte[] prefix : prefixes) {
        Head head = new Head(open.add(scan(store, prefix, order)));
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

  private static KeyValueIterator<Bytes, byte[]> scan(
      ReadOnlyKeyValueStore<Bytes, byte[]> store, byte[] prefix, Order order) {
    Bytes from = Bytes.wrap(ViewKeys.lowest(prefix));
    Bytes to = Bytes.wrap(ViewKeys.highest(prefix));
    return order == Order.ASC ? store.range(from, to) : store.reverseRange(from, to);
  }

  private static final class Head {
    private final KeyValueIterator<Bytes, byte[]> it;
    private byte[] key;

    Head(KeyValueIterator<Bytes, byte[]> it) {
      this.it = it;
    }

    boolean advance() {
      if (!it.hasNext()) {
        return false;
      }
      KeyValue<Bytes, byte[]> next = it.next();
      key = next.key.get();
      return true;
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
