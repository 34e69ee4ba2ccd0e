package dev.syncview.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Files the server serves from the jar: each read once, at start, from a fixed list. */
final class Resources {
  private Resources() {}

  /** A served file and its content type. */
  record Asset(String contentType, byte[] bytes) {}

  static byte[] read(String resource) {
    try (InputStream in = Resources.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
