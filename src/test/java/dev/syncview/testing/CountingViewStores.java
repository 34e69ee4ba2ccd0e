package dev.syncview.testing;

import dev.syncview.query.ViewStores;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Stores that count every view entry read (point gets and iterator steps) and forbid full scans. */
public final class CountingViewStores implements ViewStores {
  private final ViewStores inner;
  private final AtomicLong reads;

  public CountingViewStores(ViewStores inner, AtomicLong reads) {
    this.inner = inner;
    this.reads = reads;
  }

  @Override
  public ReadOnlyKeyValueStore<Bytes, byte[]> view(String tenant) {
    return new Counting(inner.view(tenant));
  }

  @Override
  public ReadOnlyKeyValueStore<Bytes, byte[]> auth() {
    return inner.auth();
  }

  private final class Counting implements ReadOnlyKeyValueStore<Bytes, byte[]> {
    private final ReadOnlyKeyValueStore<Bytes, byte[]> store;

    Counting(ReadOnlyKeyValueStore<Bytes, byte[]> store) {
      this.store = store;
    }

    @Override
    public byte[] get(Bytes key) {
      reads.incrementAndGet();
      return store.get(key);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
      return count(store.range(from, to));
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
      return count(store.reverseRange(from, to));
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
      throw new AssertionError("a page must never scan the whole store");
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
      throw new AssertionError("a page must never scan the whole store");
    }

    @Override
    public long approximateNumEntries() {
      return store.approximateNumEntries();
    }

    private KeyValueIterator<Bytes, byte[]> count(KeyValueIterator<Bytes, byte[]> it) {
      return new KeyValueIterator<>() {
        @Override
        public void close() {
          it.close();
        }

        @Override
        public Bytes peekNextKey() {
          return it.peekNextKey();
        }

        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public KeyValue<Bytes, byte[]> next() {
          reads.incrementAndGet();
          return it.next();
        }
      };
    }
  }
}
