package dev.syncview.isolation;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Hostile HTTP inputs from one seeded {@link Random}: query strings of known and unknown names
 * with boundary and badly encoded values, tokens, and raw request text.
 */
final class FuzzInputs {
  static final String GH = "00000000-0000-4000-8000-0000000000e1";
  static final String FOREIGN = "00000000-0000-4000-8000-0000000000f1";
  private final Random rnd;

  FuzzInputs(Random rnd) {
    this.rnd = rnd;
  }

  static final String[] PARAM_NAMES = {
    "database_name", "source_type", "limit", "offset", "order_by", "cursor", "min_position", "source_id",
    "status", "x", "LIMIT", "limit%20", "li%6Dit", "%00", "%FF", "", "a[]", "%C3%28", "tenant", "token"
  };

  static final String[] VALUES = {
    "", "0", "1", "1000", "1001", "100", "-1", "+1", "%2B1", "1e3", "0x10", "1.0", "%201", "1%20", "\u00d9\u00a1" /* raw UTF-8 of U+0661 */,
    "%D9%A1", "9".repeat(30), "9".repeat(4000), "0".repeat(500) + "7", "18446744073709551616",
    "9223372036854775807", "9223372036854775808", "%00", "%C3%28", "%FF", "%C0%AF", "%ED%A0%80", "%ED%B0%80",
    "%F4%90%80%80", "%F0%9F%92%A5", "%E2%82", "%zz", "%", "%4", "%%", "+", "++", "a+b", "%2B", "%26", "%3D",
    "ASC", "asc", "DESC", "aSc", "a%C5%BFc", "desc%20", "ASC%00", "github", "GITHUB", "web_scrape", "s3", "S3",
    "file_upload", "Unknown", "none", "pending", "complete", "Pending", "docs", "Docs", "docs%20", "%20docs",
    "bucket", "web", "files", "d".repeat(256), "d".repeat(257), "%C3%A9".repeat(256), "%C3%A9".repeat(257),
    GH, GH.toUpperCase(Locale.ROOT), FOREIGN, "00000000-0000-4000-8000-00000000dead", "not-a-uuid",
    "AQAAAAGh9FJZgGIA-xgoGDXM", "AAAA", "____", "!!!!", "sync.jobs:0:1", "sync.jobs:0:-1", "sync.jobs:9:1",
    "sync.sources:0:99999999999999999999", "other.topic:0:1", "sync.jobs", "sync.jobs:0", "sync.api-keys:0:0",
    "\u00e9", "\u00ff\u00fe", "\"", "<script>", "'", "\\", "%5C", "%0D%0A", "%0A", "%09", "\t", "#", "?", "/",
    "..", "%2e%2e", "=", "==", "&"
  };

  String pick(String[] a) {
    return a[rnd.nextInt(a.length)];
  }

  /** A random query string: known and unknown names, boundary values, repeats, bad encodings. */
  String query() {
    int n = switch (rnd.nextInt(20)) {
      case 0 -> 0;
      case 1 -> 300 + rnd.nextInt(400); // near and over the 8 KiB request-line limit
      case 2 -> 20 + rnd.nextInt(60);
      default -> 1 + rnd.nextInt(6);
    };
    StringBuilder q = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        q.append(rnd.nextInt(30) == 0 ? "&&" : "&");
      }
      String name = pick(PARAM_NAMES);
      String value = rnd.nextInt(10) == 0 ? pick(VALUES) + pick(VALUES) : pick(VALUES);
      switch (rnd.nextInt(12)) {
        case 0 -> q.append(name);
        case 1 -> q.append(name).append('=');
        case 2 -> q.append('=').append(value);
        case 3 -> q.append(name).append('=').append(value).append('=').append(value);
        default -> q.append(name).append('=').append(value);
      }
    }
    return q.toString();
  }

  String token() {
    return switch (rnd.nextInt(10)) {
      case 0 -> null;
      case 1 -> "scoped";
      case 2 -> "other-tok";
      case 3 -> "nope";
      case 4 -> "";
      default -> "tok";
    };
  }

  static String request(String method, String target, Map<String, String> headers, String body) {
    StringBuilder r = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    r.append("Host: localhost\r\n");
    headers.forEach((k, v) -> r.append(k).append(": ").append(v).append("\r\n"));
    if (body != null && !headers.containsKey("Content-Length") && !headers.containsKey("Transfer-Encoding")) {
      r.append("Content-Length: ").append(body.getBytes(StandardCharsets.ISO_8859_1).length).append("\r\n");
    }
    r.append("Connection: close\r\n\r\n");
    if (body != null) {
      r.append(body);
    }
    return r.toString();
  }

  static Map<String, String> headers(String token) {
    Map<String, String> m = new LinkedHashMap<>();
    if (token != null) {
      m.put("x-chroma-token", token);
    }
    return m;
  }
}
