package dev.syncview.http;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * @param cursorSecret signs listing cursors; every instance of one deployment needs the same
 * @param minPositionTimeout how long a read-your-writes request may wait before a 503
 * @param apiKeysTopic positions on this topic are awaited before authentication
 * @param self this instance's advertised host:port (known once HTTP is bound), sent as {@code
 *     X-Served-By}
 * @param internalSecret signs requests forwarded between instances; the same on every instance
 * @param forwardTimeout how long a forwarded request may take (plus minPositionTimeout)
 * @param maxStandbyLag the most records a standby copy may be behind and still answer
 */
public record HttpSettings(
    byte[] cursorSecret,
    Duration minPositionTimeout,
    String apiKeysTopic,
    Supplier<String> self,
    byte[] internalSecret,
    Duration forwardTimeout,
    long maxStandbyLag) {

  /** One instance alone. */
  public HttpSettings(byte[] cursorSecret, Duration minPositionTimeout, String apiKeysTopic) {
    this(cursorSecret, minPositionTimeout, apiKeysTopic, () -> "", cursorSecret, Duration.ofSeconds(2), 0);
  }
}
