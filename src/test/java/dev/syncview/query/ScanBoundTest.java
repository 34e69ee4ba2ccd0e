package dev.syncview.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncview.domain.Kind;
import dev.syncview.testing.CountingViewStores;
import dev.syncview.testing.Events;
import dev.syncview.testing.ProjectionHarness;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The work for one page follows offset + limit: the store reads of a page do not change when
 * unrelated rows (other tenants, databases, kinds) are added, however many.
 */
class ScanBoundTest {
  static final String DOCS_GH = "00000000-0000-4000-8000-000000000001";

  ProjectionHarness h;
  final AtomicLong reads = new AtomicLong();

  @BeforeEach
  void setUp() {
    h = new ProjectionHarness();
    h.key(Events.apiKey("k", "acme", "tok", null));
    h.key(Events.apiKey("s", "acme", "scoped", List.of("docs")));
    h.source(Events.githubSource(DOCS_GH, "acme", "docs"));
    for (int i = 0; i < 40; i++) {
      h.job(Events.job(jobId(1, i), "acme", DOCS_GH).createdAt(ts(i)));
    }
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  long readsFor(String token, ListQuery q) {
    ReadApi api = ViewReader.of(new CountingViewStores(h.stores(), reads));
    Principal p = api.authenticate(token);
    reads.set(0);
    int n = api.list(p, q).items().size();
    assertThat(n).isEqualTo(Math.min(q.limit(), 40 - (int) q.offset()));
    return reads.get();
  }

  @ParameterizedTest(name = "db={0} kind={1} token={2} limit={3} offset={4}")
  @CsvSource({
    ",,tok,10,0",
    ",,tok,10,25",
    "docs,,tok,10,5",
    ",GITHUB,tok,7,3",
    "docs,GITHUB,tok,10,20",
    ",,scoped,10,5",
    ",GITHUB,scoped,5,30"
  })
  void shouldReadTheSameForAPageWhenUnrelatedRowsAreAdded(
      String db, Kind kind, String token, int limit, long offset) {
    ListQuery q = new ListQuery(db, kind, limit, offset, Order.DESC);
    long before = readsFor(token, q);

    // unrelated: another tenant's jobs, another database and other kinds of the same tenant
    String otherTenant = "00000000-0000-4000-8000-000000000002";
    String otherDb = "00000000-0000-4000-8000-000000000003";
    String otherKind = "00000000-0000-4000-8000-000000000004";
    h.source(Events.githubSource(otherTenant, "globex", "docs"));
    h.source(Events.githubSource(otherDb, "acme", "archive"));
    h.source(Events.webSource(otherKind, "acme", "web"));
    for (int i = 0; i < 100; i++) {
      h.job(Events.job(jobId(2, i), "globex", otherTenant).createdAt(ts(i)));
      h.job(Events.job(jobId(3, i), "acme", otherDb).createdAt(ts(i)));
      h.job(Events.job(jobId(4, i), "acme", otherKind).createdAt(ts(i)));
    }
    long after = readsFor(token, q);

    // (for the unfiltered listing the new acme rows do belong to it: the page is still
    // offset + limit entries of a longer listing, read the same way)
    assertThat(after).isEqualTo(before);
    // and no row is read: the entries list_sources scans carry the items (the page, the one entry
    // that tells whether there is a next page, the end of the scan and the database's existence)
    assertThat(before).isLessThanOrEqualTo(offset + limit + 3);
  }

  static String jobId(int group, int i) {
    return String.format("%08d-0000-4000-8000-%012d", group, i);
  }

  static String ts(int minute) {
    return String.format("2026-11-20T%02d:%02d:00.000Z", minute / 60, minute % 60);
  }
}
