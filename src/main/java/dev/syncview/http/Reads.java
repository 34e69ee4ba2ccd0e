package dev.syncview.http;

import dev.syncview.query.ApiException;
import dev.syncview.query.Freshness;
import dev.syncview.query.Principal;
import dev.syncview.query.ReadApi;
import dev.syncview.query.ViewStatus;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;

/**
 * What every read route does around its query: authenticate first (401 before anything else),
 * then, once its own parameters are valid, wait for any {@code min_position} to be applied and say
 * how far behind the answering view is ({@value #LAG_HEADER}).
 */
final class Reads {
  static final String LAG_HEADER = "X-View-Lag-Records";
  private final ReadApi api;
  private final Freshness freshness;
  private final ViewStatus status;
  private final Duration timeout;
  private final String apiKeysTopic;

  Reads(ReadApi api, Freshness freshness, ViewStatus status, Duration timeout, String apiKeysTopic) {
    this.apiKeysTopic = apiKeysTopic;
    this.api = api;
    this.freshness = freshness;
    this.status = status;
    this.timeout = timeout;
  }

  ReadApi api() {
    return api;
  }

  /**
   * 401 unless the token names a key. A request that names positions on the API-keys topic (a
   * client that just published its own key) first waits for those, so a new key works at once.
   */
  Principal authenticate(Context ctx) {
    String token = Tokens.of(ctx);
    try {
      return api.authenticate(token);
    } catch (ApiException.Unauthorized e) {
      if (token == null || !awaitKeyPositions(ctx)) {
        throw e;
      }
      return api.authenticate(token);
    }
  }

  private boolean awaitKeyPositions(Context ctx) {
    List<Freshness.InputPosition> keys;
    try {
      keys =
          MinPositions.parse(QueryString.parse(ctx.queryString())).stream()
              .filter(p -> p.topic().equals(apiKeysTopic))
              .toList();
    } catch (ApiException.BadRequest e) {
      return false;
    }
    if (keys.isEmpty()) {
      return false;
    }
    freshness.await(keys, timeout);
    return true;
  }

  /** After the route's parameters: read-your-writes, then the staleness header. */
  void settle(Context ctx, QueryString query) {
    var positions = MinPositions.parse(query);
    if (!positions.isEmpty()) {
      freshness.await(positions, timeout);
    }
    ctx.header(LAG_HEADER, Long.toString(status.lag().records()));
  }
}
