package dev.syncview.contract;

import static dev.syncview.contract.Verdicts.API_KEYS;
import static dev.syncview.contract.Verdicts.JOBS;
import static dev.syncview.contract.Verdicts.SOURCES;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncview.contract.Sample.Agree;
import dev.syncview.testing.Events;
import dev.syncview.testing.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Records read off docs/contract/events.md rule by rule, valid and not, for what the service's
 * own hostile and dead-letter corpora leave out: every optional field's types, null type keys,
 * code-point lengths, timestamp edges, the five status forms, source-less metadata, key hashes.
 */
final class ContractSamples {
  static final String SRC = "0b6b1f8e-2c55-4a8e-9a7e-3f3c2b1d4e5f";
  static final String JOB = "7d0c6d58-5f0e-4b7a-9a51-0d1f1b2f6e10";
  static final String KEY = "key-ops-1";
  static final String LONG_MAX = "9223372036854775807";
  static final String TWO_63 = "9223372036854775808";
  /** Outside the Basic Multilingual Plane: one code point, two UTF-16 units. */
  static final String EMOJI = "\ud83d\ude00";

  private final List<Sample> out = new ArrayList<>();

  static List<Sample> all() {
    ContractSamples c = new ContractSamples();
    c.sources();
    c.typeConfigs();
    c.timestamps();
    c.jobs();
    c.statuses();
    c.ownMetadata();
    c.apiKeys();
    return c.out;
  }

  private void sources() {
    src("github source", true, gh());
    src("web_scrape source", true, Events.webSource(SRC, "acme", "docs"));
    src("s3 source", true, s3());
    src("file_upload source", true, Events.fileUploadSource(SRC, "acme", "docs"));
    src("id in upper case", true, gh().set("id", SRC.toUpperCase()));
    src("unknown extra fields", true, gh().set("owner", "x").setJson("extra", "{\"a\":[1,{}]}"));
    src("version 2^63-1", true, gh().setJson("version", LONG_MAX));
    src("deleted true on a valid snapshot", true, gh().set("deleted", true));
    src("deleted false", true, gh().set("deleted", false));
    src("deleted null", true, gh().setNull("deleted"));
    src("deleted true without a tenant", false, gh().set("deleted", true).remove("tenant"));
    src("deleted 1", false, gh().set("deleted", 1));
    src("version null", false, gh().setNull("version"));
    src("version -1", false, gh().version(-1));
    src("version 1e400", false, gh().setJson("version", "1e400"));
    src("tenant of 128 code points outside the BMP", true, gh().set("tenant", EMOJI.repeat(128)));
    src("tenant of 129 code points outside the BMP", false, gh().set("tenant", EMOJI.repeat(129)));
    src("tenant as a number", false, gh().set("tenant", 7));
    src("tenant null", false, gh().setNull("tenant"));
    src("database_name of 256 code points outside the BMP", true, gh().set("database_name", EMOJI.repeat(256)));
    src("database_name of 257 code points outside the BMP", false, gh().set("database_name", EMOJI.repeat(257)));
    src("database_name empty", false, gh().set("database_name", ""));
    src("id with braces", false, gh().set("id", "{" + SRC + "}"));
    src("id as urn:uuid:", false, gh().set("id", "urn:uuid:" + SRC));
    src("id without dashes", false, gh().set("id", SRC.replace("-", "")));
    src("id with a non-hex digit", false, gh().set("id", SRC.replace('b', 'g')));
    src("id as a number", false, gh().set("id", 12));
    src("embedding_model null, embedding a string, chunking a list", true,
        gh().setNull("embedding_model").set("embedding", "x").setJson("chunking", "[1,\"a\"]"));
    src("credentials at depth in embedding, in any letter case", true,
        gh().setJson("embedding", "{\"a\":[{\"AWS_Secret_Access_Key\":\"s\",\"aws_access_key_id\":{\"x\":1}}]}"));
    src("a value that is a JSON array", false, bytes("[1]"));
    src("a value that is JSON null text", false, bytes("null"));
  }

  private void typeConfigs() {
    src("github null beside an s3 config", true, s3().setNull("github"));
    src("three null type keys beside a web_scrape config", true,
        Events.webSource(SRC, "acme", "docs").setNull("github").setNull("s3").setNull("file_upload"));
    src("every type key null", false, gh().setNull("github").setNull("s3"));
    src("github and s3 configs", false, s3().setJson("github", "{\"repository\":\"a/b\"}"));
    src("github and an empty file_upload", false, gh().setJson("file_upload", "{}"));
    src("github as a string", false, gh().set("github", "a/b"));
    src("file_upload as an array", false, gh().remove("github").setJson("file_upload", "[]"));
    src("file_upload with credentials at depth", true, gh().remove("github")
        .setJson("file_upload", "{\"name\":\"a.pdf\",\"meta\":{\"AWS_ACCESS_KEY_ID\":\"k\"}}"));
    for (String appId : new String[] {"\"123\"", "123", "null", "-5"}) {
      src("github app_id " + appId, true, config(gh(), "github", "app_id", appId));
    }
    for (String appId : new String[] {"1.5", "true", "{}", "[]"}) {
      src("github app_id " + appId, false, config(gh(), "github", "app_id", appId));
    }
    src("github include_globs null", true, config(gh(), "github", "include_globs", "null"));
    src("github include_globs empty", true, config(gh(), "github", "include_globs", "[]"));
    src("github include_globs a string", false, config(gh(), "github", "include_globs", "\"docs/**\""));
    src("github include_globs [1]", false, config(gh(), "github", "include_globs", "[1]"));
    src("github include_globs [null]", false, config(gh(), "github", "include_globs", "[null]"));
    for (String repo : new String[] {"chroma", "a/b/c", "a /b", "/b", "a/", "a/b\n", "a\u3000b/c"}) {
      boolean ok = repo.equals("a\u3000b/c"); // only ASCII white space is refused
      src("github repository " + Json.write(Json.MAPPER.getNodeFactory().textNode(repo)), ok,
          config(gh(), "github", "repository", Json.write(Json.MAPPER.getNodeFactory().textNode(repo))));
    }
    src("github without repository", false, gh().setJson("github", "{\"app_id\":1}"));
    for (String mode : new String[] {"\"none\"", "\"direct\"", "\"metadata\"", "\"a-future-mode\"", "\"\"", "null"}) {
      src("s3 auto_sync " + mode, true, config(s3(), "s3", "auto_sync", mode));
    }
    src("s3 auto_sync of 4096 characters", true, config(s3(), "s3", "auto_sync", "\"" + "a".repeat(4096) + "\""));
    src("s3 auto_sync of 4097 characters", false, config(s3(), "s3", "auto_sync", "\"" + "a".repeat(4097) + "\""));
    for (String mode : new String[] {"true", "false", "1", "{\"mode\":\"direct\"}", "[\"direct\"]"}) {
      src("s3 auto_sync " + mode, false, config(s3(), "s3", "auto_sync", mode));
    }
    for (String id : new String[] {"7", "\"cred-7\"", "null"}) {
      src("s3 aws_credential_id " + id, true, config(s3(), "s3", "aws_credential_id", id));
    }
    for (String id : new String[] {"1.5", "true", "{}"}) {
      src("s3 aws_credential_id " + id, false, config(s3(), "s3", "aws_credential_id", id));
    }
    src("s3 path_prefix null", true, config(s3(), "s3", "path_prefix", "null"));
    src("s3 path_prefix empty", true, config(s3(), "s3", "path_prefix", "\"\""));
    src("s3 path_prefix 5", false, config(s3(), "s3", "path_prefix", "5"));
    src("s3 with credentials of any type", true,
        config(config(s3(), "s3", "aws_access_key_id", "\"AKIA\""), "s3", "aws_secret_access_key", "12"));
    src("s3 without region", false, s3().edit(o -> inner(o, "s3").remove("region")));
    src("s3 region null", false, config(s3(), "s3", "region", "null"));
    src("s3 bucket_name empty", false, config(s3(), "s3", "bucket_name", "\"\""));
    src("s3 collection_name of 4097 characters", false,
        config(s3(), "s3", "collection_name", "\"" + "c".repeat(4097) + "\""));
    Events.Snapshot web = Events.webSource(SRC, "acme", "docs");
    src("web_scrape max_depth 0 and page_limit 2^63-1", true,
        config(config(web.copy(), "web_scrape", "max_depth", "0"), "web_scrape", "page_limit", LONG_MAX));
    src("web_scrape path regex lists", true, config(config(web.copy(), "web_scrape", "include_path_regexes",
        "[\"^/docs\"]"), "web_scrape", "exclude_path_regexes", "null"));
    for (String n : new String[] {"-1", "\"3\"", "1.5", "-1e400", "true"}) {
      src("web_scrape max_depth " + n, false, config(web.copy(), "web_scrape", "max_depth", n));
    }
    src("web_scrape page_limit -1", false, config(web.copy(), "web_scrape", "page_limit", "-1"));
    src("web_scrape include_path_regexes [null]", false,
        config(web.copy(), "web_scrape", "include_path_regexes", "[null]"));
    src("web_scrape without starting_url", false, web.copy().setJson("web_scrape", "{\"max_depth\":1}"));
  }

  private void timestamps() {
    String[] valid = {"2026-11-20T10:15:30Z", "2026-11-20t10:15:30z", "2026-11-20T10:15:30+23:59",
      "2026-11-20T10:15:30-00:00", "2026-11-20T10:15:30.123456789+05:30", "2026-11-20T10:15:30." + "1".repeat(43) + "Z",
      "2024-02-29T00:00:00Z", "2000-02-29T00:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z",
      "2026-04-30T23:59:59Z"};
    String[] invalid = {"2026-11-20T10:15:30", "2026-11-20", "2026-11-20 10:15:30Z", "2026-11-20T10:15:30+0100",
      "2026-11-20T10:15:30+01", "2026-11-20T10:15:30.Z", "2026-11-20T24:00:00Z", "2026-11-20T10:60:00Z",
      "2026-11-20T23:59:60Z", "2026-11-20T10:15:30+24:00", "2026-11-20T10:15:30+01:60", "2026-13-01T00:00:00Z",
      "2026-00-10T00:00:00Z", "2026-11-00T00:00:00Z", "2026-04-31T00:00:00Z", "2026-02-29T00:00:00Z",
      "1900-02-29T00:00:00Z", "2026-02-30T00:00:00Z", "26-11-20T10:15:30Z", "+2026-11-20T10:15:30Z",
      "2026-11-20T10:15:30Z\n", "\uff12026-11-20T10:15:30Z"};
    for (String t : valid) {
      src("created_at " + t, true, gh().createdAt(t));
    }
    for (String t : invalid) {
      src("created_at " + Json.write(Json.MAPPER.getNodeFactory().textNode(t)), false, gh().createdAt(t));
    }
    src("created_at as epoch millis", false, gh().set("created_at", 1_700_000_000_000L));
  }

  private void jobs() {
    job("job of a source", true, Events.job(JOB, "acme", SRC));
    job("source-less job", true, Events.sourcelessJob(JOB, "acme", "docs"));
    job("source_id in upper case", true, Events.job(JOB, "acme", SRC.toUpperCase()));
    job("ref_identifier sha", true, Events.job(JOB, "acme", SRC).setJson("ref_identifier", "{\"sha\":\"abc\"}"));
    job("ref_identifier null", true, Events.job(JOB, "acme", SRC).setNull("ref_identifier"));
    job("only the required fields", true, Events.job(JOB, "acme", SRC).remove("ref_identifier").remove("target_collection_name"));
    job("empty object_key and custom_id", true, Events.job(JOB, "acme", SRC).set("object_key", "").set("custom_id", ""));
    job("target_collection_name of 1024 characters", true, Events.job(JOB, "acme", SRC).set("target_collection_name", "t".repeat(1024)));
    job("target_collection_name of 1025 characters", false, Events.job(JOB, "acme", SRC).set("target_collection_name", "t".repeat(1025)));
    job("target_collection_name empty", false, Events.job(JOB, "acme", SRC).set("target_collection_name", ""));
    job("object_key of 1025 characters", false, Events.job(JOB, "acme", SRC).set("object_key", "k".repeat(1025)));
    job("custom_id 5", false, Events.job(JOB, "acme", SRC).set("custom_id", 5));
    job("additional_metadata with credentials at depth", true, Events.job(JOB, "acme", SRC)
        .setJson("additional_metadata", "{\"x\":{\"Aws_Access_Key_Id\":\"k\"},\"n\":1.10}"));
    job("additional_metadata an array", false, Events.job(JOB, "acme", SRC).setJson("additional_metadata", "[]"));
    job("additional_metadata null", true, Events.job(JOB, "acme", SRC).setNull("additional_metadata"));
    job("ref_identifier both forms", false, Events.job(JOB, "acme", SRC).setJson("ref_identifier", "{\"branch\":\"a\",\"sha\":\"b\"}"));
    job("ref_identifier tag", false, Events.job(JOB, "acme", SRC).setJson("ref_identifier", "{\"tag\":\"v1\"}"));
    job("ref_identifier {}", false, Events.job(JOB, "acme", SRC).setJson("ref_identifier", "{}"));
    job("ref_identifier empty branch", false, Events.job(JOB, "acme", SRC).setJson("ref_identifier", "{\"branch\":\"\"}"));
    job("ref_identifier branch null", false, Events.job(JOB, "acme", SRC).setJson("ref_identifier", "{\"branch\":null}"));
    job("ref_identifier a string", false, Events.job(JOB, "acme", SRC).set("ref_identifier", "main"));
    job("source_id 5", false, Events.job(JOB, "acme", SRC).set("source_id", 5));
    job("deleted true", true, Events.job(JOB, "acme", SRC).set("deleted", true));
    job("deleted \"yes\"", false, Events.job(JOB, "acme", SRC).set("deleted", "yes"));
    job("garbage metadata beside a source_id", true, Events.job(JOB, "acme", SRC).set("metadata", "ignored"));
    job("tenant empty", false, Events.job(JOB, "acme", SRC).set("tenant", ""));
  }

  private void statuses() {
    String[] valid = {"\"pending\"", "\"processing\"", "\"cancelled\"",
      "{\"complete\":{\"finished_at\":\"2026-11-20T10:16:02.000Z\",\"duration_ms\":31877}}",
      "{\"complete\":{\"finished_at\":\"2026-11-20T10:16:02Z\",\"duration_ms\":0,\"extra\":1}}",
      "{\"complete\":{\"finished_at\":\"2026-11-20T10:16:02Z\",\"duration_ms\":" + LONG_MAX + "}}",
      "{\"failed\":{\"error\":\"\"}}", "{\"failed\":{\"error\":\"boom\",\"code\":7}}"};
    String[] invalid = {"\"Pending\"", "\"done\"", "\"\"", "null", "1", "[\"pending\"]", "{}", "{\"pending\":null}",
      "{\"complete\":{}}", "{\"complete\":null}", "{\"complete\":\"now\"}",
      "{\"complete\":{\"finished_at\":\"2026-11-20T10:16:02Z\"}}",
      "{\"complete\":{\"duration_ms\":1}}",
      "{\"complete\":{\"finished_at\":\"2026-11-20T10:16:02\",\"duration_ms\":1}}",
      "{\"complete\":{\"finished_at\":\"2026-11-20T10:16:02Z\",\"duration_ms\":-1}}",
      "{\"complete\":{\"finished_at\":\"2026-11-20T10:16:02Z\",\"duration_ms\":1.5}}",
      "{\"complete\":{\"finished_at\":\"2026-11-20T10:16:02Z\",\"duration_ms\":\"1\"}}",
      "{\"complete\":{\"finished_at\":\"2026-11-20T10:16:02Z\",\"duration_ms\":null}}",
      "{\"failed\":{}}", "{\"failed\":{\"error\":1}}", "{\"failed\":{\"error\":null}}", "{\"failed\":\"boom\"}",
      "{\"failed\":{\"error\":\"x\"},\"note\":1}", "{\"Failed\":{\"error\":\"x\"}}"};
    for (String s : valid) {
      job("status " + s, true, Events.job(JOB, "acme", SRC).setJson("status", s));
    }
    for (String s : invalid) {
      job("status " + s, false, Events.job(JOB, "acme", SRC).setJson("status", s));
    }
  }

  private void ownMetadata() {
    String[] valid = {
      "{\"github\":{\"git_ref_identifier\":{\"branch\":\"main\"}},\"database_name\":\"d\",\"collection_name\":\"c\"}",
      "{\"s3\":{\"bucket_name\":\"b\",\"object_key\":\"k\",\"custom_id\":null,\"additional_metadata\":{\"a\":1}},\"database_name\":\"d\",\"collection_name\":\"c\"}",
      "{\"Unknown\":null,\"database_name\":\"d\",\"collection_name\":\"c\"}",
      "{\"web_scrape\":null,\"database_name\":\"d\",\"collection_name\":\"c\",\"other\":[1]}",
      "{\"github\":{\"git_ref_identifier\":{\"sha\":\"abc\"},\"more\":1},\"database_name\":\"d\",\"collection_name\":\"c\"}"};
    String[] invalid = {
      "{\"web_scrape\":{},\"database_name\":\"d\",\"collection_name\":\"c\"}",
      "{\"Unknown\":1,\"database_name\":\"d\",\"collection_name\":\"c\"}",
      "{\"github\":null,\"database_name\":\"d\",\"collection_name\":\"c\"}",
      "{\"github\":{},\"database_name\":\"d\",\"collection_name\":\"c\"}",
      "{\"github\":{\"git_ref_identifier\":null},\"database_name\":\"d\",\"collection_name\":\"c\"}",
      "{\"s3\":{\"object_key\":\"k\"},\"database_name\":\"d\",\"collection_name\":\"c\"}",
      "{\"s3\":{\"bucket_name\":\"b\",\"additional_metadata\":[]},\"database_name\":\"d\",\"collection_name\":\"c\"}",
      "{\"web_scrape\":null,\"Unknown\":null,\"database_name\":\"d\",\"collection_name\":\"c\"}",
      "{\"unknown\":null,\"database_name\":\"d\",\"collection_name\":\"c\"}",
      "{\"web_scrape\":null,\"collection_name\":\"c\"}",
      "{\"web_scrape\":null,\"database_name\":\"\",\"collection_name\":\"c\"}",
      "{\"web_scrape\":null,\"database_name\":\"d\"}",
      "{\"web_scrape\":null,\"database_name\":\"d\",\"collection_name\":\"\"}",
      "{\"web_scrape\":null,\"database_name\":\"d\",\"collection_name\":\"" + "c".repeat(1025) + "\"}",
      "[]", "null"};
    for (String m : valid) {
      job("source-less metadata " + m, true, Events.sourcelessJob(JOB, "acme", "d").setJson("metadata", m));
    }
    for (String m : invalid) {
      job("source-less metadata " + abbreviate(m), false, Events.sourcelessJob(JOB, "acme", "d").setJson("metadata", m));
    }
    job("source-less job without metadata", false, Events.sourcelessJob(JOB, "acme", "d").remove("metadata"));
  }

  private void apiKeys() {
    key("key for every database", true, Events.apiKey(KEY, "acme", "tok", null));
    key("key for two databases", true, Events.apiKey(KEY, "acme", "tok", List.of("docs", "support")));
    key("key for no database", true, Events.apiKey(KEY, "acme", "tok", List.of()));
    key("key without databases and revoked", true, Events.apiKey(KEY, "acme", "tok", null).remove("databases").remove("revoked"));
    key("revoked key", true, Events.apiKey(KEY, "acme", "tok", null).set("revoked", true));
    key("revoked null", true, Events.apiKey(KEY, "acme", "tok", null).setNull("revoked"));
    key("deleted key", true, Events.apiKey(KEY, "acme", "tok", null).set("deleted", true));
    String hash = Events.sha256("tok");
    key("token_sha256 in upper case", false, Events.apiKey(KEY, "acme", "tok", null).set("token_sha256", hash.toUpperCase()));
    key("token_sha256 of 63 digits", false, Events.apiKey(KEY, "acme", "tok", null).set("token_sha256", hash.substring(1)));
    key("token_sha256 of 65 digits", false, Events.apiKey(KEY, "acme", "tok", null).set("token_sha256", hash + "0"));
    key("token_sha256 not hex", false, Events.apiKey(KEY, "acme", "tok", null).set("token_sha256", "g" + hash.substring(1)));
    key("token_sha256 with a line break", false, Events.apiKey(KEY, "acme", "tok", null).set("token_sha256", hash.substring(1) + "\n"));
    key("token_sha256 missing", false, Events.apiKey(KEY, "acme", "tok", null).remove("token_sha256"));
    key("the token in clear instead of its hash", false, Events.apiKey(KEY, "acme", "tok", null).set("token_sha256", "tok"));
    key("databases a string", false, Events.apiKey(KEY, "acme", "tok", null).set("databases", "docs"));
    key("databases [\"\"]", false, Events.apiKey(KEY, "acme", "tok", List.of("")));
    key("databases [null]", false, Events.apiKey(KEY, "acme", "tok", null).setJson("databases", "[null]"));
    key("databases with a 257-character name", false, Events.apiKey(KEY, "acme", "tok", List.of("d".repeat(257))));
    key("revoked \"false\"", false, Events.apiKey(KEY, "acme", "tok", null).set("revoked", "false"));
    key("deleted 0", false, Events.apiKey(KEY, "acme", "tok", null).set("deleted", 0));
    key("tenant missing", false, Events.apiKey(KEY, "acme", "tok", null).remove("tenant"));
    key("version 0", false, Events.apiKey(KEY, "acme", "tok", null).version(0));
    key("version missing", false, Events.apiKey(KEY, "acme", "tok", null).remove("version"));
    out.add(new Sample("id 5 with key \"5\"", API_KEYS, bytes("5"),
        Events.apiKey("5", "acme", "tok", null).set("id", 5).bytes(), new Agree(false)));
  }

  // ---------------------------------------------------------------- builders

  static Events.Snapshot gh() {
    return Events.githubSource(SRC, "acme", "docs");
  }

  static Events.Snapshot s3() {
    return Events.s3Source(SRC, "acme", "docs");
  }

  static Events.Snapshot config(Events.Snapshot s, String type, String field, String json) {
    return s.edit(o -> inner(o, type).set(field, Json.parse(json)));
  }

  static ObjectNode inner(ObjectNode o, String field) {
    return (ObjectNode) o.get(field);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String abbreviate(String s) {
    return s.length() > 90 ? s.substring(0, 90) + "..." : s;
  }

  private void src(String name, boolean valid, Events.Snapshot s) {
    src(name, valid, s.bytes());
  }

  private void src(String name, boolean valid, byte[] value) {
    out.add(new Sample(name, SOURCES, bytes(SRC), value, new Agree(valid)));
  }

  private void job(String name, boolean valid, Events.Snapshot s) {
    out.add(new Sample(name, JOBS, bytes(JOB), s.bytes(), new Agree(valid)));
  }

  private void key(String name, boolean valid, Events.Snapshot s) {
    out.add(new Sample(name, API_KEYS, bytes(KEY), s.bytes(), new Agree(valid)));
  }
}
