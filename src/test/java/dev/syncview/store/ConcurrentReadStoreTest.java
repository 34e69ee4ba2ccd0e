package dev.syncview.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reads that do not queue on Kafka's RocksDB store monitor, and a close that still never pulls the
 * store from under a read.
 */
class ConcurrentReadStoreTest {
  @TempDir Path stateDir;
  MockProcessorContext<Void, Void> context;
  KeyValueStore<Bytes, byte[]> rocks;
  ConcurrentReadStore store;

  @BeforeEach
  void open() {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "concurrent-read-store-test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    context = new MockProcessorContext<>(p, new TaskId(0, 0), stateDir.toFile());
    rocks = Stores.persistentKeyValueStore("store").get();
    store = new ConcurrentReadStore(rocks);
    store.init(context.getStateStoreContext(), store);
    for (String k : List.of("a", "b", "c", "d", "e")) {
      store.put(key(k), k.toUpperCase().getBytes(StandardCharsets.UTF_8));
    }
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void shouldReadWhileAnotherThreadHoldsTheRocksDbStoresMonitor() throws Exception {
    // Given a thread inside the monitor Kafka's store takes for every get and range of its own
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread holder = new Thread(() -> {
      synchronized (rocks) {
        held.countDown();
        awaitLatch(release);
      }
    });
    holder.start();
    held.await();
    try {
      // When this thread reads, Then it is answered without waiting for the monitor
      CompletableFuture<List<String>> reads = CompletableFuture.supplyAsync(() -> {
        List<String> out = new ArrayList<>(keys(store.range(key("b"), key("c"))));
        out.addAll(keys(store.reverseRange(key("d"), key("e"))));
        out.add(new String(store.get(key("a")), StandardCharsets.UTF_8));
        return out;
      });
      assertThat(reads.get(10, TimeUnit.SECONDS)).containsExactly("b", "c", "e", "d", "A");
    } finally {
      release.countDown();
      holder.join();
    }
  }

  @ParameterizedTest(name = "{0}({1}, {2}) = [{3}]")
  @CsvSource({
    "range, b, d, b c d",
    "range, a, a, a",
    "range, c, b, ''",
    "range, 0, z, a b c d e",
    "reverseRange, b, d, d c b",
    "reverseRange, d, b, ''",
    "reverseRange, e, z, e",
  })
  void shouldListWhatKafkasStoreListsForTheSameBounds(String method, String from, String to, String expected) {
    // Given the store below holding a..e; When this layer and that store list the same bounds
    Function<KeyValueStore<Bytes, byte[]>, List<String>> list = s -> keys(method.equals("range")
        ? s.range(key(from), key(to))
        : s.reverseRange(key(from), key(to)));
    // Then both give the same keys in the same order
    List<String> want = expected.isEmpty() ? List.of() : List.of(expected.split(" "));
    assertThat(list.apply(store)).isEqualTo(want).isEqualTo(list.apply(rocks));
  }

  @Test
  void shouldSeeTheLatestWriteWhenReadingAKey() {
    // Given a key rewritten and another deleted; When both are read; Then the reads see the writes
    store.put(key("b"), "again".getBytes(StandardCharsets.UTF_8));
    store.delete(key("c"));
    assertThat(new String(store.get(key("b")), StandardCharsets.UTF_8)).isEqualTo("again");
    assertThat(store.get(key("c"))).isNull();
    assertThat(keys(store.all())).containsExactly("a", "b", "d", "e");
  }

  @Test
  void shouldCloseTheStoreBelowOnlyOnceOpenIteratorsAreClosed() throws Exception {
    // Given an iterator open on the store
    KeyValueIterator<Bytes, byte[]> open = store.range(key("a"), key("e"));
    assertThat(open.next().key).isEqualTo(key("a"));
    // When the store is closed from another thread
    CompletableFuture<Void> closing = CompletableFuture.runAsync(store::close);
    // Then new reads are refused at once, while the close waits for the iterator
    awaitRefused();
    assertThat(closing).isNotDone();
    assertThat(rocks.isOpen()).isTrue();
    assertThat(open.next().key).isEqualTo(key("b"));
    // When the iterator is closed, Then the store below closes
    open.close();
    closing.get(10, TimeUnit.SECONDS);
    assertThat(rocks.isOpen()).isFalse();
  }

  @Test
  void shouldRefuseReadsWhenClosedAndReadAgainWhenReopened() {
    // Given a closed store; Then every read is refused as a closed store's is
    store.close();
    assertThatThrownBy(() -> store.get(key("a"))).isInstanceOf(InvalidStateStoreException.class);
    assertThatThrownBy(() -> store.range(key("a"), key("b"))).isInstanceOf(InvalidStateStoreException.class);
    assertThatThrownBy(store::all).isInstanceOf(InvalidStateStoreException.class);
    // When it is opened again (a task revived after corruption); Then it reads its data again
    store.init(context.getStateStoreContext(), store);
    assertThat(new String(store.get(key("e")), StandardCharsets.UTF_8)).isEqualTo("E");
  }

  @Test
  void shouldStillWaitForAnotherOpenIteratorWhenOneIsClosedTwice() throws Exception {
    // Given one iterator closed twice and another still open
    KeyValueIterator<Bytes, byte[]> twice = store.all();
    KeyValueIterator<Bytes, byte[]> open = store.all();
    twice.close();
    twice.close();
    // When the store is closed; Then the second close of the first did not count the open one out
    CompletableFuture<Void> closing = CompletableFuture.runAsync(store::close);
    awaitRefused();
    assertThat(closing).isNotDone();
    open.close();
    closing.get(10, TimeUnit.SECONDS);
    assertThat(rocks.isOpen()).isFalse();
  }

  @Test
  void shouldNotWaitForAnEarlierOpeningsReadsWhenClosingAReopenedStore() throws Exception {
    // Given a store with a short close wait whose iterator was left open through a close
    store.close();
    ConcurrentReadStore quick = new ConcurrentReadStore(rocks, Duration.ofMillis(300));
    quick.init(context.getStateStoreContext(), quick);
    quick.all(); // never closed
    quick.close(); // waits out its 300 ms for the leaked iterator, then closes
    // When the store is opened again and closed
    quick.init(context.getStateStoreContext(), quick);
    long start = System.nanoTime();
    quick.close();
    // Then that close does not wait for the earlier opening's read
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(250));
    assertThat(rocks.isOpen()).isFalse();
  }

  /** Until the close running on another thread has taken the gate away. */
  private void awaitRefused() {
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1)).until(this::refused);
  }

  private boolean refused() {
    try {
      store.get(key("a"));
      return false;
    } catch (InvalidStateStoreException refused) {
      return true;
    }
  }

  private static Bytes key(String k) {
    return Bytes.wrap(k.getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> keys(KeyValueIterator<Bytes, byte[]> it) {
    try (it) {
      List<String> out = new ArrayList<>();
      it.forEachRemaining(kv -> out.add(new String(kv.key.get(), StandardCharsets.UTF_8)));
      return out;
    }
  }

  private static void awaitLatch(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
