package dev.syncview.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a request on, unchanged (raw path and query, token, body), to the instance that holds its
 * tenant, and relays that instance's answer: status, body and the API's own headers.
 */
final class Forwarder {
  private static final Logger log = LoggerFactory.getLogger(Forwarder.class);
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
  static final String SERVED_BY = "X-Served-By";
  private static final List<String> RELAYED =
      List.of("Link", Reads.LAG_HEADER, Reads.STANDBY_HEADER, "Retry-After", "Allow", SERVED_BY);

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).version(HttpClient.Version.HTTP_1_1).build();
  private final ForwardSignature signature;

  Forwarder(ForwardSignature signature) {
    this.signature = signature;
  }

  /**
   * @return true when {@code host} answered (anything but a 503) and its answer is now this
   *     request's; false when it could not be reached in time or was not ready
   */
  boolean relay(Context ctx, String host, boolean stale, Duration timeout) throws InterruptedException {
    String pathAndQuery = RelayTarget.encode(Reads.pathAndQuery(ctx));
    HttpRequest.Builder request;
    try {
      request =
          HttpRequest.newBuilder(URI.create("http://" + host + pathAndQuery))
              .timeout(timeout)
              .header(
                  ForwardSignature.HEADER,
                  signature.sign(ctx.method().name(), pathAndQuery, stale, System.currentTimeMillis()));
      String token = Tokens.of(ctx);
      if (token != null) {
        request.header(Tokens.HEADER, token);
      }
    } catch (IllegalArgumentException unrepresentable) {
      // A token the JDK client will not send (Jetty takes more header bytes than it does):
      // answered like an unreachable instance, never with a 500.
      log.warn("request {} cannot be relayed to {}: {}", ctx.attribute(HttpServer.REQUEST_ID), host, unrepresentable.getMessage());
      return false;
    }
    byte[] body = null;
    if (ctx.method().name().equals("POST")) {
      // The body was checked as JSON here already; the owner checks the same prefix.
      request.header("Content-Type", "application/json");
      body = ctx.bodyAsBytes();
    }
    request.method(
        ctx.method().name(),
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    HttpResponse<byte[]> answer;
    try {
      answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException unreachableOrTimedOut) {
      return false;
    }
    if (answer.statusCode() == 503) {
      return false;
    }
    for (String name : RELAYED) {
      answer.headers().firstValue(name).ifPresent(v -> ctx.header(name, v));
    }
    Responses.json(ctx, answer.statusCode(), answer.body());
    return true;
  }
}
