package dev.syncview.http;

import dev.syncview.domain.Kind;
import dev.syncview.domain.StatusKind;
import dev.syncview.domain.Uuids;
import dev.syncview.query.ApiException;
import dev.syncview.query.ListQuery;
import dev.syncview.query.Order;
import dev.syncview.query.Position;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The query parameters of the two listings, validated in a fixed order so that the first bad one
 * is the one named: list_sources (api.md) database_name, source_type, limit, offset, order_by,
 * cursor; list_jobs source_id, database_name, source_type, status, limit, offset, order_by, cursor.
 */
final class ListParams {
  static final int MAX_DATABASE_NAME = 256;
  static final int DEFAULT_LIMIT = 100;

  private ListParams() {}

  /** The two listings: their path, and whether they take the list_jobs filters. */
  enum Route {
    SOURCES("/api/v1/sources", false),
    JOBS("/api/v1/invocations", true);

    final String path;
    final boolean jobFilters;

    Route(String path, boolean jobFilters) {
      this.path = path;
      this.jobFilters = jobFilters;
    }
  }

  /** A parsed listing request, the listing a cursor binds to, and the parameters to repeat. */
  record Request(ListQuery query, Cursors.Listing listing, Map<String, String> repeat) {}

  static Request parse(Route route, QueryString q, String tenant, Cursors cursors) {
    Map<String, String> repeat = new LinkedHashMap<>();
    String sourceId = null;
    if (route.jobFilters) {
      sourceId = sourceId(q.single("source_id"));
    }
    String db = databaseName(q.single("database_name"));
    if (sourceId != null && db != null) {
      throw new ApiException.BadRequest("source_id and database_name cannot be given together");
    }
    Kind kind = sourceType(q.single("source_type"));
    StatusKind status = route.jobFilters ? status(q.single("status")) : null;
    int limit = limit(q.single("limit"));
    String offsetText = q.single("offset");
    long offset = offset(offsetText);
    Order order = orderBy(q.single("order_by"));
    Cursors.Listing listing =
        new Cursors.Listing(
            route.name(),
            tenant,
            db,
            kind == null ? null : kind.wireName(),
            status == null ? null : status.wireName(),
            sourceId,
            order);
    String cursor = q.single("cursor");
    Position after = null;
    if (cursor != null) {
      if (offsetText != null) {
        throw new ApiException.BadRequest("cursor cannot be combined with offset");
      }
      after = cursors.decode(cursor, listing);
    }
    put(repeat, "source_id", sourceId);
    put(repeat, "database_name", db);
    put(repeat, "source_type", kind == null ? null : kind.wireName());
    put(repeat, "status", status == null ? null : status.wireName());
    put(repeat, "order_by", order.name());
    put(repeat, "limit", Integer.toString(limit));
    return new Request(
        new ListQuery(db, kind, status, sourceId, limit, after == null ? offset : 0, order, after),
        listing,
        repeat);
  }

  private static void put(Map<String, String> m, String k, String v) {
    if (v != null) {
      m.put(k, v);
    }
  }

  static String sourceId(String v) {
    if (v == null) {
      return null;
    }
    String id = Uuids.normalize(v);
    if (id == null) {
      throw new ApiException.BadRequest("source_id must be a UUID");
    }
    return id;
  }

  static StatusKind status(String v) {
    if (v == null) {
      return null;
    }
    return StatusKind.fromWireName(v)
        .orElseThrow(
            () ->
                new ApiException.BadRequest(
                    "status must be one of pending, processing, complete, failed, cancelled"));
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
