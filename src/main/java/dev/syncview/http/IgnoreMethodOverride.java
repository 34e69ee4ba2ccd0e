package dev.syncview.http;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Drops {@code X-HTTP-Method-Override} before Javalin sees it: Javalin would route by it, letting
 * a header turn a GET into another method. Here it is ignored like any unknown header.
 */
final class IgnoreMethodOverride extends Handler.Wrapper {
  static final String HEADER = "X-HTTP-Method-Override";

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (!request.getHeaders().contains(HEADER)) {
      return super.handle(request, response, callback);
    }
    HttpFields headers = HttpFields.build(request.getHeaders()).remove(HEADER).asImmutable();
    Request withoutOverride =
        new Request.Wrapper(request) {
          @Override
          public HttpFields getHeaders() {
            return headers;
          }
        };
    return super.handle(withoutOverride, response, callback);
  }
}
