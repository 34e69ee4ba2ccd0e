package dev.syncview.bench;

import java.util.Arrays;
import java.util.List;

/** Medians and percentiles (nearest rank) of measured samples. */
final class Stats {
  private Stats() {}

  static double median(double[] values) {
    return percentile(values, 50);
  }

  static double median(List<Double> values) {
    return median(values.stream().mapToDouble(Double::doubleValue).toArray());
  }

  static double percentile(List<Double> values, double p) {
    return percentile(values.stream().mapToDouble(Double::doubleValue).toArray(), p);
  }

  /** Nearest-rank percentile; NaN when there are no samples. */
  static double percentile(double[] values, double p) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    if (p == 50 && sorted.length % 2 == 0) {
      return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
  }
}
