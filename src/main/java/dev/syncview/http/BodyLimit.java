package dev.syncview.http;

import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Request bodies over {@code limit} bytes get a 413 that every ordinary client receives. A server
 * that answers early and closes with request bytes still unread makes TCP reset the connection,
 * and a client still sending (or one that sends everything before it reads, like Python's urllib)
 * then sees a broken pipe instead of the answer. So every request's unread body is read and
 * discarded, up to {@code discardLimit} bytes, before the exchange completes:
 *
 * <ul>
 *   <li>a declared length over the limit is answered at once, then the body is discarded (unless
 *       the client waits for {@code 100 Continue}: it then sends nothing, and the 413 tells it not
 *       to);
 *   <li>a body without a declared length (chunked) is counted as it is read: past the limit the
 *       reader gets a 413 failure, which the error mapping answers, and the rest is discarded;
 *   <li>any body a route left unread is discarded after its answer.
 * </ul>
 *
 * A body beyond {@code discardLimit} is not read to its end: the connection closes after the
 * answer, as it would have without this handler.
 */
final class BodyLimit extends Handler.Wrapper {
  private final long limit;
  private final long discardLimit;

  BodyLimit(long limit, long discardLimit) {
    this.limit = limit;
    this.discardLimit = discardLimit;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    long declared = request.getLength();
    if (declared > limit) {
      response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
      boolean bodyWillCome =
          !request.getHeaders().contains(HttpHeader.EXPECT, HttpHeaderValue.CONTINUE.asString());
      Callback done = bodyWillCome ? discardingRest(request, callback) : callback;
      // Not Response.writeError: it marks a body it cannot read at once as failed, ending the discard.
      JettyErrors.write(request, response, HttpStatus.PAYLOAD_TOO_LARGE_413, tooLarge(), done);
      return true;
    }
    Request counted = declared >= 0 ? request : new Counted(request);
    return super.handle(counted, response, discardingRest(request, callback));
  }

  private String tooLarge() {
    return "the request body is larger than " + limit + " bytes";
  }

  /** Completes {@code callback} once the request's unread body is discarded. */
  private Callback discardingRest(Request request, Callback callback) {
    return Callback.from(
        () -> discard(request, discardLimit, callback::succeeded), callback::failed);
  }

  /** Reads and drops what is left of the body, at most {@code budget} bytes, then runs {@code then}. */
  static void discard(Request request, long budget, Runnable then) {
    long left = budget;
    while (true) {
      Content.Chunk chunk = request.read();
      if (chunk == null) {
        long remaining = left;
        request.demand(() -> discard(request, remaining, then));
        return;
      }
      boolean end = chunk.isLast() || Content.Chunk.isFailure(chunk);
      left -= chunk.remaining();
      chunk.release();
      if (end || left < 0) {
        then.run();
        return;
      }
    }
  }

  /** A body without a declared length, refused with a 413 failure once it passes the limit. */
  private final class Counted extends Request.Wrapper {
    private long read;
    private Content.Chunk refused;

    Counted(Request wrapped) {
      super(wrapped);
    }

    @Override
    public Content.Chunk read() {
      if (refused != null) {
        return refused;
      }
      Content.Chunk chunk = super.read();
      if (chunk == null || Content.Chunk.isFailure(chunk)) {
        return chunk;
      }
      read += chunk.remaining();
      if (read <= limit) {
        return chunk;
      }
      chunk.release();
      // The wrapped request stays readable, so the rest of the body can still be discarded.
      refused =
          Content.Chunk.from(
              new HttpException.RuntimeException(HttpStatus.PAYLOAD_TOO_LARGE_413, tooLarge()), true);
      return refused;
    }
  }
}
