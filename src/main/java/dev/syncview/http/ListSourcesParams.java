package dev.syncview.http;

import dev.syncview.domain.Kind;
import dev.syncview.query.ApiException;
import dev.syncview.query.ListQuery;
import dev.syncview.query.Order;

/**
 * The five query parameters of list_sources, validated in api.md's order (database_name,
 * source_type, limit, offset, order_by) so that the first bad one is the one named.
 */
final class ListSourcesParams {
  static final int MAX_DATABASE_NAME = 256;
  static final int DEFAULT_LIMIT = 100;

  private ListSourcesParams() {}

  static ListQuery parse(QueryString q) {
    String db = databaseName(q.single("database_name"));
    Kind kind = sourceType(q.single("source_type"));
    int limit = limit(q.single("limit"));
    long offset = offset(q.single("offset"));
    Order order = orderBy(q.single("order_by"));
    return new ListQuery(db, kind, limit, offset, order);
  }

  static String databaseName(String v) {
    if (v != null && v.codePointCount(0, v.length()) > MAX_DATABASE_NAME) {
      throw new ApiException.BadRequest(
          "database_name must be at most " + MAX_DATABASE_NAME + " characters");
    }
    return v;
  }

  static Kind sourceType(String v) {
    if (v == null) {
      return null;
    }
    return Kind.fromFilter(v)
        .orElseThrow(
            () ->
                new ApiException.BadRequest("source_type must be one of github, web_scrape, s3"));
  }

  static int limit(String v) {
    if (v == null) {
      return DEFAULT_LIMIT;
    }
    String digits = digits("limit", v);
    if (digits.length() > 4 || Integer.parseInt(digits) > ListQuery.MAX_LIMIT) {
      throw new ApiException.BadRequest("limit must be an integer from 0 to " + ListQuery.MAX_LIMIT);
    }
    return Integer.parseInt(digits);
  }

  /** Any digit string; beyond what a long holds it is simply past the end. */
  static long offset(String v) {
    if (v == null) {
      return 0;
    }
    String digits = digits("offset", v);
    return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
  }

  static Order orderBy(String v) {
    if (v == null) {
      return Order.DESC;
    }
    // ASCII case-insensitive only: "aſc" (long s) must not pass for ASC.
    String lower = asciiLower(v);
    if (lower.equals("asc")) {
      return Order.ASC;
    }
    if (lower.equals("desc")) {
      return Order.DESC;
    }
    throw new ApiException.BadRequest("order_by must be ASC or DESC");
  }

  private static String asciiLower(String v) {
    StringBuilder sb = new StringBuilder(v.length());
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      sb.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
    }
    return sb.toString();
  }

  /** ASCII digits only (leading zeros allowed), returned without its leading zeros. */
  private static String digits(String name, String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') {
        throw new ApiException.BadRequest(name + " must be a non-negative integer of ASCII digits");
      }
    }
    int first = 0;
    while (first < v.length() - 1 && v.charAt(first) == '0') {
      first++;
    }
    return v.substring(first);
  }
}
