package dev.syncview.topology;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.internals.RocksDBStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Directly over Kafka's RocksDB store: reads go to the store's read-only view, which takes no lock,
 * instead of its {@code synchronized} get and range. With those, every query thread and the stream
 * thread queued on one monitor per store partition: under wrk a list request waited 36 ms at the
 * median for it (JFR monitor events, BENCHMARKS.md notes), though RocksDB reads concurrently.
 *
 * <p>What the monitor also did was keep a read off a store being closed, whose native handles a
 * read would then touch. This layer does that instead: a read registers before it starts and
 * leaves when it ends (an iterator when it is closed), and closing first refuses new reads, then
 * waits for the registered ones before the store below closes. Reads never wait on each other or
 * on a close: a refused read throws {@link InvalidStateStoreException}, as a closed store's does.
 */
final class ConcurrentReadStore extends WrappedStateStore<KeyValueStore<Bytes, byte[]>, Bytes, byte[]>
    implements KeyValueStore<Bytes, byte[]> {
  /** Longer than any page takes; past it a leaked iterator, not a read, holds the close up. */
  private static final long CLOSE_WAIT_MS = 30_000;
  private static final Logger log = LoggerFactory.getLogger(ConcurrentReadStore.class);

  private final RocksDBStore rocks;
  private final AtomicInteger reading = new AtomicInteger();
  private volatile boolean closing = true;
  private volatile ReadOnlyKeyValueStore<Bytes, byte[]> reads;

  ConcurrentReadStore(KeyValueStore<Bytes, byte[]> rocks) {
    super(rocks);
    if (!(rocks instanceof RocksDBStore r)) {
      throw new IllegalArgumentException("expected Kafka's RocksDB store, got " + rocks.getClass());
    }
    this.rocks = r;
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    wrapped().init(context, root);
    // Kafka's store is not transactional here (AppConfig refuses that), so both levels read the
    // same: the store's latest writes, as its locked reads did.
    reads = rocks.readOnly(IsolationLevel.READ_UNCOMMITTED);
    closing = false;
  }

  @Override
  public void close() {
    closing = true;
    awaitReads();
    reads = null;
    wrapped().close();
  }

  private void awaitReads() {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MS);
    while (reading.get() > 0) {
      if (System.nanoTime() > deadline) {
        log.warn("closing store {} with {} reads still registered (an iterator left open?)", name(), reading.get());
        return;
      }
      LockSupport.parkNanos(100_000);
    }
  }

  /** Registers a read; the caller must {@link #leave()} once done with what it returns. */
  private ReadOnlyKeyValueStore<Bytes, byte[]> enter() {
    reading.incrementAndGet();
    // Registered before looking: a close that set the flag after this look waits for this read.
    ReadOnlyKeyValueStore<Bytes, byte[]> r = reads;
    if (closing || r == null) {
      leave();
      throw new InvalidStateStoreException("store " + name() + " is closed");
    }
    return r;
  }

  private void leave() {
    reading.decrementAndGet();
  }

  @Override
  public byte[] get(Bytes key) {
    ReadOnlyKeyValueStore<Bytes, byte[]> r = enter();
    try {
      return r.get(key);
    } finally {
      leave();
    }
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
    ReadOnlyKeyValueStore<Bytes, byte[]> r = enter();
    return registered(() -> r.range(from, to));
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
    ReadOnlyKeyValueStore<Bytes, byte[]> r = enter();
    return registered(() -> r.reverseRange(from, to));
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> all() {
    ReadOnlyKeyValueStore<Bytes, byte[]> r = enter();
    return registered(r::all);
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> reverseAll() {
    ReadOnlyKeyValueStore<Bytes, byte[]> r = enter();
    return registered(r::reverseAll);
  }

  @Override
  public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS serializer) {
    ReadOnlyKeyValueStore<Bytes, byte[]> r = enter();
    return registered(() -> r.prefixScan(prefix, serializer));
  }

  @Override
  public long approximateNumEntries() {
    ReadOnlyKeyValueStore<Bytes, byte[]> r = enter();
    try {
      return r.approximateNumEntries();
    } finally {
      leave();
    }
  }

  /** Opens an iterator within an entered read, which it leaves when closed. */
  private KeyValueIterator<Bytes, byte[]> registered(Opening opening) {
    KeyValueIterator<Bytes, byte[]> it;
    try {
      it = opening.open();
    } catch (RuntimeException e) {
      leave();
      throw e;
    }
    return new Leaving(it);
  }

  private interface Opening {
    KeyValueIterator<Bytes, byte[]> open();
  }

  /** Closing it closes the store's iterator, then leaves the read, once. */
  private final class Leaving implements KeyValueIterator<Bytes, byte[]> {
    private final KeyValueIterator<Bytes, byte[]> it;
    private final AtomicBoolean open = new AtomicBoolean(true);

    Leaving(KeyValueIterator<Bytes, byte[]> it) {
      this.it = it;
    }

    @Override
    public boolean hasNext() {
      return it.hasNext();
    }

    @Override
    public KeyValue<Bytes, byte[]> next() {
      return it.next();
    }

    @Override
    public Bytes peekNextKey() {
      return it.peekNextKey();
    }

    @Override
    public void close() {
      if (open.compareAndSet(true, false)) {
        try {
          it.close();
        } finally {
          leave();
        }
      }
    }
  }

  // Writes stay on the store's own (locked) methods: only the stream thread writes.

  @Override
  public void put(Bytes key, byte[] value) {
    wrapped().put(key, value);
  }

  @Override
  public byte[] putIfAbsent(Bytes key, byte[] value) {
    return wrapped().putIfAbsent(key, value);
  }

  @Override
  public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
    wrapped().putAll(entries);
  }

  @Override
  public byte[] delete(Bytes key) {
    return wrapped().delete(key);
  }
}
