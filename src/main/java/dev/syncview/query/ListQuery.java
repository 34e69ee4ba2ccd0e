package dev.syncview.query;

import dev.syncview.domain.Kind;

/**
 * A validated list_sources request.
 *
 * @param databaseName null for every database the key may see
 * @param kind null for every kind
 * @param offset items to skip; values past any real listing are simply past the end
 */
public record ListQuery(String databaseName, Kind kind, int limit, long offset, Order order) {
  public static final int MAX_LIMIT = 1000;

  public ListQuery {
    if (limit < 0 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit out of range");
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0");
    }
  }
}
