package dev.syncview.http;

import dev.syncview.query.ListQuery;
import dev.syncview.query.Principal;
import dev.syncview.query.ReadApi;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/** {@code GET /api/v1/sources}: token (401), then parameters (400), then the query (403, 404). */
final class SourcesHandler implements Handler {
  private final ReadApi api;

  SourcesHandler(ReadApi api) {
    this.api = api;
  }

  @Override
  public void handle(Context ctx) {
    Principal principal = api.authenticate(Tokens.of(ctx));
    ListQuery query = ListSourcesParams.parse(QueryString.parse(ctx.queryString()));
    Responses.json(ctx, 200, Responses.array(api.listSources(principal, query)));
  }
}
