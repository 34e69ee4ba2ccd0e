package dev.syncview.http;

import dev.syncview.query.ApiException;
import dev.syncview.query.Freshness;
import dev.syncview.query.Placement;
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
  /** Present (value {@code true}) when a standby copy answered because the active was out of reach. */
  static final String STANDBY_HEADER = "X-View-Standby";
  private static final String STALE_PARTITION = "sv.stale-partition";
  private static final String STANDBY_LAG = "sv.standby-lag";
  private final ReadApi api;
  private final Freshness freshness;
  private final ViewStatus status;
  private final Placement placement;
  private final HttpSettings settings;
  private final ForwardSignature signature;
  private final Forwarder forwarder;

  Reads(ReadApi api, Freshness freshness, ViewStatus status, Placement placement, HttpSettings settings) {
    this.api = api;
    this.freshness = freshness;
    this.status = status;
    this.placement = placement;
    this.settings = settings;
    this.signature = new ForwardSignature(settings.internalSecret());
    this.forwarder = new Forwarder(signature);
  }

  /** The API for this request: standby copies included when a standby answers it. */
  ReadApi api(Context ctx) {
    return ctx.attribute(STALE_PARTITION) != null ? api.stale() : api;
  }

  /**
   * Whether this instance answers the request. The instance holding the active copy of the
   * tenant's partition answers; any other instance relays the request to it, or, when it is out
   * of reach, to a standby copy (here first, then elsewhere), or answers 503. A request relayed by
   * another instance is answered here, never sent on again.
   *
   * @return false when another instance's answer has been relayed as this request's
   */
  boolean answerHere(Context ctx, Principal principal) throws InterruptedException {
    Boolean forwardedStale =
        signature.verify(
            ctx.header(ForwardSignature.HEADER), ctx.method().name(), pathAndQuery(ctx), System.currentTimeMillis());
    Placement.Target where = placement.locate(principal.tenant());
    if (forwardedStale != null) {
      if (forwardedStale && !where.activeHere() && !freshStandbyHere(ctx, where.partition())) {
        throw new ApiException.Unavailable(
            "this instance's copy of the tenant's data is still catching up; retry shortly", 1);
      }
      return true;
    }
    if (where.activeHere()
        || (where.active() == null && where.standbys().isEmpty() && !where.standbyHere())) {
      return true;
    }
    Duration timeout = settings.forwardTimeout().plus(settings.minPositionTimeout());
    if (where.active() != null && forwarder.relay(ctx, where.active(), false, timeout)) {
      return false;
    }
    if (where.standbyHere() && freshStandbyHere(ctx, where.partition())) {
      return true;
    }
    for (String standby : where.standbys()) {
      if (forwarder.relay(ctx, standby, true, timeout)) {
        return false;
      }
    }
    throw new ApiException.Unavailable(
        "no instance holding this tenant's data answers right now; retry shortly", 1);
  }

  /**
   * Whether the local standby copy may answer: only when it is at most {@code maxStandbyLag}
   * records behind its changelog (a copy still restoring would answer a page that was never
   * right). If so, the request is marked to read it. The lag costs a broker round trip: asked once.
   */
  private boolean freshStandbyHere(Context ctx, int partition) {
    long lag = placement.standbyLag(partition);
    if (lag > settings.maxStandbyLag()) {
      return false;
    }
    ctx.attribute(STALE_PARTITION, partition);
    ctx.attribute(STANDBY_LAG, lag);
    return true;
  }

  /** The request's raw path and query, as received. */
  static String pathAndQuery(Context ctx) {
    String query = ctx.queryString();
    return ctx.req().getRequestURI() + (query == null ? "" : "?" + query);
  }

  /**
   * 401 unless the token names a key. A caller whose token is unknown waits only for positions on
   * the API-keys topic that name records not applied yet (a client that just published its own
   * key): then its key may become known. Any other unknown token is a 401 at once.
   */
  Principal authenticate(Context ctx) {
    String token = Tokens.of(ctx);
    try {
      return api.authenticate(token);
    } catch (ApiException.Unauthorized e) {
      List<Freshness.InputPosition> keys = token == null ? List.of() : pendingKeyPositions(ctx);
      if (keys.isEmpty()) {
        throw e;
      }
      freshness.await(keys, settings.minPositionTimeout());
      return api.authenticate(token);
    }
  }

  private List<Freshness.InputPosition> pendingKeyPositions(Context ctx) {
    try {
      return MinPositions.parse(QueryString.parse(ctx.queryString())).stream()
          .filter(p -> p.topic().equals(settings.apiKeysTopic()) && freshness.pending(p))
          .toList();
    } catch (ApiException.BadRequest e) {
      return List.of();
    }
  }

  /**
   * After the route's parameters: read-your-writes, then the staleness headers. A standby cannot
   * promise a position (it is not the copy that commits), so such a request is a 503 there.
   */
  void settle(Context ctx, QueryString query) {
    var positions = MinPositions.parse(query);
    Integer stalePartition = ctx.attribute(STALE_PARTITION);
    if (!positions.isEmpty()) {
      if (stalePartition != null) {
        throw new ApiException.Unavailable(
            "only a standby copy of this tenant's data is in reach; min_position needs the active one", 1);
      }
      freshness.await(positions, settings.minPositionTimeout());
    }
    if (stalePartition != null) {
      ctx.header(STANDBY_HEADER, "true");
      ctx.header(LAG_HEADER, Long.toString(ctx.<Long>attribute(STANDBY_LAG)));
    } else {
      ctx.header(LAG_HEADER, Long.toString(status.lag().records()));
    }
  }
}
