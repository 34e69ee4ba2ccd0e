package dev.syncview.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Real HTTP requests against a running server: java.net.http, and raw sockets for bad requests. */
public final class HttpClientSupport {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String base;
  private final int port;

  public HttpClientSupport(int port) {
    this.port = port;
    this.base = "http://localhost:" + port;
  }

  public int port() {
    return port;
  }

  public HttpResponse<String> get(String pathAndQuery, String token) {
    return send("GET", pathAndQuery, token, null);
  }

  public HttpResponse<String> send(String method, String pathAndQuery, String token, String body) {
    return send(method, pathAndQuery, token == null ? Map.of() : Map.of("x-chroma-token", token), body);
  }

  public HttpResponse<String> send(
      String method, String pathAndQuery, Map<String, String> headers, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + pathAndQuery))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    HttpRequest request = b.build();
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sends bytes as they are and returns the whole raw response (the server closes or we time out). */
  public String raw(String request) {
    try (Socket s = new Socket("localhost", port)) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      byte[] chunk = new byte[8192];
      try {
        int n;
        while ((n = in.read(chunk)) >= 0) {
          buf.write(chunk, 0, n);
          if (complete(buf.toString(StandardCharsets.ISO_8859_1))) {
            break;
          }
        }
      } catch (java.net.SocketTimeoutException e) {
        // keep-alive: return what arrived
      }
      return buf.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean complete(String response) {
    int headerEnd = response.indexOf("\r\n\r\n");
    if (headerEnd < 0) {
      return false;
    }
    String headers = response.substring(0, headerEnd).toLowerCase();
    int cl = headers.indexOf("content-length:");
    if (cl < 0) {
      return false;
    }
    int end = headers.indexOf("\r\n", cl);
    int length = Integer.parseInt(headers.substring(cl + 15, end < 0 ? headers.length() : end).trim());
    return response.length() - headerEnd - 4 >= length;
  }
}
