package dev.syncview.http;

/**
 * Where the HTTP layer reports each answered request and finds the text of {@code /metrics}. The
 * HTTP layer knows no metrics library; the service plugs one in.
 */
public interface HttpMetrics {
  HttpMetrics NONE =
      new HttpMetrics() {
        @Override
        public void observe(String method, String route, int status, long nanos) {}

        @Override
        public String scrape() {
          return "";
        }
      };

  /**
   * @param route the matched route template ({@code /api/v1/sources/{source_id}}), or {@code
   *     UNMATCHED}: never the raw path, whose values are unbounded
   */
  void observe(String method, String route, int status, long nanos);

  /** The Prometheus text exposition of every metric of the service. */
  String scrape();
}
