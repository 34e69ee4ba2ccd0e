package dev.syncview.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Timed HTTP/1.1 GETs against the service (keep-alive, one client per instance). */
final class Http {
  /** One answer and how long it took, from sending to the last body byte. */
  record Answer(int status, String body, Optional<String> link, long nanos) {
    double millis() {
      return nanos / 1e6;
    }
  }

  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  Http(int port) {
    base = "http://127.0.0.1:" + port;
  }

  Answer get(String pathAndQuery, String token) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(30)).GET();
    if (token != null) {
      b.header("x-chroma-token", token);
    }
    HttpRequest request = b.build();
    try {
      long start = System.nanoTime();
      HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
      long nanos = System.nanoTime() - start;
      return new Answer(r.statusCode(), r.body(), r.headers().firstValue("Link"), nanos);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The target of a {@code Link: <...>; rel="next"} header. */
  static Optional<String> next(Answer a) {
    return a.link().map(l -> l.substring(l.indexOf('<') + 1, l.indexOf('>')));
  }
}
