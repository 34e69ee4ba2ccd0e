package dev.syncview.http;

import dev.syncview.query.ApiException;
import dev.syncview.query.Freshness;
import dev.syncview.query.Placement;
import dev.syncview.query.ReadApi;
import dev.syncview.query.StatusSource;
import dev.syncview.query.ViewStatus;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.router.Endpoint;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The HTTP API: routes, limits and the one place where failures become ErrorResponses. Handlers
 * are thin; they talk to the read-only {@link ReadApi} port only.
 */
public final class HttpServer {
  private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
  static final String REQUEST_ID = "X-Request-Id";
  /** The request id in every log line written while serving it. */
  static final String MDC_REQUEST_ID = "request_id";
  private static final String STARTED = "sv.started";
  /** Request line plus headers; beyond it the answer is 414 or 431 (HeadLimit). */
  static final int MAX_HEADER_BYTES = 8 * 1024;
  /**
   * Jetty's own limit: room for a relayed request, whose target may be percent-encoded to three
   * times its bytes, plus the forwarding mark (HeadLimit holds clients to MAX_HEADER_BYTES).
   */
  static final int MAX_RELAYED_HEADER_BYTES = 4 * MAX_HEADER_BYTES;
  static final long MAX_BODY_BYTES = 1024 * 1024;
  /** The most of a refused or unread request body read (and dropped) so the client gets its answer. */
  static final long MAX_DISCARDED_BYTES = 16 * MAX_BODY_BYTES;
  static final long STOP_TIMEOUT_MS = 10_000;

  private HttpServer() {}

  /** One instance alone, no metrics. */
  public static Javalin create(
      ReadApi api, ViewStatus status, Freshness freshness, HttpSettings settings) {
    return create(api, status, freshness, Placement.SINGLE, settings, HttpMetrics.NONE);
  }

  public static Javalin create(
      ReadApi api,
      ViewStatus status,
      Freshness freshness,
      Placement placement,
      HttpSettings settings,
      HttpMetrics metrics) {
    return create(api, status, freshness, placement, settings, metrics, StatusSource.of(status));
  }

  public static Javalin create(
      ReadApi api,
      ViewStatus status,
      Freshness freshness,
      Placement placement,
      HttpSettings settings,
      HttpMetrics metrics,
      StatusSource statusSource) {
    Cursors cursors = new Cursors(settings.cursorSecret());
    Reads reads =
        new Reads(api, freshness, status, placement, settings);
    ItemHandlers items = new ItemHandlers(reads);
    ApiDocs docs = new ApiDocs();
    StatusPage statusPage = new StatusPage(statusSource);
    EventSchemas schemas = new EventSchemas();
    return Javalin.create(
        cfg -> {
          cfg.startup.showJavalinBanner = false;
          cfg.http.prefer405over404 = true;
          cfg.http.maxRequestSize = MAX_BODY_BYTES;
          cfg.http.compressionStrategy = io.javalin.compression.CompressionStrategy.NONE;
          cfg.router.ignoreTrailingSlashes = false;
          cfg.jetty.modifyHttpConfiguration(
              hc -> {
                hc.setRequestHeaderSize(MAX_RELAYED_HEADER_BYTES);
                hc.setUriCompliance(UriCompliance.DEFAULT);
              });
          cfg.jetty.modifyServer(
              server -> {
                server.setErrorHandler(new JettyErrors());
                server.insertHandler(new BodyLimit(MAX_BODY_BYTES, MAX_DISCARDED_BYTES));
                server.insertHandler(new GracefulHandler());
                server.insertHandler(new IgnoreMethodOverride());
                server.insertHandler(
                    new HeadLimit(MAX_HEADER_BYTES, new ForwardSignature(settings.internalSecret())));
                server.setStopTimeout(STOP_TIMEOUT_MS);
              });
          cfg.jetty.modifyServletContextHandler(h -> h.setErrorHandler(new JettyErrors()));

          cfg.requestLogger.http((ctx, ms) -> afterEach(ctx, metrics));
          cfg.routes.before(ctx -> beforeEach(ctx, settings.self()));
          get(cfg.routes, "/api/v1/sources", new ListHandler(ListParams.Route.SOURCES, reads, cursors));
          get(cfg.routes, "/api/v1/sources/{source_id}", items::source);
          get(cfg.routes, "/api/v1/invocations", new ListHandler(ListParams.Route.JOBS, reads, cursors));
          get(cfg.routes, "/api/v1/invocations/{invocation_id}", items::job);
          cfg.routes.post(
              "/api/v1/sources/{source_id}/invocations/latest-by-keys", items::latestByKeys);
          get(cfg.routes, "/health", ctx -> health(ctx, status));
          get(cfg.routes, "/health/live", ctx -> live(ctx, status));
          get(cfg.routes, "/metrics", ctx -> metrics(ctx, metrics));
          get(cfg.routes, "/openapi.json", docs::openapi);
          get(cfg.routes, "/docs", docs::page);
          get(cfg.routes, "/docs/ui/{file}", docs::asset);
          get(cfg.routes, "/schemas", schemas::index);
          get(cfg.routes, "/schemas/{file}", schemas::file);
          get(cfg.routes, "/status", statusPage::page);
          get(cfg.routes, "/status.json", statusPage::json);
          get(cfg.routes, "/status/ui/{file}", statusPage::asset);

          cfg.routes.exception(ApiException.class, (e, ctx) -> apiError(ctx, e));
          cfg.routes.exception(HttpResponseException.class, HttpServer::javalinError);
          cfg.routes.exception(Exception.class, HttpServer::unexpected);
        });
  }

  /** GET routes answer HEAD too, with the same status and headers and no body. */
  private static void get(io.javalin.config.RoutesConfig routes, String path, Handler handler) {
    routes.get(path, handler);
    routes.head(path, handler);
  }

  private static void beforeEach(Context ctx, Supplier<String> advertised) {
    String self = advertised.get();
    String id = requestId();
    ctx.attribute(REQUEST_ID, id);
    ctx.attribute(STARTED, System.nanoTime());
    ctx.header(REQUEST_ID, id);
    if (self != null && !self.isEmpty()) {
      ctx.header(Forwarder.SERVED_BY, self);
    }
    MDC.put(MDC_REQUEST_ID, id);
  }

  /**
   * A random (version 4) UUID from the thread's own generator. The id correlates a response with
   * its log lines and guards nothing, while UUID.randomUUID() draws from one shared SecureRandom
   * whose lock every request thread queued on (BENCHMARKS.md notes).
   */
  static String requestId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (random.nextLong() & ~(0xC0L << 56)) | (0x80L << 56);
    return new UUID(msb, lsb).toString();
  }

  private static void afterEach(Context ctx, HttpMetrics metrics) {
    Long started = ctx.attribute(STARTED);
    long nanos = started == null ? 0 : System.nanoTime() - started;
    Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
    String route = endpoint == null ? "UNMATCHED" : endpoint.path;
    metrics.observe(ctx.method().name(), route, ctx.statusCode(), nanos);
    if (log.isDebugEnabled()) {
      log.debug("{} {} -> {} in {} us", ctx.method(), route, ctx.statusCode(), nanos / 1000);
    }
    MDC.remove(MDC_REQUEST_ID);
  }

  /** 200 while the process can still become ready; 503 after a fatal projection failure. */
  private static void live(Context ctx, ViewStatus status) {
    if (!status.live()) {
      apiError(ctx, new ApiException.Unavailable("the projection has failed; restart the service", 30));
      return;
    }
    Responses.json(ctx, 200, "{\"status\":\"live\"}".getBytes(StandardCharsets.UTF_8));
  }

  private static void metrics(Context ctx, HttpMetrics metrics) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
  }

  /** 200 with the lag per partition once the view answers; 503 before; both with the progress. */
  private static void health(Context ctx, ViewStatus status) {
    if (!status.ready()) {
      ApiException.Unavailable u = ApiException.Unavailable.viewNotReady();
      ctx.header("Retry-After", Integer.toString(u.retryAfterSeconds()));
      Responses.json(ctx, u.status(), HealthBody.unavailable(u.getMessage(), status.progress()));
      return;
    }
    Responses.json(ctx, 200, HealthBody.ok(status.lag(), status.progress()));
  }

  private static void apiError(Context ctx, ApiException e) {
    if (e instanceof ApiException.Unavailable u) {
      ctx.header("Retry-After", Integer.toString(u.retryAfterSeconds()));
    }
    Responses.json(ctx, e.status(), ErrorBody.of(e.error(), e.getMessage()));
  }

  private static void javalinError(HttpResponseException e, Context ctx) {
    int status = e.getStatus();
    String message;
    if (e instanceof MethodNotAllowedResponse) {
      Map<String, String> details = e.getDetails();
      String allow = details.getOrDefault("availableMethods", details.get("Available methods"));
      if (allow != null) {
        ctx.header("Allow", allow);
      }
      message = "method " + ctx.method() + " is not allowed on " + ctx.path();
    } else if (status == 404) {
      message = "no such route: " + ctx.method() + " " + ctx.path();
    } else {
      message = e.getMessage();
    }
    Responses.json(ctx, status, ErrorBody.of(status, message));
  }

  private static void unexpected(Exception e, Context ctx) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HttpException he && he.getCode() < 500) {
        Responses.json(ctx, he.getCode(), ErrorBody.of(he.getCode(), he.getReason()));
        return;
      }
    }
    log.error(
        "unexpected failure on {} {} (request {})",
        ctx.method(),
        ctx.path(),
        ctx.attribute(REQUEST_ID),
        e);
    Responses.json(ctx, 500, ErrorBody.of(500, "the server failed to answer this request"));
  }
}
