package dev.syncview.http;

import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextResponse;
import org.eclipse.jetty.http.HttpHeader;

/** Writes JSON bodies with the exact content type of api.md. */
final class Responses {
  static final String JSON = "application/json; charset=utf-8";
  private static final byte[] OPEN = {'['};
  private static final byte[] CLOSE = {']'};

  private Responses() {}

  static void json(Context ctx, int status, byte[] body) {
    ctx.status(status);
    // Set on the core response only: the servlet layer rewrites "; charset" to ";charset", and
    // parsing the type there was a large share of writing an answer (BENCHMARKS.md, queries profile).
    ServletContextResponse.getServletContextResponse(ctx.res())
        .getWrapped()
        .getHeaders()
        .put(HttpHeader.CONTENT_TYPE, JSON);
    // Straight to the servlet stream: ctx.result() copies the bytes through an InputStream and
    // Javalin's compression wrapper, both visible in a list request's profile (BENCHMARKS.md).
    HttpServletResponse res = ctx.res();
    res.setContentLength(body.length);
    try {
      res.getOutputStream().write(body);
    } catch (IOException e) {
      // The client went away mid-answer: nothing is left to answer, and it is not a server fault
      // to report as a 500 (a request that times out on the client side ends like this).
    }
  }

  /** A JSON array of pre-rendered items: no parsing, no re-encoding. */
  static byte[] array(List<byte[]> items) {
    int size = 2 + Math.max(0, items.size() - 1);
    for (byte[] item : items) {
      size += item.length;
    }
    byte[] out = new byte[size];
    int pos = 0;
    out[pos++] = OPEN[0];
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        out[pos++] = ',';
      }
      byte[] item = items.get(i);
      System.arraycopy(item, 0, out, pos, item.length);
      pos += item.length;
    }
    out[pos] = CLOSE[0];
    return out;
  }
}
