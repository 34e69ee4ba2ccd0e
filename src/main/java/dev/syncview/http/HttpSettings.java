package dev.syncview.http;

import java.time.Duration;

/**
 * @param cursorSecret signs listing cursors; every instance of one deployment needs the same
 * @param minPositionTimeout how long a read-your-writes request may wait before a 503
 * @param apiKeysTopic positions on this topic are awaited before authentication
 */
public record HttpSettings(byte[] cursorSecret, Duration minPositionTimeout, String apiKeysTopic) {}
