package dev.syncview.testing;

import dev.syncview.http.HttpMetrics;
import dev.syncview.http.HttpServer;
import dev.syncview.http.HttpSettings;
import dev.syncview.query.Placement;
import dev.syncview.query.Progress;
import dev.syncview.query.ReadApi;
import dev.syncview.query.ViewStatus;
import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** The real HTTP server on a free port over a given read API (stores of a TopologyTestDriver). */
public final class TestServers {
  private TestServers() {}

  /** A ready view, zero lag; the driver applies every record at once, so no position waits. */
  public static Javalin start(ReadApi api) {
    return start(api, status(true));
  }

  public static Javalin start(ReadApi api, ViewStatus status) {
    return HttpServer.create(
            api,
            status,
            (positions, timeout) -> {},
            new HttpSettings(
                "test-secret".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(1), "sync.api-keys"))
        .start("127.0.0.1", 0);
  }

  /**
   * A server that asks {@code placement} where a tenant lives and relays to the owner, marking
   * relayed requests with {@code secret}; {@code self} is its own address.
   */
  public static Javalin placed(ReadApi api, Placement placement, String self, byte[] secret, Duration relayTimeout) {
    return HttpServer.create(
            api,
            status(true),
            (positions, timeout) -> {},
            placement,
            new HttpSettings(
                "c".getBytes(StandardCharsets.UTF_8),
                Duration.ofSeconds(1),
                "sync.api-keys",
                () -> self,
                secret,
                relayTimeout,
                10),
            HttpMetrics.NONE)
        .start("127.0.0.1", 0);
  }

  public static ViewStatus status(boolean ready) {
    return status(ready, Progress.UNKNOWN);
  }

  public static ViewStatus status(boolean ready, Progress progress) {
    return new ViewStatus() {
      @Override
      public Progress progress() {
        return progress;
      }

      @Override
      public boolean ready() {
        return ready;
      }

      @Override
      public Lag lag() {
        return new Lag(0, Map.of("sync.jobs-0", 0L));
      }
    };
  }
}
