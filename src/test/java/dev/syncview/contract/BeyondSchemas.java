package dev.syncview.contract;

import static dev.syncview.contract.Verdicts.API_KEYS;
import static dev.syncview.contract.Verdicts.JOBS;
import static dev.syncview.contract.Verdicts.SOURCES;

import dev.syncview.contract.Sample.Agree;
import dev.syncview.contract.Sample.Beyond;
import dev.syncview.contract.Sample.Expect;
import dev.syncview.contract.Sample.Stateful;
import dev.syncview.testing.Events;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Records whose verdict a JSON Schema of one value cannot reach, each with the reason, and the
 * places where the parser refuses what the contract allows. schemas/README.md says the same to
 * publishers.
 */
final class BeyondSchemas {
  static final String KEY_IS_ID = "the value's id must equal the record key: a schema sees the value only";
  static final String LITERAL = "JSON Schema's integer is a value (2.0 == 2), the service wants an integer literal";
  static final String DUPLICATES = "duplicate keys: a schema sees one parsed object, most readers keep one of them";
  static final String DEPTH = "nesting deeper than 64: no schema keyword bounds depth";
  static final String DIGITS = "number literals over 10,000 characters: a schema sees the value, not its text";
  static final String SURROGATE = "a lone UTF-16 surrogate escape (\\ud800) is valid JSON text, not UTF-8 text";
  static final String SURROGATE_NAME =
      "a lone surrogate escape in a field name: whether it parses is the reader's choice (Jackson 3 refuses it)";
  static final String BOM =
      "a UTF-8 byte order mark: RFC 8259 forbids sending one and lets readers skip it (the service does)";
  static final String UTC_RANGE = "the instant in UTC must fall in years 0000..9999: an offset moves it across";
  static final String KEYS = "record keys are not part of the value";

  /** Hostile and dead-letter cases, by name, whose verdict a schema cannot reach. */
  static final Map<String, Expect> CORPUS =
      Map.ofEntries(
          Map.entry("source with 10k nested arrays in an unknown field", new Beyond(DEPTH, true, false)),
          Map.entry("source with 10k nested objects in chunking", new Beyond(DEPTH, true, false)),
          Map.entry("job with 10k nested arrays in additional_metadata", new Beyond(DEPTH, true, false)),
          Map.entry("api key with 10k nested arrays", new Beyond(DEPTH, true, false)),
          Map.entry("source with a 10,001-digit number in an unknown field", new Beyond(DIGITS, true, false)),
          Map.entry(
              "source created at 9999-12-31T23:59:59.999-23:59 (year 10000 in UTC)",
              new Beyond(UTC_RANGE, true, false)),
          Map.entry("source with a lone surrogate escape in database_name", new Beyond(SURROGATE, true, false)),
          Map.entry("source with a lone surrogate escape in a kept blob", new Beyond(SURROGATE, true, false)),
          Map.entry(
              "source with a lone surrogate escape in a kept blob's field name",
              new Beyond(SURROGATE_NAME, false, false)),
          Map.entry("source with a UTF-8 BOM", new Beyond(BOM, false, true)),
          Map.entry("source with duplicate keys", new Beyond(DUPLICATES, true, false)),
          Map.entry("source with duplicate keys in a kept blob", new Beyond(DUPLICATES, true, false)),
          Map.entry("job with duplicate keys", new Beyond(DUPLICATES, true, false)),
          Map.entry("api key with duplicate keys", new Beyond(DUPLICATES, true, false)),
          Map.entry("id differs from key", new Beyond(KEY_IS_ID, true, false)),
          Map.entry("version 2.0", new Beyond(LITERAL, true, false)));

  static List<Sample> beyond() {
    String src = ContractSamples.SRC;
    String job = ContractSamples.JOB;
    List<Sample> out = new ArrayList<>();
    // Raw text: the builders' writer would print 1e0 as 1.
    out.add(new Sample("version 1e0", SOURCES, utf8(src),
        utf8(ContractSamples.gh().json().replace("\"version\":1", "\"version\":1e0")), new Beyond(LITERAL, true, false)));
    out.add(source("github app_id 1.0", LITERAL, ContractSamples.config(ContractSamples.gh(), "github", "app_id", "1.0")));
    out.add(source("s3 aws_credential_id 5.0", LITERAL,
        ContractSamples.config(ContractSamples.s3(), "s3", "aws_credential_id", "5.0")));
    out.add(source("web_scrape max_depth 3.0", LITERAL, ContractSamples.config(
        Events.webSource(src, "acme", "docs"), "web_scrape", "max_depth", "3.0")));
    // 1e400 is over 2^63-1 as a value: schema and parser refuse it alike
    out.add(new Sample("web_scrape max_depth 1e400", SOURCES, utf8(src), ContractSamples.config(
        Events.webSource(src, "acme", "docs"), "web_scrape", "max_depth", "1e400").bytes(), new Agree(false)));
    out.add(new Sample("status complete with duration_ms 5.0", JOBS, utf8(job), Events.job(job, "acme", src)
        .setJson("status", "{\"complete\":{\"finished_at\":\"2026-11-20T10:16:02Z\",\"duration_ms\":5.0}}")
        .bytes(), new Beyond(LITERAL, true, false)));
    out.add(source("created 0000-01-01T00:30:00+01:00 (year -1 in UTC)", UTC_RANGE,
        ContractSamples.gh().createdAt("0000-01-01T00:30:00+01:00")));
    out.add(new Sample("tenant with a lone surrogate escape", SOURCES, utf8(src),
        utf8(ContractSamples.gh().json().replace("\"acme\"", "\"a\\udc00\"")), new Beyond(SURROGATE, true, false)));
    String deep = "[".repeat(70) + "]".repeat(70);
    out.add(source("chunking nested 70 deep", DEPTH, ContractSamples.gh().setJson("chunking", deep)));
    out.add(new Sample("job whose id is another job's", JOBS, utf8(job),
        Events.job("8e1d7e69-6a1f-4c8b-8b62-1e2a2c3f7a21", "acme", src).bytes(), new Beyond(KEY_IS_ID, true, false)));
    out.add(new Sample("api key whose id is not its record key", API_KEYS, utf8("k1"),
        Events.apiKey("k2", "acme", "tok", null).bytes(), new Beyond(KEY_IS_ID, true, false)));
    return out;
  }

  /** Where the parser is stricter than the contract; listed for the lead, not fixed here. */
  /**
   * Where the service bounds what the contract leaves open, and the schemas say the same: a
   * timestamp may have any number of fraction digits; integers end at 2^63-1 (docs/events.md).
   */
  static List<Sample> limits() {
    String src = ContractSamples.SRC;
    String job = ContractSamples.JOB;
    String digits44 = "2026-11-20T10:15:30." + "1".repeat(44) + "Z";
    Events.Snapshot web = Events.webSource(src, "acme", "docs");
    return List.of(
        new Sample("created_at with 44 fraction digits (65 characters)", SOURCES, utf8(src),
            ContractSamples.gh().createdAt(digits44).bytes(), new Agree(true)),
        new Sample("finished_at with 44 fraction digits", JOBS, utf8(job), Events.job(job, "acme", src)
            .setJson("status", "{\"complete\":{\"finished_at\":\"" + digits44 + "\",\"duration_ms\":1}}").bytes(),
            new Agree(true)),
        new Sample("web_scrape max_depth 2^63-1", SOURCES, utf8(src),
            ContractSamples.config(web.copy(), "web_scrape", "max_depth", "9223372036854775807").bytes(), new Agree(true)),
        new Sample("web_scrape max_depth 2^63", SOURCES, utf8(src),
            ContractSamples.config(web.copy(), "web_scrape", "max_depth", ContractSamples.TWO_63).bytes(), new Agree(false)),
        new Sample("web_scrape page_limit 10^30", SOURCES, utf8(src),
            ContractSamples.config(web.copy(), "web_scrape", "page_limit", "1" + "0".repeat(30)).bytes(), new Agree(false)));
  }

  static List<Sample> stateful() {
    String src = ContractSamples.SRC;
    String job = ContractSamples.JOB;
    return List.of(
        new Sample("job without ref_identifier and target_collection_name", JOBS, utf8(job),
            Events.job(job, "acme", src).remove("ref_identifier").remove("target_collection_name").bytes(),
            new Stateful("a github source's jobs need both: missing-field once the source is known")),
        new Sample("job of tenant globex", JOBS, utf8(job), Events.job(job, "globex", src).bytes(),
            new Stateful("tenant-mismatch when its source's tenant differs")),
        new Sample("api key with a token hash another key holds", API_KEYS, utf8("k2"),
            Events.apiKey("k2", "acme", "tok", null).bytes(),
            new Stateful("duplicate-token when another live key claimed the hash first")),
        new Sample("source snapshot of version 1 after version 5", SOURCES, utf8(src),
            ContractSamples.gh().version(1).bytes(), new Stateful("stale: ignored, whatever it holds")));
  }

  static Sample source(String name, String why, Events.Snapshot s) {
    return new Sample(name, SOURCES, utf8(ContractSamples.SRC), s.bytes(), new Beyond(why, true, false));
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private BeyondSchemas() {}
}
