package dev.syncview.query;

import java.util.List;

/**
 * Where a tenant's listing lives among the instances of the deployment: every tenant's rows sit in
 * one partition of the view, held active by one instance and as standby copies by others.
 */
public interface Placement {
  /** A single instance: everything is here. */
  Placement SINGLE = tenant -> Target.HERE;

  Target locate(String tenant);

  /**
   * Records the local copy of {@code partition} is behind its changelog; {@link Long#MAX_VALUE}
   * when there is no local copy.
   */
  default long standbyLag(int partition) {
    return Long.MAX_VALUE;
  }

  /**
   * @param activeHere this instance holds the active copy (or the placement is not known yet: then
   *     the local read answers, or says 503)
   * @param active host:port of the active copy elsewhere, or null
   * @param standbys host:port of standby copies on other instances
   * @param standbyHere this instance holds a standby copy
   */
  record Target(
      int partition, boolean activeHere, String active, List<String> standbys, boolean standbyHere) {
    public static final Target HERE = new Target(-1, true, null, List.of(), false);

    public Target {
      standbys = List.copyOf(standbys);
    }
  }
}
