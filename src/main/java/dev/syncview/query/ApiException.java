package dev.syncview.query;

/**
 * A request the API answers with an ErrorResponse. Subclasses fix the status and error word of
 * api.md; the HTTP layer maps them in one place.
 */
public abstract class ApiException extends RuntimeException {
  private final int status;
  private final String error;

  protected ApiException(int status, String error, String message) {
    super(message, null, false, false);
    this.status = status;
    this.error = error;
  }

  public int status() {
    return status;
  }

  public String error() {
    return error;
  }

  public static final class BadRequest extends ApiException {
    public BadRequest(String message) {
      super(400, "BadRequest", message);
    }
  }

  public static final class Unauthorized extends ApiException {
    public Unauthorized() {
      super(401, "Unauthorized", "a valid x-chroma-token header is required");
    }
  }

  public static final class Forbidden extends ApiException {
    public Forbidden(String message) {
      super(403, "Forbidden", message);
    }
  }

  public static final class NotFound extends ApiException {
    public NotFound(String message) {
      super(404, "NotFound", message);
    }
  }

  /** The projection cannot answer yet; {@code retryAfterSeconds} goes to {@code Retry-After}. */
  public static final class Unavailable extends ApiException {
    private final int retryAfterSeconds;

    public Unavailable(String message, int retryAfterSeconds) {
      super(503, "Unavailable", message);
      this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The view's store is not open here: starting, restoring, rebalancing or closing. */
    public static Unavailable viewNotReady() {
      return new Unavailable("the view is starting, restoring or rebalancing; retry shortly", 1);
    }

    public int retryAfterSeconds() {
      return retryAfterSeconds;
    }
  }
}
