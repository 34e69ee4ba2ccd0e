package dev.syncview.query;

import static dev.syncview.testing.ProjectionHarness.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncview.domain.Kind;
import dev.syncview.testing.Events;
import dev.syncview.testing.ProjectionHarness;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** list_sources over the real stores: order, ties, pages, filters, scope and existence. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListSourcesQueryTest {
  static final String GH = "00000000-0000-4000-8000-000000000001";
  static final String WEB = "00000000-0000-4000-8000-000000000002";
  static final String S3 = "00000000-0000-4000-8000-000000000003";
  static final String OTHER_TENANT_SRC = "00000000-0000-4000-8000-000000000004";

  ProjectionHarness h;
  /** Every acme job id in ascending listing order. */
  final List<String> asc = new ArrayList<>();

  @BeforeAll
  void givenThreeKindsOfSourcesWithTiedTimestamps() {
    h = new ProjectionHarness();
    h.key(Events.apiKey("all", "acme", "tok", null));
    h.key(Events.apiKey("docs-only", "acme", "docs-tok", List.of("docs")));
    h.key(Events.apiKey("two", "acme", "two-tok", List.of("docs", "web", "never")));
    h.key(Events.apiKey("none", "acme", "none-tok", List.of()));
    h.source(Events.githubSource(GH, "acme", "docs"));
    h.source(Events.webSource(WEB, "acme", "web"));
    h.source(Events.s3Source(S3, "acme", "bucket"));
    h.source(Events.githubSource(OTHER_TENANT_SRC, "other", "docs"));
    // Two jobs per timestamp, so every page boundary also cuts through ties on created_at;
    // ids are chosen so id order differs from arrival order.
    String[] sources = {GH, WEB, S3};
    for (int i = 0; i < 9; i++) {
      String id = String.format("%08x-0000-4000-8000-%012x", 0xf0000000L - i * 0x1000, i);
      String ts = String.format("2026-11-%02dT10:00:00.000Z", 10 + i / 2);
      h.job(Events.job(id, "acme", sources[i % 3]).createdAt(ts));
      asc.add(id);
    }
    h.job(Events.job("ffffffff-0000-4000-8000-000000000000", "other", OTHER_TENANT_SRC));
    asc.sort((a, b) -> {
      int byTime = Integer.compare(asc.indexOf(a) / 2, asc.indexOf(b) / 2);
      return byTime != 0 ? byTime : a.compareTo(b);
    });
  }

  @AfterAll
  void close() {
    h.close();
  }

  List<String> desc() {
    List<String> d = new ArrayList<>(asc);
    Collections.reverse(d);
    return d;
  }

  @Test
  void shouldOrderByCreatedAtThenIdDescendingByDefault() {
    assertThat(h.ids("tok", query(null, null, 100, 0, Order.DESC))).isEqualTo(desc());
  }

  @Test
  void shouldOrderByCreatedAtThenIdAscending() {
    assertThat(h.ids("tok", query(null, null, 100, 0, Order.ASC))).isEqualTo(asc);
  }

  static Stream<Arguments> pages() {
    List<Arguments> out = new ArrayList<>();
    for (Order order : Order.values()) {
      for (int limit : new int[] {0, 1, 2, 3, 4, 9, 10, 1000}) {
        for (long offset : new long[] {0, 1, 2, 3, 8, 9, 10, Long.MAX_VALUE}) {
          out.add(Arguments.of(order, limit, offset));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} limit={1} offset={2}")
  @MethodSource("pages")
  void shouldReturnExactlyTheSliceOfTheFullListing(Order order, int limit, long offset) {
    List<String> all = order == Order.ASC ? asc : desc();
    int from = (int) Math.min(offset, all.size());
    int to = (int) Math.min((long) from + limit, all.size());

    assertThat(h.ids("tok", query(null, null, limit, offset, order))).isEqualTo(all.subList(from, to));
  }

  @Test
  void shouldConcatenatePagesIntoTheFullListingWithoutRepeatsOrGaps() {
    List<String> seen = new ArrayList<>();
    for (int offset = 0; offset < 20; offset += 4) {
      seen.addAll(h.ids("tok", query(null, null, 4, offset, Order.DESC)));
    }
    assertThat(seen).isEqualTo(desc());
  }

  @ParameterizedTest(name = "source_type={0}")
  @CsvSource({"GITHUB,0", "WEB_SCRAPE,1", "S3,2"})
  void shouldFilterByKind(Kind kind, int residue) {
    List<String> expected = new ArrayList<>();
    for (String id : desc()) {
      int i = Integer.parseInt(id.substring(id.length() - 3), 16);
      if (i % 3 == residue) {
        expected.add(id);
      }
    }
    assertThat(h.ids("tok", query(null, kind, 100, 0, Order.DESC))).isEqualTo(expected);
  }

  @Test
  void shouldFilterByDatabaseAndKindTogether() {
    assertThat(h.ids("tok", query("docs", Kind.GITHUB, 100, 0, Order.DESC))).hasSize(3);
    assertThat(h.ids("tok", query("docs", Kind.S3, 100, 0, Order.DESC))).isEmpty();
  }

  @Test
  void shouldListOnlyTheScopedDatabasesOfAScopedKey() {
    assertThat(h.ids("docs-tok", query(null, null, 100, 0, Order.DESC))).hasSize(3);
    List<String> two = h.ids("two-tok", query(null, null, 100, 0, Order.ASC));
    assertThat(two).hasSize(6);
    assertThat(two).isEqualTo(asc.stream().filter(two::contains).toList());
  }

  @Test
  void shouldPageThroughTheMergeOfScopedDatabasesInOrder() {
    List<String> all = h.ids("two-tok", query(null, null, 100, 0, Order.DESC));
    List<String> paged = new ArrayList<>();
    for (int offset = 0; offset < 8; offset += 2) {
      paged.addAll(h.ids("two-tok", query(null, null, 2, offset, Order.DESC)));
    }
    assertThat(paged).isEqualTo(all);
  }

  @Test
  void shouldForbidADatabaseOutsideTheKeysScopeWhetherOrNotItExists() {
    Principal p = h.login("docs-tok");
    assertThatThrownBy(() -> h.api().list(p, query("web", null, 10, 0, Order.DESC)))
        .isInstanceOf(ApiException.Forbidden.class);
    assertThatThrownBy(() -> h.api().list(p, query("nowhere", null, 10, 0, Order.DESC)))
        .isInstanceOf(ApiException.Forbidden.class);
  }

  @Test
  void shouldSeeNothingAndBeForbiddenEverythingWithAnEmptyScope() {
    assertThat(h.ids("none-tok")).isEmpty();
    Principal p = h.login("none-tok");
    assertThatThrownBy(() -> h.api().list(p, query("docs", null, 10, 0, Order.DESC)))
        .isInstanceOf(ApiException.Forbidden.class);
  }

  @Test
  void shouldAnswerNotFoundForADatabaseTheTenantNeverHad() {
    Principal p = h.login("tok");
    assertThatThrownBy(() -> h.api().list(p, query("nowhere", null, 10, 0, Order.DESC)))
        .isInstanceOf(ApiException.NotFound.class);
  }

  @Test
  void shouldAnswerNotFoundForAnotherTenantsDatabase() {
    h.source(Events.githubSource("00000000-0000-4000-8000-0000000000aa", "other", "secret-db"));
    Principal p = h.login("tok");
    assertThatThrownBy(() -> h.api().list(p, query("secret-db", null, 10, 0, Order.DESC)))
        .isInstanceOf(ApiException.NotFound.class);
  }

  @Test
  void shouldAnswerAnExistingEmptyDatabaseWithAnEmptyPage() {
    h.source(Events.webSource("00000000-0000-4000-8000-0000000000bb", "acme", "empty-db"));
    assertThat(h.ids("tok", query("empty-db", null, 10, 0, Order.DESC))).isEmpty();
  }
}
