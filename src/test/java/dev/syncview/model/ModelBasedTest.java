package dev.syncview.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncview.model.Histories.Query;
import dev.syncview.query.ApiException;
import dev.syncview.query.ListQuery;
import dev.syncview.query.Order;
import dev.syncview.query.Principal;
import dev.syncview.testing.Json;
import dev.syncview.testing.ProjectionHarness;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
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

  private ProjectionHarness h;
  private int histories;

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
    HistoryPlayer.play(u, model, steps, 0, h::pipe);
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

  private void compare(Universe u, ReferenceModel model, Query q) {
    ReferenceModel.Answer expected = q.expected(u, model);
    ReferenceModel.Answer actual =
        topology(
            q.token(u),
            new ListQuery(
                q.database(u), q.kind(), q.limit(), q.offset(), q.ascending() ? Order.ASC : Order.DESC));
    Statistics.label("answer")
        .collect(expected.status() == 200 && !expected.items().isEmpty() ? "items" : expected.status());
    assertThat(actual).as("query %s", q).isEqualTo(expected);
  }

  private ReferenceModel.Answer topology(String token, ListQuery q) {
    try {
      Principal p = h.api().authenticate(token);
      List<JsonNode> items = new ArrayList<>();
      for (byte[] item : h.api().list(p, q).items()) {
        items.add(Json.parse(item));
      }
      return new ReferenceModel.Answer(200, items);
    } catch (ApiException e) {
      return new ReferenceModel.Answer(e.status(), List.of());
    }
  }

  @Provide
  Arbitrary<List<Query>> queries() {
    return Histories.queries();
  }

  @Provide
  Arbitrary<List<Step>> histories() {
    return Histories.steps(80);
  }
}
