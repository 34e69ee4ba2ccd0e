package dev.syncview.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncview.testing.Events;
import dev.syncview.testing.Json;
import dev.syncview.testing.ProjectionHarness;
import dev.syncview.testing.TestServers;
import io.javalin.Javalin;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A body over the 1 MiB limit is answered 413 with its ErrorResponse, and the client receives it
 * whichever way it sends: all of the body before reading (Python's urllib), reading while sending
 * (the JDK client), waiting for {@code 100 Continue} (curl), with or without a declared length.
 *
 * <p>The sequential cases cannot pass by chance: an 8 MiB body is more than loopback's socket
 * buffers hold while the server reads nothing, so a server that answers and closes without reading
 * the body resets the connection under the client's writes every time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OversizedBodyHttpTest {
  static final String S3 = "00000000-0000-4000-8000-0000000000a2";
  static final String PATH = "/api/v1/sources/" + S3 + "/invocations/latest-by-keys";
  static final int MIB = 1024 * 1024;
  static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  ProjectionHarness h;
  Javalin app;

  @BeforeAll
  void start() {
    h = new ProjectionHarness();
    h.key(Events.apiKey("k", "acme", "tok", null));
    h.source(Events.s3Source(S3, "acme", "bucket"));
    app = TestServers.start(h.api());
  }

  @AfterAll
  void stop() {
    app.stop();
    h.close();
  }

  static byte[] body(int bytes) {
    byte[] b = new byte[bytes];
    Arrays.fill(b, (byte) 'k');
    byte[] head = "{\"object_keys\":[\"".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(head, 0, b, 0, head.length);
    b[bytes - 3] = '"';
    b[bytes - 2] = ']';
    b[bytes - 1] = '}';
    return b;
  }

  static void assertPayloadTooLarge(int status, String body) {
    assertThat(status).isEqualTo(413);
    assertThat(Json.parse(body).get("error").asText()).isEqualTo("PayloadTooLarge");
  }

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {MIB + 1, 1_100_000, 8 * MIB})
  void shouldAnswer413ToTheJdkClientWhenTheDeclaredLengthIsOverTheLimit(int bytes) throws Exception {
    // Given a body with a Content-Length over the limit; When the JDK client sends it, many times
    for (int i = 0; i < 20; i++) {
      HttpResponse<String> r = CLIENT.send(post(HttpRequest.BodyPublishers.ofByteArray(body(bytes))), HttpResponse.BodyHandlers.ofString());
      // Then every time it gets the 413 and its ErrorResponse, never a reset
      assertPayloadTooLarge(r.statusCode(), r.body());
    }
  }

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {MIB + 1, 8 * MIB})
  void shouldAnswer413ToTheJdkClientWhenAChunkedBodyPassesTheLimit(int bytes) throws Exception {
    // Given a body of no declared length (the JDK client sends an InputStream chunked)
    for (int i = 0; i < 20; i++) {
      byte[] b = body(bytes);
      HttpResponse<String> r =
          CLIENT.send(post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(b))), HttpResponse.BodyHandlers.ofString());
      // Then the server counts it as it reads and answers 413 once past the limit
      assertPayloadTooLarge(r.statusCode(), r.body());
    }
  }

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {1_100_000, 8 * MIB})
  void shouldAnswer413ToAClientThatSendsTheWholeBodyBeforeReading(int bytes) throws Exception {
    // Given a client that writes its whole request before reading anything (urllib, requests)
    for (int i = 0; i < 5; i++) {
      byte[] head = head("Content-Length: " + bytes);
      // When it sends a declared body over the limit; Then it reads the 413 once done writing
      Raw answer = sequential(concat(head, body(bytes)));
      assertPayloadTooLarge(answer.status, answer.body);
      assertThat(answer.headers).containsIgnoringCase("connection: close");
    }
  }

  @Test
  void shouldAnswer413ToASequentialClientWhenItsChunkedBodyPassesTheLimit() throws Exception {
    // Given an 8 MiB body sent chunked, all of it before reading
    byte[] b = body(8 * MIB);
    ByteArrayOutputStream chunked = new ByteArrayOutputStream();
    chunked.writeBytes(head("Transfer-Encoding: chunked"));
    for (int at = 0; at < b.length; at += 64 * 1024) {
      int n = Math.min(64 * 1024, b.length - at);
      chunked.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      chunked.write(b, at, n);
      chunked.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    chunked.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    // When it is sent; Then the 413 arrives after the last chunk
    Raw answer = sequential(chunked.toByteArray());
    assertPayloadTooLarge(answer.status, answer.body);
  }

  @Test
  void shouldAnswer413BeforeTheBodyWhenTheClientWaitsFor100Continue() throws Exception {
    // Given a client that announces a large body and waits for 100 Continue before sending it (curl)
    try (Socket s = new Socket("127.0.0.1", app.port())) {
      s.setSoTimeout(5_000);
      s.getOutputStream().write(head("Content-Length: " + 8 * MIB, "Expect: 100-continue"));
      s.getOutputStream().flush();
      // When it reads; Then the final 413 comes at once, with no 100 Continue inviting the body
      Raw answer = Raw.read(s.getInputStream());
      assertPayloadTooLarge(answer.status, answer.body);
    }
  }

  @Test
  void shouldStillAnswerABodyUnderTheLimitWhenItIsChunked() throws Exception {
    // Given a valid body of no declared length, under the limit
    byte[] b = "{\"object_keys\":[\"a\"]}".getBytes(StandardCharsets.UTF_8);
    // When it is sent chunked; Then the route reads all of it and answers 200
    HttpResponse<String> r =
        CLIENT.send(post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(b))), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{}");
  }

  HttpRequest post(HttpRequest.BodyPublisher body) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + PATH))
        .timeout(Duration.ofSeconds(30))
        .header("x-chroma-token", "tok")
        .header("Content-Type", "application/json")
        .POST(body)
        .build();
  }

  byte[] head(String... extra) {
    StringBuilder b = new StringBuilder("POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    b.append("x-chroma-token: tok\r\nContent-Type: application/json\r\n");
    for (String h : extra) {
      b.append(h).append("\r\n");
    }
    return b.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** Writes all of the request, and only then reads the answer. */
  Raw sequential(byte[] request) throws IOException {
    try (Socket s = new Socket("127.0.0.1", app.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(request);
      out.flush();
      return Raw.read(s.getInputStream());
    }
  }

  record Raw(int status, String headers, String body) {
    /** One response with a Content-Length; interim 1xx responses fail the read. */
    static Raw read(InputStream in) throws IOException {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      byte[] chunk = new byte[8192];
      int n;
      while ((n = in.read(chunk)) >= 0) {
        buf.write(chunk, 0, n);
        String text = buf.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (end >= 0) {
          String headers = text.substring(0, end);
          int length = contentLength(headers);
          if (text.length() - end - 4 >= length) {
            int status = Integer.parseInt(headers.substring(9, 12));
            return new Raw(status, headers, text.substring(end + 4, end + 4 + length));
          }
        }
      }
      throw new IOException("the connection ended before a whole answer: " + buf);
    }

    private static int contentLength(String headers) {
      for (String line : headers.split("\r\n")) {
        if (line.toLowerCase().startsWith("content-length:")) {
          return Integer.parseInt(line.substring(15).trim());
        }
      }
      throw new IllegalStateException("no Content-Length in " + headers);
    }
  }
}
