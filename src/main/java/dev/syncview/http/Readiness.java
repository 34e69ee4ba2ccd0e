package dev.syncview.http;

/** Whether the projection can answer queries now (for /health and early 503s). */
@FunctionalInterface
public interface Readiness {
  boolean ready();
}
