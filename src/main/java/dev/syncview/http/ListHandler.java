package dev.syncview.http;

import dev.syncview.query.Page;
import dev.syncview.query.Principal;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * list_sources and list_jobs: token (401), then parameters (400), then the query (403, 404). A full
 * page that has more after it links to the next one with a keyset cursor; the body stays the bare
 * array of items.
 */
final class ListHandler implements Handler {
  private final ListParams.Route route;
  private final Reads reads;
  private final Cursors cursors;

  ListHandler(ListParams.Route route, Reads reads, Cursors cursors) {
    this.route = route;
    this.reads = reads;
    this.cursors = cursors;
  }

  @Override
  public void handle(Context ctx) throws InterruptedException {
    Principal principal = reads.authenticate(ctx);
    // Parameters are checked before a relay: their 400 is the same on every instance, and a relay
    // carries only a query string it could decode.
    QueryString query = QueryString.parse(ctx.queryString());
    ListParams.Request request = ListParams.parse(route, query, principal.tenant(), cursors);
    if (!reads.answerHere(ctx, principal)) {
      return;
    }
    reads.settle(ctx, query);
    Page page = reads.api(ctx).list(principal, request.query());
    if (page.next() != null) {
      String cursor = cursors.encode(request.listing(), page.next());
      ctx.header("Link", "<" + next(request.repeat(), cursor) + ">; rel=\"next\"");
    }
    Responses.json(ctx, 200, Responses.array(page.items()));
  }

  private String next(Map<String, String> repeat, String cursor) {
    StringBuilder url = new StringBuilder(route.path).append('?');
    repeat.forEach((k, v) -> url.append(k).append('=').append(encode(v)).append('&'));
    return url.append("cursor=").append(cursor).toString();
  }

  private static String encode(String v) {
    return URLEncoder.encode(v, StandardCharsets.UTF_8);
  }
}
