package dev.syncview.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncview.testing.CountingViewStores;
import dev.syncview.testing.Events;
import dev.syncview.testing.Json;
import dev.syncview.testing.ProjectionHarness;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Deep offsets jump with the bucket counts: every offset page equals the same slice of the listing
 * walked with cursors (which never use the counts), across bucket edges, bursts of jobs created in
 * the same millisecond, deletes and moves, merged prefixes and both orders; and a deep page reads
 * about as much as a shallow one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeepOffsetTest {
  static final String DOCS = "00000000-0000-4000-8000-0000000000e1";
  static final String ARCHIVE = "00000000-0000-4000-8000-0000000000e2";
  static final String WEB = "00000000-0000-4000-8000-0000000000e3";
  static final int SPREAD = 1500;
  static final int BURST = 600;

  ProjectionHarness h;

  @BeforeAll
  void given() {
    h = new ProjectionHarness();
    h.key(Events.apiKey("k", "acme", "tok", null));
    h.key(Events.apiKey("s", "acme", "scoped", List.of("docs", "web")));
    h.source(Events.githubSource(DOCS, "acme", "docs"));
    h.source(Events.githubSource(ARCHIVE, "acme", "archive"));
    h.source(Events.webSource(WEB, "acme", "web"));
    String[] sources = {DOCS, ARCHIVE, WEB};
    Instant t0 = Instant.parse("2026-08-01T00:00:00Z");
    // jobs every 37 minutes over about 38 days: many buckets (2^24 ms, about 4.7 hours)
    for (int i = 0; i < SPREAD; i++) {
      h.job(Events.job(id(1, i), "acme", sources[i % 3]).createdAt(t0.plusSeconds(37L * 60 * i).toString()));
    }
    // a burst created in one millisecond, and jobs right on bucket edges (2^24 ms multiples)
    for (int i = 0; i < BURST; i++) {
      h.job(Events.job(id(2, i), "acme", sources[i % 3]).createdAt("2026-08-20T12:00:00.123Z"));
    }
    long edge = (Instant.parse("2026-08-10T00:00:00Z").toEpochMilli() >> 24) << 24;
    for (int i = -2; i <= 2; i++) {
      h.job(Events.job(id(3, i + 2), "acme", DOCS).createdAt(Instant.ofEpochMilli(edge + i).toString()));
    }
    // deletes and moves keep the counts right
    for (int i = 0; i < 100; i++) {
      h.job(id(1, i * 7), null);
    }
    h.source(Events.githubSource(ARCHIVE, "acme", "docs").version(2));
  }

  @AfterAll
  void close() {
    h.close();
  }

  @ParameterizedTest(name = "token={0} db={1} order={2}")
  @CsvSource({
    "tok,,DESC", "tok,,ASC", "tok,docs,DESC", "tok,web,ASC", "scoped,,DESC", "scoped,,ASC"
  })
  void shouldEqualTheCursorWalkAtEveryOffsetWhenJumpingWithCounts(String token, String db, Order order) {
    List<String> all = walkWithCursors(token, db, order);
    assertThat(all.size()).isGreaterThan(300);
    for (long offset : new long[] {0, 1, 99, 100, 101, 250, 599, 600, 601, 1000, all.size() - 1, all.size(), all.size() + 5, 1_000_000}) {
      for (int limit : new int[] {1, 7, 100}) {
        List<String> page = ids(h.api(), token, new ListQuery(db, null, null, null, limit, offset, order, null));
        int from = (int) Math.min(offset, all.size());
        assertThat(page).as("offset %d limit %d", offset, limit).isEqualTo(all.subList(from, Math.min(all.size(), from + limit)));
      }
    }
  }

  @Test
  void shouldReadAboutAsMuchForADeepPageAsForTheFirst() {
    AtomicLong reads = new AtomicLong();
    ReadApi counted = ViewReader.of(new CountingViewStores(h.stores(), reads));
    long first = readsFor(counted, reads, 0);
    long deep = readsFor(counted, reads, 1800);
    // the first page reads 100 entries and a row per item; the deep one adds the bucket counts
    // and at most one bucket's entries (the burst: 600 and its neighbours) instead of 1,800 skipped entries
    assertThat(deep).isLessThan(first + 900);
    assertThat(readsFor(counted, reads, 1000)).isLessThan(first + 400);
  }

  long readsFor(ReadApi api, AtomicLong reads, long offset) {
    Principal p = api.authenticate("tok");
    reads.set(0);
    Page page = api.list(p, new ListQuery(null, null, null, null, 100, offset, Order.DESC, null));
    assertThat(page.items()).hasSize(100);
    return reads.get();
  }

  List<String> walkWithCursors(String token, String db, Order order) {
    List<String> out = new ArrayList<>();
    Position after = null;
    do {
      Page page = h.api().list(h.login(token), new ListQuery(db, null, null, null, 97, 0, order, after));
      page.items().forEach(i -> out.add(Json.parse(i).get("id").asText()));
      after = page.next();
    } while (after != null);
    return out;
  }

  static List<String> ids(ReadApi api, String token, ListQuery q) {
    List<String> out = new ArrayList<>();
    for (byte[] item : api.list(api.authenticate(token), q).items()) {
      JsonNode n = Json.parse(item);
      out.add(n.get("id").asText());
    }
    return out;
  }

  static String id(int group, int i) {
    return String.format("%08d-0000-4000-8000-%012d", group, i);
  }
}
