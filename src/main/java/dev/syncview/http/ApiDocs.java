package dev.syncview.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The service's own OpenAPI document at {@code /openapi.json} and a Swagger UI page for it at
 * {@code /docs}. Only a fixed list of files is served, all read once at start: no directory of
 * the classpath is exposed.
 */
final class ApiDocs {
  private static final String WEBJAR = "/META-INF/resources/webjars/swagger-ui/";
  private static final String WEBJAR_VERSION = "/META-INF/maven/org.webjars/swagger-ui/pom.properties";

  private final byte[] openapi;
  private final byte[] page;
  private final Map<String, Resources.Asset> assets;

  ApiDocs() {
    openapi = Resources.read("/openapi.json");
    page = Resources.read("/docs/index.html");
    String ui = WEBJAR + webjarVersion() + "/";
    assets =
        Map.of(
            "swagger-ui.css", new Resources.Asset("text/css; charset=utf-8", Resources.read(ui + "swagger-ui.css")),
            "swagger-ui-bundle.js",
                new Resources.Asset("text/javascript; charset=utf-8", Resources.read(ui + "swagger-ui-bundle.js")),
            "favicon-32x32.png", new Resources.Asset("image/png", Resources.read(ui + "favicon-32x32.png")),
            "docs.js", new Resources.Asset("text/javascript; charset=utf-8", Resources.read("/docs/docs.js")));
  }

  void openapi(Context ctx) {
    Responses.json(ctx, 200, openapi);
  }

  void page(Context ctx) {
    ctx.contentType("text/html; charset=utf-8").result(page);
  }

  void asset(Context ctx) {
    Resources.Asset asset = assets.get(ctx.pathParam("file"));
    if (asset == null) {
      throw new io.javalin.http.NotFoundResponse();
    }
    ctx.header("Cache-Control", "max-age=86400").contentType(asset.contentType()).result(asset.bytes());
  }

  private static String webjarVersion() {
    Properties p = new Properties();
    try (InputStream in = ApiDocs.class.getResourceAsStream(WEBJAR_VERSION)) {
      if (in == null) {
        throw new IllegalStateException("swagger-ui webjar is not on the classpath");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version");
  }
}
