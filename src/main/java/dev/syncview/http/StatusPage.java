package dev.syncview.http;

import dev.syncview.query.StatusSource;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.Map;

/**
 * The operators' status page: {@code /status} (HTML from the jar), its script and style under
 * {@code /status/ui/}, and the model it polls, {@code /status.json}. A fixed list of files read once
 * at start, no network needed, nothing fetched from elsewhere.
 */
final class StatusPage {
  private final StatusSource source;
  private final byte[] page;
  private final Map<String, Resources.Asset> assets;

  StatusPage(StatusSource source) {
    this.source = source;
    this.page = Resources.read("/status/index.html");
    this.assets =
        Map.of(
            "status.js", new Resources.Asset("text/javascript; charset=utf-8", Resources.read("/status/status.js")),
            "status.css", new Resources.Asset("text/css; charset=utf-8", Resources.read("/status/status.css")));
  }

  void page(Context ctx) {
    ctx.contentType("text/html; charset=utf-8").result(page);
  }

  void asset(Context ctx) {
    Resources.Asset asset = assets.get(ctx.pathParam("file"));
    if (asset == null) {
      throw new NotFoundResponse();
    }
    ctx.contentType(asset.contentType()).result(asset.bytes());
  }

  void json(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    Responses.json(ctx, 200, StatusJson.write(source.report()));
  }
}
