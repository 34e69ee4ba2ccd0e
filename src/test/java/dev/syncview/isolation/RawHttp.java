package dev.syncview.isolation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Requests as raw bytes over a fresh socket, so that anything can be sent (bad request lines,
 * invalid bytes, odd framing), and the answer parsed by hand: status, headers in order, body
 * (Content-Length or chunked). No answer at all is reported as status -1.
 */
final class RawHttp {
  private final int port;

  RawHttp(int port) {
    this.port = port;
  }

  record Answer(int status, List<String[]> headers, byte[] body, String raw) {
    String header(String name) {
      for (String[] h : headers) {
        if (h[0].equalsIgnoreCase(name)) {
          return h[1];
        }
      }
      return null;
    }

    int count(String name) {
      int n = 0;
      for (String[] h : headers) {
        if (h[0].equalsIgnoreCase(name)) {
          n++;
        }
      }
      return n;
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return raw.length() > 600 ? raw.substring(0, 600) + "..." : raw;
    }
  }

  static byte[] latin1(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  Answer send(String request) {
    return send(latin1(request));
  }

  /**
   * Writes the request on another thread while this one reads, so that an early answer (a 413
   * before a large body is sent) is read before the server's close can reset the connection.
   */
  Answer send(byte[] request) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      Thread writer =
          new Thread(
              () -> {
                try {
                  out.write(request);
                  out.flush();
                  s.shutdownOutput();
                } catch (IOException e) {
                  // the server answered and closed before reading all of the request
                }
              },
              "raw-http-writer");
      writer.setDaemon(true);
      writer.start();
      Answer a = read(s.getInputStream());
      s.close();
      writer.join();
      return a;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Sends a request without closing our side, reads its answer, then tells whether the server
   * closed the connection after it (rather than waiting for a next request).
   */
  boolean closesAfterAnswer(String request) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(latin1(request));
      s.getOutputStream().flush();
      InputStream in = s.getInputStream();
      read(in);
      s.setSoTimeout(3_000);
      try {
        return in.read() < 0;
      } catch (SocketTimeoutException keptOpen) {
        return false;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Answer read(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    byte[] chunk = new byte[16384];
    try {
      int n;
      while ((n = in.read(chunk)) >= 0) {
        buf.write(chunk, 0, n);
        if (complete(buf.toByteArray())) {
          break;
        }
      }
    } catch (SocketTimeoutException | SocketException e) {
      // parse what arrived
    }
    return parse(buf.toByteArray());
  }

  private static int headerEnd(byte[] b) {
    for (int i = 0; i + 3 < b.length; i++) {
      if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static boolean complete(byte[] b) {
    while (b.length > 12 && new String(b, 0, 12, StandardCharsets.ISO_8859_1).matches("HTTP/1\\.[01] 1\\d\\d")) {
      int interimEnd = headerEnd(b);
      if (interimEnd < 0) {
        return false;
      }
      b = Arrays.copyOfRange(b, interimEnd + 4, b.length);
    }
    int end = headerEnd(b);
    if (end < 0) {
      return false;
    }
    String head = new String(b, 0, end, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    int cl = head.indexOf("\r\ncontent-length:");
    if (cl >= 0) {
      int eol = head.indexOf("\r\n", cl + 2);
      String v = head.substring(cl + 17, eol < 0 ? head.length() : eol).trim();
      return b.length - end - 4 >= Long.parseLong(v);
    }
    if (head.contains("\r\ntransfer-encoding: chunked")) {
      return new String(b, end, b.length - end, StandardCharsets.ISO_8859_1).contains("\r\n0\r\n\r\n");
    }
    return false;
  }

  static Answer parse(byte[] b) {
    // interim 1xx answers (100 Continue) precede the final one
    while (b.length > 12 && new String(b, 0, 12, StandardCharsets.ISO_8859_1).matches("HTTP/1\\.[01] 1\\d\\d")) {
      int interimEnd = headerEnd(b);
      if (interimEnd < 0) {
        break;
      }
      b = Arrays.copyOfRange(b, interimEnd + 4, b.length);
    }
    String raw = new String(b, StandardCharsets.ISO_8859_1);
    int end = headerEnd(b);
    if (b.length == 0 || end < 0) {
      return new Answer(-1, List.of(), new byte[0], raw);
    }
    String[] lines = new String(b, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    int status;
    try {
      status = Integer.parseInt(statusLine[1]);
    } catch (RuntimeException e) {
      return new Answer(-1, List.of(), new byte[0], raw);
    }
    List<String[]> headers = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.add(new String[] {lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()});
      }
    }
    byte[] rest = Arrays.copyOfRange(b, end + 4, b.length);
    Answer head = new Answer(status, headers, rest, raw);
    String cl = head.header("Content-Length");
    if (cl != null) {
      int len = (int) Math.min(Long.parseLong(cl.trim()), rest.length);
      return new Answer(status, headers, Arrays.copyOf(rest, len), raw);
    }
    if ("chunked".equalsIgnoreCase(head.header("Transfer-Encoding"))) {
      return new Answer(status, headers, dechunk(rest), raw);
    }
    return head;
  }

  private static byte[] dechunk(byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int pos = 0;
    while (pos < b.length) {
      int eol = indexOfCrlf(b, pos);
      if (eol < 0) {
        break;
      }
      String sizeText = new String(b, pos, eol - pos, StandardCharsets.ISO_8859_1).split(";")[0].trim();
      int size = Integer.parseInt(sizeText, 16);
      if (size == 0) {
        break;
      }
      int from = eol + 2;
      int to = Math.min(b.length, from + size);
      out.write(b, from, to - from);
      pos = to + 2;
    }
    return out.toByteArray();
  }

  private static int indexOfCrlf(byte[] b, int from) {
    for (int i = from; i + 1 < b.length; i++) {
      if (b[i] == '\r' && b[i + 1] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
