package dev.syncview.tools;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;

/**
 * The container healthcheck: exit 0 when {@code GET <url>} answers 200, 1 otherwise. The runtime
 * image has neither curl nor a shell with {@code /dev/tcp} (dash), but it has a JRE. Only JDK
 * classes, so it starts in a fraction of a second with {@code -cp sync-view.jar} alone.
 */
public final class HealthCheck {
  private static final int TIMEOUT_MS = 3000;

  private HealthCheck() {}

  public static void main(String[] args) {
    String url = args.length > 0 ? args[0] : "http://127.0.0.1:8080/health/live";
    int status = status(url);
    if (status != 200) {
      System.err.println(url + (status < 0 ? " unreachable" : " answered " + status));
    }
    System.exit(status == 200 ? 0 : 1);
  }

  /** The HTTP status of a GET, or -1 when there is no answer. */
  static int status(String url) {
    try {
      HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
      c.setConnectTimeout(TIMEOUT_MS);
      c.setReadTimeout(TIMEOUT_MS);
      try {
        return c.getResponseCode();
      } finally {
        c.disconnect();
      }
    } catch (IOException e) {
      return -1;
    }
  }
}
