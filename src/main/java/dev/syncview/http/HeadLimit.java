package dev.syncview.http;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The 8 KiB limit on a request's head, enforced here rather than by Jetty's parser: a request line
 * over it is a 414, a head over it a 431. Jetty's own limit is set a few times higher, because a
 * request relayed to the instance holding its tenant grows on the way (characters java.net.URI
 * refuses are percent-encoded, the forwarding mark is added): the owner must accept it whenever
 * the first instance did, so a relayed request carrying a valid mark is not held to this limit
 * again. Sizes are counted in the head's own bytes, line endings included.
 */
final class HeadLimit extends Handler.Wrapper {
  private static final int CRLF = 2;
  private final int limit;
  private final ForwardSignature signature;

  HeadLimit(int limit, ForwardSignature signature) {
    this.limit = limit;
    this.signature = signature;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String target = request.getHttpURI().getPathQuery();
    long line = request.getMethod().length() + 1 + target.length() + 1
        + request.getConnectionMetaData().getProtocol().length() + CRLF;
    long head = line + CRLF;
    for (HttpField field : request.getHeaders()) {
      head += field.getName().length() + 2 + (field.getValue() == null ? 0 : field.getValue().length()) + CRLF;
    }
    if ((line > limit || head > limit) && !relayed(request, target)) {
      int code = line > limit ? HttpStatus.URI_TOO_LONG_414 : HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431;
      JettyErrors.write(request, response, code, HttpStatus.getMessage(code), callback);
      return true;
    }
    return super.handle(request, response, callback);
  }

  private boolean relayed(Request request, String target) {
    String mark = request.getHeaders().get(ForwardSignature.HEADER);
    return mark != null
        && signature.verify(mark, request.getMethod(), target, System.currentTimeMillis()) != null;
  }
}
