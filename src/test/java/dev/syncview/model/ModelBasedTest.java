package dev.syncview.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncview.domain.Kind;
import dev.syncview.query.ApiException;
import dev.syncview.query.ListQuery;
import dev.syncview.query.Order;
import dev.syncview.query.Principal;
import dev.syncview.testing.Json;
import dev.syncview.testing.ProjectionHarness;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tag;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.statistics.Statistics;

/**
 * The topology against the reference model: random histories of events (duplicates, disorder,
 * deletes, poison records, moves, tenant mismatches, key churn) are played into both, then random
 * list_sources queries must get the identical page or the identical error. jqwik shrinks a failure
 * to a short history and prints the seed that reproduces it.
 *
 * <p>Histories share one topology: each lives in its own namespace (tenants, ids, tokens), so it
 * cannot see another's data, and the model sees only its own.
 */
class ModelBasedTest {
  static final int FRESH_TOPOLOGY_EVERY = 2000;
  static final int[][] PAGES = {{1000, 0}, {2, 0}, {2, 1}, {3, 2}, {0, 0}, {1, 4}, {5, 100}};

  private ProjectionHarness h;
  private int histories;

  record Query(int token, int db, int kind, boolean ascending, int page) {}

  @BeforeProperty
  void startTopology() {
    h = new ProjectionHarness();
    histories = 0;
  }

  @AfterProperty
  void stopTopology() {
    h.close();
  }

  @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
  void shouldAnswerLikeTheModelAfterAnyHistory(
      @ForAll("histories") List<Step> steps, @ForAll("queries") List<Query> queries) {
    check(steps, queries);
  }

  @Property(tries = 100_000, edgeCases = EdgeCasesMode.NONE)
  @Tag("long")
  void shouldAnswerLikeTheModelAfterAnyHistoryLongRun(
      @ForAll("histories") List<Step> steps, @ForAll("queries") List<Query> queries) {
    check(steps, queries);
  }

  private void check(List<Step> steps, List<Query> queries) {
    if (++histories % FRESH_TOPOLOGY_EVERY == 0) {
      // keeps the stores small in long runs; histories never meet anyway
      h.close();
      h = new ProjectionHarness();
    }
    Universe u = new Universe("h" + histories);
    ReferenceModel model = new ReferenceModel(u);
    play(u, model, prelude(), 0);
    play(u, model, steps, 100);
    for (int token = 0; token <= Universe.TOKENS; token++) {
      compare(u, model, new Query(token, -1, -1, false, 0));
      ReferenceModel.Answer full = model.list(u.token(token), null, null, 1000, 0, false);
      Statistics.label("full listing size")
          .collect(full.status() == 200 ? Math.min(full.items().size(), 5) : -full.status());
    }

    for (Query q : queries) {
      compare(u, model, q);
    }
  }

  /** One key per token to start with, so most queries authenticate; steps may change them. */
  private static List<Step> prelude() {
    List<Step> keys = new ArrayList<>();
    for (int i = 0; i < Universe.TOKENS; i++) {
      keys.add(new Step.KeySnap(i, i % Universe.TENANTS, i, i == 3 ? 2 : 0, false, 1));
    }
    return keys;
  }

  private void play(Universe u, ReferenceModel model, List<Step> steps, long firstTimestamp) {
    Player player = new Player(u);
    List<Step> played = new ArrayList<>();
    List<Long> stamps = new ArrayList<>();
    long ts = firstTimestamp;
    for (Step step : steps) {
      Step actual = step;
      long stamp = ts++;
      if (step instanceof Step.Repeat r) {
        if (played.isEmpty()) {
          continue;
        }
        int i = Math.max(0, played.size() - 1 - r.back() % played.size());
        actual = played.get(i);
        stamp = stamps.get(i);
      }
      Player.Rec rec = player.record(actual);
      h.pipe(rec.topic(), rec.key(), rec.value(), stamp);
      model.apply(actual, stamp);
      played.add(actual);
      stamps.add(stamp);
    }
  }

  private void compare(Universe u, ReferenceModel model, Query q) {
    String token = q.token() < Universe.TOKENS ? u.token(q.token()) : u.ns + "-unknown";
    String db = q.db() < 0 ? null : q.db() < Universe.DATABASES ? u.database(q.db()) : "never";
    Kind kind = q.kind() < 0 ? null : new Kind[] {Kind.GITHUB, Kind.WEB_SCRAPE, Kind.S3}[q.kind()];
    int[] page = PAGES[q.page()];
    ReferenceModel.Answer expected =
        model.list(token, db, kind == null ? null : kind.wireName(), page[0], page[1], q.ascending());
    ReferenceModel.Answer actual =
        topology(token, new ListQuery(db, kind, page[0], page[1], q.ascending() ? Order.ASC : Order.DESC));
    Statistics.label("answer")
        .collect(expected.status() == 200 && !expected.items().isEmpty() ? "items" : expected.status());
    assertThat(actual).as("query %s", q).isEqualTo(expected);
  }

  private ReferenceModel.Answer topology(String token, ListQuery q) {
    try {
      Principal p = h.api().authenticate(token);
      List<JsonNode> items = new ArrayList<>();
      for (byte[] item : h.api().listSources(p, q)) {
        items.add(Json.parse(item));
      }
      return new ReferenceModel.Answer(200, items);
    } catch (ApiException e) {
      return new ReferenceModel.Answer(e.status(), List.of());
    }
  }

  @Provide
  Arbitrary<List<Query>> queries() {
    return Combinators.combine(
            Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.integers().between(0, Universe.TOKENS - 1)),
                Tuple.of(1, Arbitraries.just(Universe.TOKENS))),
            Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(-1)),
                Tuple.of(1, Arbitraries.integers().between(0, Universe.DATABASES))),
            Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(-1)), Tuple.of(1, Arbitraries.integers().between(0, 2))),
            Arbitraries.of(true, false),
            Arbitraries.integers().between(0, PAGES.length - 1))
        .as(Query::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(12);
  }

  @Provide
  Arbitrary<List<Step>> histories() {
    return Arbitraries.frequencyOf(
            Tuple.of(12, sourceSnaps()),
            Tuple.of(1, Arbitraries.integers().between(0, Universe.SOURCES - 1).map(Step.SourceTomb::new)),
            Tuple.of(24, jobSnaps()),
            Tuple.of(1, Arbitraries.integers().between(0, Universe.JOBS - 1).map(Step.JobTomb::new)),
            Tuple.of(4, keySnaps()),
            Tuple.of(1, Arbitraries.integers().between(0, Universe.KEYS - 1).map(Step.KeyTomb::new)),
            Tuple.of(4, broken()),
            Tuple.of(4, Arbitraries.integers().between(0, 20).map(Step.Repeat::new)))
        .list()
        .ofMinSize(1)
        .ofMaxSize(80)
        .withSizeDistribution(RandomDistribution.uniform());
  }

  private static Arbitrary<Boolean> rarely() {
    return Arbitraries.frequency(Tuple.of(9, false), Tuple.of(1, true));
  }

  private static Arbitrary<Boolean> mostly() {
    return Arbitraries.frequency(Tuple.of(1, false), Tuple.of(7, true));
  }

  private static Arbitrary<Integer> version() {
    return Arbitraries.integers().between(1, 6);
  }

  private static Arbitrary<Integer> time() {
    return Arbitraries.integers().between(0, Universe.TIMES.size() - 1);
  }

  private static Arbitrary<Step> sourceSnaps() {
    return Combinators.combine(
            Arbitraries.integers().between(0, Universe.SOURCES - 1),
            rarely(),
            Arbitraries.integers().between(0, Universe.DATABASES - 1),
            rarely(),
            version(),
            Arbitraries.frequency(Tuple.of(19, false), Tuple.of(1, true)),
            time(),
            rarely())
        .as(Step.SourceSnap::new);
  }

  private static Arbitrary<Step> jobSnaps() {
    Arbitrary<int[]> ids =
        Combinators.combine(
                Arbitraries.integers().between(0, Universe.JOBS - 1),
                Arbitraries.frequencyOf(
                    Tuple.of(6, Arbitraries.integers().between(0, Universe.SOURCES - 1)),
                    Tuple.of(1, Arbitraries.just(-1))),
                version(),
                Arbitraries.integers().between(0, Player.STATUSES.length - 1),
                time(),
                Arbitraries.integers().between(0, 3))
            .as((job, source, v, status, t, objectKey) -> new int[] {job, source, v, status, t, objectKey});
    return Combinators.combine(
            ids,
            rarely(),
            mostly(),
            mostly(),
            Arbitraries.integers().between(0, Player.OWN_KINDS.length - 1),
            Arbitraries.integers().between(0, Universe.DATABASES - 1),
            rarely())
        .as(
            (i, otherTenant, withRef, withTarget, ownKind, ownDb, upper) ->
                new Step.JobSnap(
                    i[0], i[1], otherTenant, i[2], i[3], i[4], withRef, withTarget, i[5], ownKind,
                    ownDb, upper));
  }

  /** Keys mostly keep their own token, so most tokens stay authenticated; some collide. */
  private static Arbitrary<Step> keySnaps() {
    return Arbitraries.integers()
        .between(0, Universe.KEYS - 1)
        .flatMap(
            key ->
                Combinators.combine(
                        Arbitraries.integers().between(0, Universe.TENANTS - 1),
                        Arbitraries.frequencyOf(
                            Tuple.of(4, Arbitraries.just(key % Universe.TOKENS)),
                            Tuple.of(1, Arbitraries.integers().between(0, Universe.TOKENS - 1))),
                        Arbitraries.integers().between(0, 3),
                        rarely(),
                        Arbitraries.integers().between(1, 4))
                    .as((tenant, token, scope, revoked, v) -> new Step.KeySnap(key, tenant, token, scope, revoked, v)));
  }

  private static Arbitrary<Step> broken() {
    return Combinators.combine(
            Arbitraries.oneOf(sourceSnaps(), jobSnaps(), keySnaps()),
            Arbitraries.integers().between(0, 6))
        .as(Step.Broken::new);
  }
}
