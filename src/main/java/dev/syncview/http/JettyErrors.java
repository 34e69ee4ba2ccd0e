package dev.syncview.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers before any route runs (request line or headers too large, bad percent
 * encoding or UTF-8 in the path, malformed requests), in the API's ErrorResponse shape. The
 * message is Jetty's reason phrase: it never carries anything internal. A request whose request
 * line Jetty could not read has no known method, so its answer carries the ErrorResponse even if
 * it began with HEAD; the connection closes after it, so the body cannot be taken for the next
 * answer.
 */
final class JettyErrors extends ErrorHandler {
  /** The method Jetty gives a request whose request line it could not read. */
  static final String UNREAD_METHOD = "BAD";

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int code = response.getStatus();
    String message = (String) request.getAttribute(ERROR_MESSAGE);
    Object cause = request.getAttribute(ERROR_EXCEPTION);
    if (cause instanceof HttpException he) {
      code = he.getCode();
      if (message == null) {
        message = he.getReason();
      }
    }
    if (code < 400) {
      code = 500;
    }
    if (code == 431 && UNREAD_METHOD.equals(request.getMethod())) {
      // Jetty names a request it could not read "BAD": the 8 KiB ran out in the request line (a
      // huge method token), which docs/http.md answers as 414 like a huge target.
      code = 414;
      message = null;
    }
    if (code == 505) {
      // a request line without a (known) HTTP version is malformed, like any other
      code = 400;
      message = "Bad Request";
    }
    if (code >= 500 || message == null) {
      message = HttpStatus.getMessage(code);
    }
    write(request, response, code, message, callback);
    return true;
  }

  /** Writes an ErrorResponse as the whole answer, without touching the request's body. */
  static void write(Request request, Response response, int code, String message, Callback callback) {
    byte[] body = ErrorBody.of(code, message);
    response.setStatus(code);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Responses.JSON);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.getHeaders().put(ERROR_CACHE_CONTROL);
    if (!response.getHeaders().contains(HttpServer.REQUEST_ID)) {
      response.getHeaders().put(HttpServer.REQUEST_ID, HttpServer.requestId());
    }
    boolean head = HttpMethod.HEAD.is(request.getMethod());
    response.write(true, head ? null : ByteBuffer.wrap(body), callback);
  }
}
