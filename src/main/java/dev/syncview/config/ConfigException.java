package dev.syncview.config;

/** A setting that cannot be used; the message names it and says what it accepts. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
