package dev.syncview.store;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
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
 * thread queued on one monitor per store partition, though RocksDB reads concurrently (JFR
 * monitor events under load: BENCHMARKS.md notes).
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
  static final Duration CLOSE_WAIT = Duration.ofSeconds(30);
  private static final Logger log = LoggerFactory.getLogger(ConcurrentReadStore.class);

  private final RocksDBStore rocks;
  private final Duration closeWait;
  /** The reads of the store's current opening; null while it is closed. */
  private volatile Gate gate;

  ConcurrentReadStore(KeyValueStore<Bytes, byte[]> rocks) {
    this(rocks, CLOSE_WAIT);
  }

  ConcurrentReadStore(KeyValueStore<Bytes, byte[]> rocks, Duration closeWait) {
    super(rocks);
    this.closeWait = closeWait;
    if (!(rocks instanceof RocksDBStore r)) {
      throw new IllegalArgumentException("expected Kafka's RocksDB store, got " + rocks.getClass());
    }
    this.rocks = r;
  }

  /**
   * One opening of the store: its read-only view and the reads registered with it. A store
   * closed and opened again (a task revived after corruption) gets a new gate, so a read that
   * entered the old one can neither reach the new store's handles nor hold up its close.
   */
  private record Gate(ReadOnlyKeyValueStore<Bytes, byte[]> view, AtomicInteger reading) {}

  @Override
  public void init(StateStoreContext context, StateStore root) {
    wrapped().init(context, root);
    // Kafka's store is not transactional here (AppConfig refuses that), so both levels read the
    // same: the store's latest writes, as its locked reads did.
    gate = new Gate(rocks.readOnly(IsolationLevel.READ_UNCOMMITTED), new AtomicInteger());
  }

  @Override
  public void close() {
    Gate closing = gate;
    gate = null;
    if (closing != null) {
      awaitReads(closing.reading());
    }
    wrapped().close();
  }

  /**
   * Past the wait, or when the closing thread is interrupted, the store closes anyway, as Kafka's
   * own close does under a leaked iterator (it closes the iterators it tracks first): a read still
   * running then could touch freed handles, so this is logged.
   */
  private void awaitReads(AtomicInteger reading) {
    long deadline = System.nanoTime() + closeWait.toNanos();
    while (reading.get() > 0) {
      if (System.nanoTime() > deadline || Thread.currentThread().isInterrupted()) {
        log.warn("closing store {} with {} reads still registered (an iterator left open?)",
            name(), reading.get());
        return;
      }
      LockSupport.parkNanos(100_000);
    }
  }

  /** Registers a read with the open store's gate; the caller leaves it once done. */
  private Gate enter() {
    Gate g = gate;
    if (g != null) {
      g.reading().incrementAndGet();
      // Registered before looking again: a close that took the gate after this look waits for
      // this read; one that took it before is seen here.
      if (gate == g) {
        return g;
      }
      g.reading().decrementAndGet();
    }
    throw new InvalidStateStoreException("store " + name() + " is closed");
  }

  @Override
  public byte[] get(Bytes key) {
    return read(view -> view.get(key));
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
    return registered(view -> view.range(from, to));
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
    return registered(view -> view.reverseRange(from, to));
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> all() {
    return registered(ReadOnlyKeyValueStore::all);
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> reverseAll() {
    return registered(ReadOnlyKeyValueStore::reverseAll);
  }

  @Override
  public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS serializer) {
    return registered(view -> view.prefixScan(prefix, serializer));
  }

  @Override
  public long approximateNumEntries() {
    return read(ReadOnlyKeyValueStore::approximateNumEntries);
  }

  /** One read within an entered gate, left when it returns. */
  private <T> T read(Function<ReadOnlyKeyValueStore<Bytes, byte[]>, T> reading) {
    Gate g = enter();
    try {
      return reading.apply(g.view());
    } finally {
      g.reading().decrementAndGet();
    }
  }

  /** Opens an iterator within an entered gate, which it leaves when closed. */
  private KeyValueIterator<Bytes, byte[]> registered(
      Function<ReadOnlyKeyValueStore<Bytes, byte[]>, KeyValueIterator<Bytes, byte[]>> opening) {
    Gate g = enter();
    try {
      return new Leaving(opening.apply(g.view()), g.reading());
    } catch (Throwable e) {
      g.reading().decrementAndGet();
      throw e;
    }
  }

  /** Closing it closes the store's iterator, then leaves the read, once. Used by one thread. */
  private static final class Leaving implements KeyValueIterator<Bytes, byte[]> {
    private final KeyValueIterator<Bytes, byte[]> it;
    private final AtomicInteger reading;
    private boolean open = true;

    Leaving(KeyValueIterator<Bytes, byte[]> it, AtomicInteger reading) {
      this.it = it;
      this.reading = reading;
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
      if (open) {
        open = false;
        try {
          it.close();
        } finally {
          reading.decrementAndGet();
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
