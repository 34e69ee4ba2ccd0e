package dev.syncview.model;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/** Generators of histories (lists of steps) and of list_sources queries over a {@link Universe}. */
final class Histories {
  private Histories() {}

  /** A list_sources query: token index (TOKENS = unknown), db (-1 none, DATABASES = never seen),
   * kind (-1 none), order, and a page from {@link #PAGES}. */
  record Query(int tokenIndex, int dbIndex, int kindIndex, boolean ascending, int page) {
    String token(Universe u) {
      return tokenIndex < Universe.TOKENS ? u.token(tokenIndex) : u.ns + "-unknown";
    }

    String database(Universe u) {
      return dbIndex < 0 ? null : dbIndex < Universe.DATABASES ? u.database(dbIndex) : "never";
    }

    dev.syncview.domain.Kind kind() {
      return kindIndex < 0
          ? null
          : new dev.syncview.domain.Kind[] {
            dev.syncview.domain.Kind.GITHUB,
            dev.syncview.domain.Kind.WEB_SCRAPE,
            dev.syncview.domain.Kind.S3
          }[kindIndex];
    }

    int limit() {
      return PAGES[page][0];
    }

    long offset() {
      return PAGES[page][1];
    }

    ReferenceModel.Answer expected(Universe u, ReferenceModel model) {
      return model.list(
          token(u), database(u), kind() == null ? null : kind().wireName(), limit(), offset(), ascending);
    }

    /** The same query as an HTTP path and query string. */
    String path(Universe u) {
      StringBuilder p = new StringBuilder("/api/v1/sources?limit=" + limit() + "&offset=" + offset());
      p.append("&order_by=").append(ascending ? "ASC" : "DESC");
      if (database(u) != null) {
        p.append("&database_name=").append(database(u));
      }
      if (kind() != null) {
        p.append("&source_type=").append(kind().wireName());
      }
      return p.toString();
    }
  }

  /** limit, offset: first pages, a few in, and past the 256 from which offsets jump buckets. */
  static final int[][] PAGES = {
    {1000, 0}, {2, 0}, {2, 1}, {3, 2}, {0, 0}, {1, 4}, {5, 100}, {10, 256}, {3, 300}, {7, 291}, {20, 255}
  };

  static Arbitrary<List<Query>> queries() {
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

  /** Histories of up to {@code maxSize} steps; one in eight holds a burst of jobs as well. */
  static Arbitrary<List<Step>> steps(int maxSize) {
    return Combinators.combine(plainSteps(maxSize), bursts(), Arbitraries.integers().between(0, maxSize))
        .as((steps, burst, at) -> {
          if (burst.isEmpty()) {
            return steps;
          }
          List<Step> out = new java.util.ArrayList<>(steps);
          out.add(Math.min(at, out.size()), burst.get());
          return out;
        });
  }

  private static Arbitrary<java.util.Optional<Step>> bursts() {
    Arbitrary<Step> burst =
        Combinators.combine(
                Arbitraries.integers().between(0, Universe.SOURCES - 1),
                Arbitraries.integers().between(256, 320),
                Arbitraries.of(true, false))
            .as(Step.Burst::new);
    return Arbitraries.frequencyOf(
        Tuple.of(7, Arbitraries.just(java.util.Optional.<Step>empty())),
        Tuple.of(1, burst.map(java.util.Optional::of)));
  }

  private static Arbitrary<List<Step>> plainSteps(int maxSize) {
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
        .ofMaxSize(maxSize)
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
            rarely(),
            Arbitraries.frequency(Tuple.of(29, false), Tuple.of(1, true)))
        .as(
            (i, otherTenant, withRef, withTarget, ownKind, ownDb, upper, deleted) ->
                new Step.JobSnap(
                    i[0], i[1], otherTenant, i[2], i[3], i[4], withRef, withTarget, i[5], ownKind,
                    ownDb, upper, deleted));
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
