package dev.syncview.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncview.isolation.TenancyModel.Answer;
import dev.syncview.isolation.TenancyModel.JobSnap;
import dev.syncview.isolation.TenancyModel.Row;
import dev.syncview.isolation.TenancyModel.Src;
import dev.syncview.isolation.TenancyModel.Who;
import dev.syncview.testing.Events;
import dev.syncview.testing.HttpClientSupport;
import dev.syncview.testing.Json;
import dev.syncview.testing.ProjectionHarness;
import dev.syncview.testing.TestServers;
import io.javalin.Javalin;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.statistics.Statistics;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Tenant isolation over real HTTP, proven on random multi-tenant histories rather than assumed.
 *
 * <p>Each try publishes a random history into the real topology (TopologyTestDriver): 2-4 tenants
 * with look-alike names (case, trailing space, NUL, prefixes, NFC/NFD), sources of every type,
 * jobs with and without a source, job ids shared between tenants and with source ids, ids sent in
 * upper case, keys with and without database scope (including {@code []}), scope changes,
 * revocations of three kinds, and tokens re-issued, possibly to another tenant. The test tracks who
 * owns what itself ({@link TenancyModel}). Then every live token calls every route over HTTP:
 * listings with random filters followed through their Link cursors, every known source and job id
 * of every tenant, ids of other tenants and random ids. No answer may hold anything of another
 * tenant or outside the key's scope; a foreign or out-of-scope id must answer exactly like an id
 * that never existed; a revoked token exactly like an unknown one.
 *
 * <p>One topology and one server serve every try of a property: each try lives in its own
 * namespace (tenants, ids, tokens carry the try number), so earlier tries' tenants are in the
 * store too, and must stay invisible as well.
 */
class IsolationPropertiesTest {
  static final String[] TENANT_BASES = {
    "acme", "Acme", "acme ", "acm", "acme\u0000", "globex", "\u00e9", "e\u0301", "t/1", "\uD83D\uDCA5",
    "T".repeat(100)
  };
  static final String[] DBS = {"docs", "Docs", "docs ", "shared", "d\u0000b", "\u00e9", "e\u0301", "x".repeat(256)};
  static final String[] TYPES = {"github", "web_scrape", "s3", "file_upload"};
  static final String[] TIMES = {
    "2026-11-20T10:15:30.123Z",
    "2026-11-20T10:15:30.123999Z", // same millisecond: ties broken by id
    "2026-11-20T11:15:30.123+01:00", // same instant, another offset
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59.999Z",
    "1969-12-31T23:59:59.999Z",
    "2026-01-01T00:00:00-23:59"
  };
  static final String[][] STATUSES = {
    {"\"pending\"", "pending"},
    {"\"processing\"", "processing"},
    {"\"cancelled\"", "cancelled"},
    {"{\"complete\":{\"finished_at\":\"2026-11-20T10:00:00Z\",\"duration_ms\":5}}", "complete"},
    {"{\"failed\":{\"error\":\"boom\"}}", "failed"}
  };
  static final String[] OWN_KINDS = {"web_scrape", "Unknown", "github", "s3"};
  static final String[] OBJECT_KEYS = {"a.pdf", "b/c.txt", "\u00fc.bin"};
  /** Key scopes as indexes into DBS; null = every database. */
  static final int[][] SCOPES = {null, {}, {0}, {1, 2}, {0, 3}, {4}, {6, 7}, {5, 6}};
  static final int SOURCES = 5;
  static final int JOBS = 10;
  static final int KEYS = 4;
  static final int TOKENS = 4;
  static final String[] ROUTES_401 = {"sources", "invocations", "source", "invocation", "latest"};
  private static final DateTimeFormatter API_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private ProjectionHarness h;
  private Javalin app;
  private CountingHttp http;
  private int tries;
  private long clock = 1_700_000_000_000L;

  @BeforeProperty
  void start() {
    h = new ProjectionHarness();
    app = TestServers.start(h.api());
    http = new CountingHttp(new HttpClientSupport(app.port()));
  }

  /** The real HTTP client, counting requests for the run's summary. */
  static final class CountingHttp {
    private final HttpClientSupport http;
    long requests;

    CountingHttp(HttpClientSupport http) {
      this.http = http;
    }

    HttpResponse<String> get(String pathAndQuery, String token) {
      requests++;
      return http.get(pathAndQuery, token);
    }

    HttpResponse<String> send(String method, String pathAndQuery, Map<String, String> headers, String body) {
      requests++;
      return http.send(method, pathAndQuery, headers, body);
    }
  }

  @AfterProperty
  void stop() {
    System.out.println("IsolationPropertiesTest: " + tries + " tries, " + http.requests + " HTTP requests");
    app.stop();
    h.close();
  }

  // ---------------------------------------------------------------- the history

  sealed interface Ev {}

  record SourceEv(int src, int tenant, int type, int db, int version, int time, boolean upper) implements Ev {}

  record SourceDelEv(int src, boolean tombstone) implements Ev {}

  /** {@code src} -1: a source-less job. {@code extra} packs object key, own kind and db, case. */
  record JobEv(int job, int tenant, int src, int status, int version, int time, int extra) implements Ev {}

  record JobDelEv(int job, boolean tombstone) implements Ev {}

  record KeyEv(int key, int tenant, int token, int scope, int version) implements Ev {}

  /** mode 0: tombstone, 1: {@code revoked: true}, 2: {@code deleted: true}. */
  record KeyRevokeEv(int key, int mode) implements Ev {}

  record Scenario(List<Integer> tenants, List<KeyEv> keys, List<SourceEv> sources, List<Ev> steps) {}

  @Provide
  Arbitrary<Scenario> scenarios() {
    Arbitrary<List<Integer>> tenants =
        Arbitraries.integers().between(0, TENANT_BASES.length - 1).list().uniqueElements().ofMinSize(2).ofMaxSize(4);
    // 0-5: the entity's home tenant (so jobs mostly match their sources), 6-7: another tenant
    Arbitrary<Integer> tenant = Arbitraries.integers().between(0, 7);
    Arbitrary<Integer> version = Arbitraries.integers().between(1, 4);
    Arbitrary<SourceEv> source =
        Combinators.combine(
                Arbitraries.integers().between(0, SOURCES - 1),
                tenant,
                Arbitraries.integers().between(0, TYPES.length - 1),
                Arbitraries.integers().between(0, 11).map(IsolationPropertiesTest::db),
                version,
                Arbitraries.integers().between(0, TIMES.length - 1),
                Arbitraries.of(false, true))
            .as(SourceEv::new);
    Arbitrary<Ev> sourceDel =
        Combinators.combine(Arbitraries.integers().between(0, SOURCES - 1), Arbitraries.of(true, false))
            .as(SourceDelEv::new);
    Arbitrary<Ev> job =
        Combinators.combine(
                Arbitraries.integers().between(0, JOBS - 1),
                tenant,
                Arbitraries.integers().between(-1, SOURCES - 1),
                Arbitraries.integers().between(0, STATUSES.length - 1),
                version,
                Arbitraries.integers().between(0, TIMES.length - 1),
                Arbitraries.integers().between(0, 1_000_000))
            .as(JobEv::new);
    Arbitrary<Ev> jobDel =
        Combinators.combine(Arbitraries.integers().between(0, JOBS - 1), Arbitraries.of(true, false))
            .as(JobDelEv::new);
    Arbitrary<KeyEv> key =
        Combinators.combine(
                Arbitraries.integers().between(0, KEYS - 1),
                tenant,
                Arbitraries.integers().between(0, TOKENS - 1),
                Arbitraries.integers().between(-5, SCOPES.length - 1).map(i -> Math.max(i, 0)),
                version)
            .as(KeyEv::new);
    Arbitrary<Ev> revoke =
        Combinators.combine(Arbitraries.integers().between(0, KEYS - 1), Arbitraries.integers().between(0, 2))
            .as(KeyRevokeEv::new);
    Arbitrary<List<SourceEv>> initialSources =
        source.list().ofSize(SOURCES).map(IsolationPropertiesTest::oneSourceEach);
    Arbitrary<List<KeyEv>> initialKeys =
        key.list().ofSize(KEYS).map(IsolationPropertiesTest::oneKeyEach);
    Arbitrary<List<Ev>> steps =
        Arbitraries.frequencyOf(
                Tuple.of(3, source.map(x -> (Ev) x)),
                Tuple.of(12, job),
                Tuple.of(1, sourceDel),
                Tuple.of(1, jobDel),
                Tuple.of(2, key.map(k -> (Ev) k)),
                Tuple.of(1, revoke))
            .list()
            .ofMinSize(15)
            .ofMaxSize(70);
    return Combinators.combine(tenants, initialKeys, initialSources, steps).as(Scenario::new);
  }

  /** Mostly the first four databases (docs, Docs, "docs ", shared), so scopes meet data. */
  static int db(int i) {
    return i < 8 ? i % 4 : i - 4;
  }

  /** One initial snapshot per source id, so that most jobs have a source to join. */
  private static List<SourceEv> oneSourceEach(List<SourceEv> sources) {
    List<SourceEv> out = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      SourceEv s = sources.get(i);
      out.add(new SourceEv(i, s.tenant(), s.type(), s.db(), s.version(), s.time(), s.upper()));
    }
    return out;
  }

  /** The initial keys get distinct ids and tokens (later steps may collide on purpose). */
  private static List<KeyEv> oneKeyEach(List<KeyEv> keys) {
    List<KeyEv> out = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      KeyEv k = keys.get(i);
      out.add(new KeyEv(i, k.tenant(), i, k.scope(), k.version()));
    }
    return out;
  }

  /** The names of one try: everything carries the try number, so tries never meet. */
  record World(int n, List<String> tenants) {
    String tenant(int i) {
      return tenants.get(i % tenants.size());
    }

    /** A generated tenant choice: 0-5 the home tenant of entity {@code home}, 6-7 another one. */
    String tenant(int home, int choice) {
      return choice < 6 ? tenant(home) : tenant(home + choice - 5);
    }

    String sourceId(int i) {
      return String.format("%08x-0000-4000-8000-%012x", n, 0xA0 + i);
    }

    /** Jobs 0 and 1 share their id with sources 0 and 1: an id names a job and a source at once. */
    String jobId(int i) {
      return i < 2 ? sourceId(i) : String.format("%08x-0000-4000-8000-%012x", n, 0xB0 + i);
    }

    String keyId(int i) {
      return "n" + n + "-key-" + i;
    }

    String token(int i) {
      return "n" + n + "-token-" + i;
    }

    /** An id of this try's namespace that no event ever named. */
    String neverId(Random rnd) {
      return String.format("%08x-%04x-4%03x-a%03x-%012x", n, rnd.nextInt(0x10000), rnd.nextInt(0x1000),
          rnd.nextInt(0x1000), rnd.nextLong() & 0xffffffffffffL | 0x1000000000L);
    }
  }

  private void play(World w, TenancyModel model, List<Ev> steps) {
    for (Ev ev : steps) {
      long ts = clock += 1000;
      if (ev instanceof SourceEv s) {
        String id = w.sourceId(s.src());
        String tenant = w.tenant(s.src(), s.tenant());
        String type = TYPES[s.type()];
        String db = DBS[s.db()];
        Events.Snapshot snap =
            switch (type) {
              case "github" -> Events.githubSource(id, tenant, db);
              case "web_scrape" -> Events.webSource(id, tenant, db);
              case "s3" -> Events.s3Source(id, tenant, db);
              default -> Events.fileUploadSource(id, tenant, db);
            };
        snap.version(s.version()).createdAt(TIMES[s.time()]);
        String key = id;
        if (s.upper()) {
          key = id.toUpperCase(Locale.ROOT);
          snap.set("id", key);
        }
        h.pipe(h.topics.sources(), utf8(key), snap.bytes(), ts);
        model.sourceSnapshot(id, s.version(), tenant, type, db);
      } else if (ev instanceof SourceDelEv d) {
        String id = w.sourceId(d.src());
        byte[] value =
            d.tombstone() ? null : Events.githubSource(id, w.tenant(0), "docs").set("deleted", true).bytes();
        h.pipe(h.topics.sources(), utf8(id), value, ts);
        model.sourceDeleted(id);
      } else if (ev instanceof JobEv j) {
        playJob(w, model, j, ts);
      } else if (ev instanceof JobDelEv d) {
        String id = w.jobId(d.job());
        byte[] value =
            d.tombstone() ? null : Events.job(id, w.tenant(1), w.sourceId(0)).set("deleted", true).bytes();
        h.pipe(h.topics.jobs(), utf8(id), value, ts);
        model.jobDeleted(id);
      } else if (ev instanceof KeyEv k) {
        String tenant = w.tenant(k.key(), k.tenant());
        List<String> scope = scope(k.scope());
        Events.Snapshot snap =
            Events.apiKey(w.keyId(k.key()), tenant, w.token(k.token()), scope).version(k.version());
        h.pipe(h.topics.apiKeys(), utf8(w.keyId(k.key())), snap.bytes(), ts);
        model.keySnapshot(w.keyId(k.key()), k.version(), tenant, w.token(k.token()), scope, ts);
      } else if (ev instanceof KeyRevokeEv r) {
        String id = w.keyId(r.key());
        Events.Snapshot marker = Events.apiKey(id, w.tenant(0), w.token(r.key() % TOKENS), null);
        byte[] value =
            switch (r.mode()) {
              case 0 -> null;
              case 1 -> marker.set("revoked", true).bytes();
              default -> marker.set("deleted", true).bytes();
            };
        h.pipe(h.topics.apiKeys(), utf8(id), value, ts);
        model.keyRevoked(id);
      }
    }
  }

  private void playJob(World w, TenancyModel model, JobEv j, long ts) {
    String id = w.jobId(j.job());
    String tenant = w.tenant(j.src() < 0 ? j.job() : j.src(), j.tenant());
    String objectKey = OBJECT_KEYS[j.extra() % OBJECT_KEYS.length];
    String ownKind = OWN_KINDS[(j.extra() / 3) % OWN_KINDS.length];
    String ownDb = DBS[db((j.extra() / 12) % 12)];
    boolean upper = (j.extra() / 1000) % 2 == 1;
    Events.Snapshot snap;
    String sourceId = null;
    if (j.src() < 0) {
      snap = Events.sourcelessJob(id, tenant, ownDb);
      snap.edit(
          o -> {
            ObjectNode m = o.with("metadata");
            m.remove("web_scrape");
            switch (ownKind) {
              case "github" -> m.putObject("github").putObject("git_ref_identifier").put("branch", "main");
              case "s3" -> m.putObject("s3").put("bucket_name", "own-bucket");
              default -> m.putNull(ownKind);
            }
          });
    } else {
      sourceId = w.sourceId(j.src());
      snap = Events.job(id, tenant, upper ? sourceId.toUpperCase(Locale.ROOT) : sourceId);
    }
    snap.version(j.version()).createdAt(TIMES[j.time()]).setJson("status", STATUSES[j.status()][0]);
    snap.set("object_key", objectKey);
    String key = upper ? id.toUpperCase(Locale.ROOT) : id;
    snap.set("id", key);
    h.pipe(h.topics.jobs(), utf8(key), snap.bytes(), ts);
    model.jobSnapshot(
        new JobSnap(id, j.version(), tenant, sourceId, STATUSES[j.status()][1],
            TenancyModel.millis(TIMES[j.time()]), objectKey, ownKind, ownDb));
  }

  private static List<String> scope(int i) {
    if (SCOPES[i] == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (int db : SCOPES[i]) {
      out.add(DBS[db]);
    }
    return out;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  // ---------------------------------------------------------------- the property

  @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
  void shouldShowEachKeyOnlyItsTenantsDataInScopeWhenTenantsKeysAndEventsAreRandom(
      @ForAll("scenarios") Scenario scenario, @ForAll long seed) {
    // Given a fresh namespace and a random multi-tenant history played into the real topology
    int n = ++tries;
    List<String> tenants = new ArrayList<>();
    for (int t : scenario.tenants()) {
      tenants.add("n" + n + "/" + TENANT_BASES[t]);
    }
    World w = new World(n, tenants);
    TenancyModel model = new TenancyModel();
    List<Ev> all = new ArrayList<>(scenario.keys());
    all.addAll(scenario.sources());
    all.addAll(scenario.steps());
    play(w, model, all);
    for (TestRecord<byte[], byte[]> dead : h.deadLetters()) {
      // the history is valid event by event: only conflicts with state may be dead-lettered
      assertThat(header(dead, "dlq.reason")).isIn("tenant-mismatch", "type-keys", "duplicate-token");
      Statistics.label("dead letters (conflicts with state)").collect(header(dead, "dlq.reason"));
    }

    // When every token calls every route; Then each sees exactly its own tenant within its scope
    Checker c = new Checker(w, model, new Random(seed));
    Map<String, Who> live = new LinkedHashMap<>();
    List<String> dead = new ArrayList<>();
    for (int t = 0; t < TOKENS; t++) {
      Who who = model.who(w.token(t));
      if (who == null) {
        dead.add(w.token(t));
      } else {
        live.put(w.token(t), who);
      }
    }
    for (Map.Entry<String, Who> e : live.entrySet()) {
      c.checkKey(e.getKey(), e.getValue(), live);
      String first = w.keyId(Integer.parseInt(e.getKey().substring(e.getKey().lastIndexOf('-') + 1)));
      Statistics.label("token held by a key other than its first (re-issued)")
          .collect(!e.getValue().keyId().equals(first));
    }
    Map<String, HttpResponse<String>> unknown = c.unknownTokenAnswers();
    for (String token : dead) {
      c.checkRejectedLikeUnknown(token, unknown);
    }
    Statistics.label("live tokens").collect(live.size());
    Statistics.label("scoped live keys").collect(live.values().stream().filter(x -> x.scope() != null).count());
    Statistics.label("revoked or never issued tokens").collect(dead.size());
    int seen = c.visibleItems;
    Statistics.label("items visible to the live keys, summed").collect(seen == 0 ? "0" : seen < 5 ? "1-4" : seen < 10 ? "5-9" : "10+");
    Statistics.label("hidden source or job probes per try").collect(c.hiddenProbes < 10 ? "<10" : c.hiddenProbes < 30 ? "10-29" : "30+");
    Statistics.label("cursor replays by another key").collect(c.replays > 0);
    int rows = model.rows().size();
    Statistics.label("listed jobs per try").collect(rows < 3 ? "<3" : rows < 6 ? "3-5" : "6+");
    Statistics.label("history length").collect(all.size() < 15 ? "<15" : all.size() < 40 ? "15-39" : "40+");
  }

  private static String header(TestRecord<byte[], byte[]> rec, String name) {
    Header hd = rec.headers().lastHeader(name);
    return hd == null ? null : new String(hd.value(), StandardCharsets.UTF_8);
  }

  // ---------------------------------------------------------------- the checks

  private final class Checker {
    final World w;
    final TenancyModel model;
    final Random rnd;
    int visibleItems;
    int hiddenProbes;
    int replays;

    Checker(World w, TenancyModel model, Random rnd) {
      this.w = w;
      this.model = model;
      this.rnd = rnd;
    }

    void checkKey(String token, Who who, Map<String, Who> live) {
      String ctx = "token " + token + " (" + who + ")";
      // The whole listing, both routes
      HttpResponse<String> full = http.get("/api/v1/sources?limit=1000", token);
      assertOk(full, ctx);
      Answer expectedAll = model.list(who, null, null, null, null, 0, false);
      Map<String, JsonNode> shown = new HashMap<>();
      List<String> ids = new ArrayList<>();
      for (JsonNode item : Json.parse(full.body())) {
        assertMaySee(who, item, ctx + " GET /api/v1/sources");
        shown.put(item.get("id").asText(), item);
        ids.add(item.get("id").asText());
      }
      visibleItems += ids.size();
      assertThat(ids).as("%s: the full listing", ctx).isEqualTo(idsOf(expectedAll.rows()));
      HttpResponse<String> jobsFull = http.get("/api/v1/invocations?limit=1000", token);
      assertThat(jobsFull.body()).as("%s: list_jobs without filters is list_sources", ctx).isEqualTo(full.body());

      // Random filtered listings, followed through their cursors
      for (int i = 0; i < 2; i++) {
        listing(token, who, live, ctx);
      }

      // Databases: another tenant's database answers exactly like one no tenant ever had
      String neverDb = "never-" + rnd.nextInt(1_000_000);
      HttpResponse<String> neverDbAnswer =
          http.get("/api/v1/sources?database_name=" + URLEncoder.encode(neverDb, StandardCharsets.UTF_8), token);
      assertError(neverDbAnswer, who.scope() == null ? 404 : 403, ctx + " never-existing database");
      for (int i = 0; i < 2; i++) {
        String db = DBS[rnd.nextInt(DBS.length)];
        HttpResponse<String> r =
            http.get("/api/v1/sources?database_name=" + URLEncoder.encode(db, StandardCharsets.UTF_8), token);
        // unscoped: 404 unless the tenant has it; scoped: 403 outside the scope, existing or not
        boolean likeNever = who.scope() == null ? !model.databaseExists(who.tenant(), db) : !who.mayRead(db);
        if (likeNever) {
          hiddenProbes++;
          assertThat(r.statusCode()).as("%s database %s", ctx, db).isEqualTo(neverDbAnswer.statusCode());
          assertThat(Answers.withoutText(r.body(), db))
              .as("%s: database %s of another tenant or none", ctx, db)
              .isEqualTo(Answers.withoutText(neverDbAnswer.body(), neverDb));
          assertThat(Answers.headerNames(r)).isEqualTo(Answers.headerNames(neverDbAnswer));
        }
      }

      // Every source id of the try, in both cases, and an id that never existed
      String never = w.neverId(rnd);
      HttpResponse<String> neverSource = http.get("/api/v1/sources/" + never, token);
      HttpResponse<String> neverBySource = http.get("/api/v1/invocations?source_id=" + never, token);
      HttpResponse<String> neverLatest = latest(token, never, latestKeys());
      HttpResponse<String> neverJob = http.get("/api/v1/invocations/" + never, token);
      for (HttpResponse<String> r : List.of(neverSource, neverBySource, neverLatest, neverJob)) {
        assertError(r, 404, ctx + " never-existing id");
      }
      for (int s = 0; s < SOURCES; s++) {
        String id = w.sourceId(s);
        String asSent = rnd.nextBoolean() ? id : id.toUpperCase(Locale.ROOT);
        Src readable = model.readableSource(who, id);
        HttpResponse<String> get = http.get("/api/v1/sources/" + asSent, token);
        HttpResponse<String> bySource = http.get("/api/v1/invocations?source_id=" + asSent + "&limit=1000", token);
        List<String> objectKeys = latestKeys();
        HttpResponse<String> latest = latest(token, asSent, objectKeys);
        if (readable == null) {
          hiddenProbes++;
          assertSameAsNeverExisting(get, asSent, neverSource, never, ctx + " GET source " + asSent);
          assertSameAsNeverExisting(bySource, asSent, neverBySource, never, ctx + " list_jobs source_id=" + asSent);
          assertSameAsNeverExisting(latest, asSent, neverLatest, never, ctx + " latest-by-keys " + asSent);
          continue;
        }
        assertOk(get, ctx);
        JsonNode src = Json.parse(get.body());
        assertThat(src.get("id").asText()).isEqualTo(id);
        assertThat(src.get("database_name").asText()).as("%s: source %s", ctx, id).isEqualTo(readable.db());
        assertThat(src.has(readable.type())).as("%s: source %s type", ctx, id).isTrue();
        assertOk(bySource, ctx);
        List<String> jobIds = new ArrayList<>();
        for (JsonNode item : Json.parse(bySource.body())) {
          assertMaySee(who, item, ctx + " list_jobs source_id=" + id);
          assertThat(item.get("source_id").asText()).isEqualTo(id);
          jobIds.add(item.get("id").asText());
        }
        assertThat(jobIds).as("%s: jobs of source %s", ctx, id)
            .isEqualTo(idsOf(model.list(who, null, null, null, id, 0, false).rows()));
        if (!readable.type().equals("s3")) {
          assertError(latest, 400, ctx + " latest-by-keys on a " + readable.type() + " source");
          continue;
        }
        assertOk(latest, ctx);
        JsonNode map = Json.parse(latest.body());
        Map<String, Row> expected = model.latestByKeys(who, id, objectKeys);
        List<String> keys = new ArrayList<>();
        map.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).as("%s: latest-by-keys keys of %s", ctx, id).containsExactlyElementsOf(expected.keySet());
        for (String k : keys) {
          assertMaySee(who, map.get(k), ctx + " latest-by-keys " + id);
          assertThat(map.get(k).get("id").asText()).isEqualTo(expected.get(k).id());
        }
      }

      // Every job id of the try
      for (int j = 0; j < JOBS; j++) {
        String id = w.jobId(j);
        String asSent = rnd.nextBoolean() ? id : id.toUpperCase(Locale.ROOT);
        HttpResponse<String> get = http.get("/api/v1/invocations/" + asSent, token);
        Row row = model.visibleRow(who, id);
        if (row == null) {
          hiddenProbes++;
          assertSameAsNeverExisting(get, asSent, neverJob, never, ctx + " GET invocation " + asSent);
          continue;
        }
        assertOk(get, ctx);
        JsonNode item = Json.parse(get.body());
        assertMaySee(who, item, ctx + " GET invocation " + id);
        assertThat(item).as("%s: GET invocation %s equals its listed item", ctx, id).isEqualTo(shown.get(id));
      }
    }

    List<String> latestKeys() {
      List<String> keys = new ArrayList<>(List.of(OBJECT_KEYS));
      keys.add("missing");
      keys.add(OBJECT_KEYS[0]);
      Collections.shuffle(keys, rnd);
      return keys;
    }

    HttpResponse<String> latest(String token, String sourceId, List<String> objectKeys) {
      String body = Json.write(Json.MAPPER.valueToTree(Map.of("object_keys", objectKeys)));
      return http.send(
          "POST",
          "/api/v1/sources/" + sourceId + "/invocations/latest-by-keys",
          Map.of("x-chroma-token", token, "Content-Type", "application/json"),
          body);
    }

    /** One random listing: filters of this try (and foreign source ids), paged through Link. */
    void listing(String token, Who who, Map<String, Who> live, String ctx) {
      boolean jobs = rnd.nextBoolean();
      String db = rnd.nextInt(3) == 0 ? DBS[rnd.nextInt(DBS.length)] : null;
      String kind = rnd.nextInt(3) == 0 ? new String[] {"github", "web_scrape", "s3"}[rnd.nextInt(3)] : null;
      String status = jobs && rnd.nextInt(3) == 0 ? STATUSES[rnd.nextInt(STATUSES.length)][1] : null;
      String sourceId =
          jobs && rnd.nextInt(3) == 0
              ? (rnd.nextInt(4) == 0 ? w.neverId(rnd) : w.sourceId(rnd.nextInt(SOURCES)))
              : null;
      // small pages, so that Link cursors are followed (and replayed by other keys) often
      int limit = rnd.nextInt(10) == 0 ? 0 : rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(6) : 1;
      long offset = rnd.nextInt(3) == 0 ? rnd.nextInt(4) : 0;
      boolean asc = rnd.nextBoolean();
      Map<String, String> params = new LinkedHashMap<>();
      params.put("database_name", db);
      params.put("source_type", kind);
      params.put("status", status);
      params.put("source_id", sourceId);
      params.put("limit", Integer.toString(limit));
      params.put("offset", offset == 0 ? null : Long.toString(offset));
      params.put("order_by", asc ? (rnd.nextBoolean() ? "ASC" : "aSc") : (rnd.nextBoolean() ? "desc" : null));
      params.put("unknown_param", rnd.nextBoolean() ? "x" : null);
      List<String> pairs = new ArrayList<>();
      params.forEach((k, v) -> {
        if (v != null) {
          pairs.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
        }
      });
      Collections.shuffle(pairs, rnd);
      String url = (jobs ? "/api/v1/invocations" : "/api/v1/sources") + "?" + String.join("&", pairs);
      String what = ctx + " GET " + url;

      Answer expected = model.list(who, db, kind, status, sourceId, offset, asc);
      HttpResponse<String> r = http.get(url, token);
      if (expected.status() != 200) {
        assertError(r, expected.status(), what);
        return;
      }
      List<String> seen = new ArrayList<>();
      String next = url;
      String firstLink = null;
      int pages = 0;
      int maxPages = limit == 0 ? 1 : expected.rows().size() / limit + 2;
      while (next != null) {
        assertThat(++pages).as("%s: pages", what).isLessThanOrEqualTo(maxPages);
        HttpResponse<String> page = pages == 1 ? r : http.get(next, token);
        assertOk(page, what + " page " + pages);
        JsonNode items = Json.parse(page.body());
        assertThat(items.size()).as("%s: page size", what).isLessThanOrEqualTo(limit);
        for (JsonNode item : items) {
          assertMaySee(who, item, what);
          seen.add(item.get("id").asText());
        }
        next = Answers.next(page);
        if (firstLink == null) {
          firstLink = next;
        }
      }
      List<String> expectedIds = idsOf(limit == 0 ? List.of() : expected.rows());
      assertThat(seen).as("%s: every page, concatenated", what).isEqualTo(expectedIds);
      if (firstLink != null) {
        replayCursorWithOtherKeys(firstLink, token, who, live, what);
      }
    }

    /** A cursor of one tenant is a 400 for every other tenant; within a tenant scope still holds. */
    void replayCursorWithOtherKeys(String link, String token, Who who, Map<String, Who> live, String what) {
      for (Map.Entry<String, Who> other : live.entrySet()) {
        if (other.getKey().equals(token)) {
          continue;
        }
        HttpResponse<String> r = http.get(link, other.getKey());
        replays++;
        String ctx = what + " cursor replayed by " + other.getValue();
        if (!other.getValue().tenant().equals(who.tenant())) {
          assertError(r, 400, ctx);
          assertThat(r.body()).as(ctx).doesNotContain(who.tenant());
        } else if (r.statusCode() == 200) {
          for (JsonNode item : Json.parse(r.body())) {
            assertMaySee(other.getValue(), item, ctx);
          }
        } else {
          assertThat(r.statusCode()).as(ctx).isIn(403, 404);
        }
      }
    }

    /**
     * A revoked (or never issued) token answers exactly like a token nobody ever issued, and like
     * no token at all: same status, same body byte for byte, same header names, on every route.
     */
    void checkRejectedLikeUnknown(String token, Map<String, HttpResponse<String>> unknown) {
      String src = w.sourceId(0);
      for (String route : ROUTES_401) {
        HttpResponse<String> revoked = call401(route, token, src);
        HttpResponse<String> baseline = unknown.get(route);
        String ctx = "revoked token " + token + " on " + route;
        assertError(revoked, 401, ctx);
        assertThat(revoked.body()).as(ctx).isEqualTo(baseline.body());
        assertThat(Answers.headerNames(revoked)).as(ctx).isEqualTo(Answers.headerNames(baseline));
      }
    }

    /** The answers of every route to a token nobody issued, checked against no token at all. */
    Map<String, HttpResponse<String>> unknownTokenAnswers() {
      String unknown = "n" + w.n() + "-never-issued-" + rnd.nextInt(1000);
      String src = w.sourceId(0);
      Map<String, HttpResponse<String>> out = new HashMap<>();
      for (String route : ROUTES_401) {
        HttpResponse<String> baseline = call401(route, unknown, src);
        HttpResponse<String> none = call401(route, null, src);
        String ctx = "unknown token on " + route;
        assertError(baseline, 401, ctx);
        assertThat(baseline.body()).as(ctx).isEqualTo(none.body());
        assertThat(Answers.headerNames(baseline)).as(ctx).isEqualTo(Answers.headerNames(none));
        out.put(route, baseline);
      }
      return out;
    }

    HttpResponse<String> call401(String route, String token, String src) {
      Map<String, String> headers = new HashMap<>();
      if (token != null) {
        headers.put("x-chroma-token", token);
      }
      return switch (route) {
        case "sources" -> http.send("GET", "/api/v1/sources?limit=5", headers, null);
        case "invocations" -> http.send("GET", "/api/v1/invocations?source_id=" + src, headers, null);
        case "source" -> http.send("GET", "/api/v1/sources/" + src, headers, null);
        case "invocation" -> http.send("GET", "/api/v1/invocations/" + w.jobId(3), headers, null);
        default -> {
          headers.put("Content-Type", "application/json");
          yield http.send("POST", "/api/v1/sources/" + src + "/invocations/latest-by-keys", headers,
              "{\"object_keys\":[\"a.pdf\"]}");
        }
      };
    }

    /**
     * The isolation assertion proper, from the test's own ownership tracking: the item is a job
     * whose current snapshot is of the key's tenant, whose source (if any) is a live source of the
     * same tenant, and whose database is in the key's scope.
     */
    void assertMaySee(Who who, JsonNode item, String what) {
      String id = item.get("id").asText();
      JobSnap job = model.job(id);
      assertThat(job).as("LEAK in %s: item %s is not a live job", what, id).isNotNull();
      assertThat(job.tenant())
          .as("LEAK in %s: job %s of another tenant", what, id)
          .isEqualTo(who.tenant());
      String db = job.ownDb();
      if (job.sourceId() != null) {
        Src s = model.source(job.sourceId());
        assertThat(s).as("LEAK in %s: job %s of a source never seen", what, id).isNotNull();
        assertThat(s.deleted()).as("LEAK in %s: job %s of a deleted source", what, id).isFalse();
        assertThat(s.tenant()).as("LEAK in %s: job %s of another tenant's source", what, id).isEqualTo(who.tenant());
        db = s.db();
        assertThat(item.get("source_id").asText()).as("%s: source of %s", what, id).isEqualTo(job.sourceId());
      } else {
        assertThat(item.get("source_id").isNull()).as("%s: source of %s", what, id).isTrue();
      }
      String shownDb = item.get("metadata").get("database_name").asText();
      assertThat(who.mayRead(shownDb)).as("SCOPE LEAK in %s: job %s of database %s", what, id, shownDb).isTrue();
      assertThat(shownDb).as("%s: database of %s", what, id).isEqualTo(db);
      assertThat(item.get("created_at").asText())
          .as("%s: created_at of %s", what, id)
          .isEqualTo(API_TIME.format(Instant.ofEpochMilli(job.createdAt())));
    }

    void assertSameAsNeverExisting(
        HttpResponse<String> probe, String probed, HttpResponse<String> baseline, String never, String what) {
      assertThat(probe.statusCode()).as("%s: status, body %s", what, probe.body()).isEqualTo(baseline.statusCode());
      assertThat(Answers.withoutId(probe.body(), probed))
          .as("%s: body", what)
          .isEqualTo(Answers.withoutId(baseline.body(), never));
      assertThat(Answers.headerNames(probe)).as("%s: header names", what).isEqualTo(Answers.headerNames(baseline));
    }

    void assertOk(HttpResponse<String> r, String what) {
      assertThat(r.statusCode()).as("%s: %s", what, r.body()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).hasValue(Answers.JSON_TYPE);
    }

    void assertError(HttpResponse<String> r, int status, String what) {
      assertThat(r.statusCode()).as("%s: %s", what, r.body()).isEqualTo(status);
      assertThat(Answers.errorShapeProblem(r.body())).as("%s: %s", what, r.body()).isNull();
      assertThat(Json.parse(r.body()).get("error").asText()).as(what).isEqualTo(Answers.word(status));
      assertThat(r.headers().firstValue("Content-Type")).as(what).hasValue(Answers.JSON_TYPE);
    }
  }

  private static List<String> idsOf(List<Row> rows) {
    List<String> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(r.id());
    }
    return out;
  }
}
