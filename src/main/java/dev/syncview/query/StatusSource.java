package dev.syncview.query;

import java.util.function.Supplier;

/** Where the status page's model comes from: the service composes it, the HTTP layer serves it. */
public interface StatusSource {
  StatusReport report();

  /** From the view's status alone: no placement or traffic known (a bare HTTP server). */
  static StatusSource of(ViewStatus status) {
    return compose(() -> "", status, () -> StatusReport.Cluster.UNKNOWN, () -> StatusReport.Traffic.NONE);
  }

  static StatusSource compose(
      Supplier<String> self,
      ViewStatus status,
      Supplier<StatusReport.Cluster> cluster,
      Supplier<StatusReport.Traffic> traffic) {
    return () ->
        new StatusReport(
            self.get() == null ? "" : self.get(),
            status.ready(),
            status.progress(),
            status.lag(),
            cluster.get(),
            traffic.get());
  }
}
