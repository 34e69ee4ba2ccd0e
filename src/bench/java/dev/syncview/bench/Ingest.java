package dev.syncview.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Publish-to-queryable throughput: the job events are published as fast as the producer goes, in
 * batches; a batch's time runs from its first send until the projection has committed everything
 * it published (input and internal topics), and its rate is events over that time. Publishing and
 * projecting overlap, on the same cores, as they do in production. Warm-up batches come first,
 * are reported and are left out of the median: either {@link #WARMUP_SHARE} of the events, or a
 * whole first pass over them (for a projection to which a second pass is the same work).
 */
final class Ingest {
  static final double WARMUP_SHARE = 0.1;

  /** One batch: events, seconds from first send to caught up, seconds until the last ack. */
  record Batch(
      boolean warmup,
      int events,
      double seconds,
      double publishSeconds,
      double projectionCpuSeconds,
      double brokerCpuSeconds,
      double driverCpuSeconds) {
    double rate() {
      return events / seconds;
    }
  }

  /**
   * @param internalRecords records the projection wrote to its own topics (repartition and
   *     changelog; end offsets, so transaction markers count too) by the end of the last batch
   */
  record Result(String name, List<Batch> batches, double setupSeconds, long inputRecords, long internalRecords) {
    List<Batch> measured() {
      return batches.stream().filter(b -> !b.warmup()).toList();
    }

    double medianRate() {
      return Stats.median(measured().stream().mapToDouble(Batch::rate).toArray());
    }

    /** Every job event over the time of every batch, warm-up included. */
    double overallRate() {
      return batches.stream().mapToInt(Batch::events).sum() / batches.stream().mapToDouble(Batch::seconds).sum();
    }

    double seconds() {
      return measured().stream().mapToDouble(Batch::seconds).sum();
    }

    /** Every batch, warm-up included. */
    double totalSeconds() {
      return batches.stream().mapToDouble(Batch::seconds).sum();
    }

    /** CPU cores the projection's JVM kept busy, on average over the measured batches. */
    double projectionCores() {
      return measured().stream().mapToDouble(Batch::projectionCpuSeconds).sum() / seconds();
    }

    double brokerCores() {
      return measured().stream().mapToDouble(Batch::brokerCpuSeconds).sum() / seconds();
    }

    double driverCores() {
      return measured().stream().mapToDouble(Batch::driverCpuSeconds).sum() / seconds();
    }
  }

  /** What a batch waits for: the projection has applied everything published. */
  interface CaughtUp {
    void await();
  }

  private Ingest() {}

  static Result run(
      String name,
      String bootstrap,
      String applicationId,
      Bulk bulk,
      Topics topics,
      DataSet data,
      int batches,
      boolean warmupPass,
      CaughtUp caughtUp,
      ChildJvm projection,
      ChildJvm broker) {
    long setupStart = System.nanoTime();
    bulk.sendAll(topics.apiKeys(), data.keys);
    bulk.sendAll(topics.sources(), data.sourceRecords);
    bulk.flush();
    caughtUp.await();
    double setupSeconds = (System.nanoTime() - setupStart) / 1e9;

    List<Batch> out = new ArrayList<>();
    int n = data.jobEvents.size();
    List<List<DataSet.Rec>> plan = new ArrayList<>();
    int warmups;
    if (warmupPass) {
      plan.addAll(split(data.jobEvents, batches));
      plan.addAll(split(data.jobEvents, batches));
      warmups = batches;
    } else {
      int warmup = (int) (n * WARMUP_SHARE);
      plan.add(data.jobEvents.subList(0, warmup));
      plan.addAll(split(data.jobEvents.subList(warmup, n), batches));
      warmups = 1;
    }
    for (int i = 0; i < plan.size(); i++) {
      List<DataSet.Rec> batch = plan.get(i);
      Duration projectionCpu = projection.cpu();
      Duration brokerCpu = broker.cpu();
      long driverCpu = driverCpuNanos();
      long start = System.nanoTime();
      bulk.sendAll(topics.jobs(), batch);
      bulk.flush();
      long published = System.nanoTime();
      caughtUp.await();
      long end = System.nanoTime();
      out.add(new Batch(
          i < warmups,
          batch.size(),
          (end - start) / 1e9,
          (published - start) / 1e9,
          projection.cpu().minus(projectionCpu).toMillis() / 1e3,
          broker.cpu().minus(brokerCpu).toMillis() / 1e3,
          (driverCpuNanos() - driverCpu) / 1e9));
      Batch b = out.get(out.size() - 1);
      System.out.printf("  %s %s: %d events in %.1f s (published in %.1f s) = %.0f events/s%n",
          name, b.warmup() ? "warm-up" : "batch " + (i + 1 - warmups), b.events(), b.seconds(), b.publishSeconds(),
          b.rate());
    }
    long inputs = data.keys.size() + data.sourceRecords.size() + (long) n * (warmupPass ? 2 : 1);
    long internal = KafkaFacts.endOffsets(bootstrap, t -> t.startsWith(applicationId + "-"));
    return new Result(name, out, setupSeconds, inputs, internal);
  }

  private static List<List<DataSet.Rec>> split(List<DataSet.Rec> events, int parts) {
    List<List<DataSet.Rec>> out = new ArrayList<>();
    for (int i = 0; i < parts; i++) {
      int from = (int) ((long) i * events.size() / parts);
      int to = (int) ((long) (i + 1) * events.size() / parts);
      out.add(events.subList(from, to));
    }
    return out;
  }

  /** CPU time of this JVM (the bench driver: producer and checks). */
  static long driverCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** The three input topics a projection reads. */
  record Topics(String sources, String jobs, String apiKeys) {
    List<String> all() {
      return List.of(sources, jobs, apiKeys);
    }
  }
}
