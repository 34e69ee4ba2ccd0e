package dev.syncview.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publish-to-visible latency at a steady event rate while a paced query load runs. Background job
 * snapshots (the data set's stream, continued) are published at {@code rate} per second; wrk sends
 * random list_sources queries on 8 connections, each pausing between requests. Meanwhile a probe
 * (a new job of a tenant of its own, newest of all, sent with its own producer and no linger) is
 * published every {@link #PROBE_EVERY_MS} ms and timed from just before its send in two ways:
 *
 * <ul>
 *   <li><b>visible</b>: one poller lists the probe tenant (the newest {@link #POLL_LIMIT}) every
 *       {@link #POLL_PAUSE_MS} ms and notes when each probe first appears, the moment the view
 *       really shows it;
 *   <li><b>read-your-writes</b>: a GET with {@code min_position=<topic>:<partition>:<offset>} of
 *       the probe, which answers once the service knows the record is applied through every hop.
 *       One such request at a time (each one polls the broker's group offsets every 10 ms inside
 *       the service; a crowd of them would load what they measure), for the probes sent while
 *       none is waiting.
 * </ul>
 */
final class Freshness {
  static final int PROBE_EVERY_MS = 200;
  static final int POLL_PAUSE_MS = 10;
  static final int POLL_LIMIT = 50;
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);
  /**
   * Load and probes run this long before probes are timed. Without it the first seconds of a run
   * timed the JIT: the driver's C2 compiler stayed busy through a whole run at a light load (its
   * consumers and HTTP client were new code), and so did the service's JVM threads.
   */
  static final int WARMUP_SECONDS = 10;

  record Result(
      int requestedRate,
      int rate,
      double achievedRate,
      int seconds,
      List<Double> visibleMs,
      List<Double> readYourWritesMs,
      Map<String, List<Double>> hopsMs,
      int probes,
      int probesSent,
      int probeFailures,
      long maxLag,
      long lagAtEnd,
      double drainSeconds,
      Wrk.Result queryLoad,
      int queryDelayMs) {}

  private Freshness() {}

  /**
   * {@code firstProbe}: the sequence number of this run's first probe; a later run starts after the
   * earlier run's probes, so that its probes are the probe tenant's newest jobs. {@code traceHops}:
   * follow the probes through the internal topics (HopTrace), or not.
   */
  static Result run(Rig rig, Service service, DataSet data, Wrk wrk, int requestedRate, int rate, int seconds,
      int queryDelayMs, int firstProbe, boolean traceHops) throws InterruptedException {
    List<DataSet.Rec> background = data.moreJobEvents(rate * (WARMUP_SECONDS + seconds));
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong maxLag = new AtomicLong();
    AtomicLong sent = new AtomicLong();
    AtomicLong published = new AtomicLong();
    AtomicInteger failures = new AtomicInteger();
    Map<String, Long> pending = new ConcurrentHashMap<>();
    List<Double> visible = Collections.synchronizedList(new ArrayList<>());
    List<Double> ryw = Collections.synchronizedList(new ArrayList<>());
    ExecutorService rywRequests = Executors.newSingleThreadExecutor();
    AtomicBoolean rywBusy = new AtomicBoolean();
    int probes = 0;
    int measured = 0;
    double achieved;

    Wrk.Run queries = wrk.start(service, "list", 8, WARMUP_SECONDS + seconds + 2, queryDelayMs);
    Map<String, List<Double>> hops;
    try (Bulk bulk = new Bulk(rig.bootstrap); Bulk probeProducer = new Bulk(rig.bootstrap, 0);
        HopTrace trace = traceHops
            ? new HopTrace(rig.bootstrap, service.applicationId, DataSet.PROBE_TENANT)
            : null) {
      long start = System.nanoTime();
      List<Thread> helpers = List.of(
          new Thread(() -> publish(bulk, background, rate, start, sent, published, stop), "freshness-publisher"),
          new Thread(() -> watchLag(service, maxLag, stop), "freshness-lag"),
          new Thread(() -> pollVisible(service, pending, visible, trace, stop), "freshness-poller"));
      helpers.forEach(Thread::start);
      long measureFrom = start + Duration.ofSeconds(WARMUP_SECONDS).toNanos();
      long end = measureFrom + Duration.ofSeconds(seconds).toNanos();
      for (long next = start; next < end; next += TimeUnit.MILLISECONDS.toNanos(PROBE_EVERY_MS)) {
        LockSupport.parkNanos(next - System.nanoTime());
        String jobId = UUID.randomUUID().toString();
        DataSet.Rec probe = DataSet.probeJob(jobId, data.probeSourceId, firstProbe + probes++);
        long t0 = System.nanoTime();
        if (t0 < measureFrom) {
          // a warm-up probe: through the service and the trace's consumers, not timed
          probeProducer.sendSync("sync.jobs", probe);
          continue;
        }
        measured++;
        if (trace != null) {
          trace.watch(jobId, t0);
        }
        pending.put(jobId, t0);
        RecordMetadata m = probeProducer.sendSync("sync.jobs", probe);
        if (rywBusy.compareAndSet(false, true)) {
          rywRequests.submit(() -> {
            String position = m.topic() + ":" + m.partition() + ":" + m.offset();
            Http.Answer a = service.http.get(
                "/api/v1/sources?limit=" + POLL_LIMIT + "&min_position=" + position, DataSet.PROBE_TOKEN);
            if (a.status() == 200 && a.body().contains(jobId)) {
              ryw.add((System.nanoTime() - t0) / 1e6);
            } else {
              failures.incrementAndGet();
            }
            rywBusy.set(false);
          });
        }
      }
      // Let the last probes land, then stop the helpers.
      long wait = System.nanoTime() + PROBE_TIMEOUT.toNanos();
      while (!pending.isEmpty() && System.nanoTime() < wait) {
        Thread.sleep(50);
      }
      failures.addAndGet(pending.size());
      stop.set(true);
      for (Thread h : helpers) {
        h.join();
      }
      achieved = sent.get() / Math.max(1e-9, (published.get() - start) / 1e9);
      bulk.flush();
      rywRequests.shutdown();
      rywRequests.awaitTermination(1, TimeUnit.MINUTES);
      hops = trace == null ? Map.of() : trace.segmentsMs();
    }
    Wrk.Result load = queries.await();
    long lagAtEnd = service.lag();
    long drainStart = System.nanoTime();
    service.awaitCaughtUp(rig.bootstrap, Duration.ofMinutes(5));
    double drain = (System.nanoTime() - drainStart) / 1e9;
    return new Result(requestedRate, rate, achieved, seconds, List.copyOf(visible), List.copyOf(ryw), hops, measured, probes,
        failures.get(), maxLag.get(), lagAtEnd, drain, load, queryDelayMs);
  }

  /**
   * Publishes {@code records} evenly at {@code rate} per second, in 10 ms steps, until they are all
   * sent or it is stopped; {@code sent} and {@code lastSend} tell how far it got and when.
   */
  private static void publish(Bulk bulk, List<DataSet.Rec> records, int rate, long start, AtomicLong sent,
      AtomicLong lastSend, AtomicBoolean stop) {
    int i = 0;
    while (i < records.size() && !stop.get()) {
      long due = Math.min(records.size(), (System.nanoTime() - start) * rate / 1_000_000_000L);
      while (i < due) {
        bulk.send("sync.jobs", records.get(i++));
      }
      sent.set(i);
      lastSend.set(System.nanoTime());
      LockSupport.parkNanos(10_000_000);
    }
  }

  private static void watchLag(Service service, AtomicLong maxLag, AtomicBoolean stop) {
    while (!stop.get()) {
      maxLag.accumulateAndGet(service.lag(), Math::max);
      LockSupport.parkNanos(500_000_000);
    }
  }

  /** Lists the probe tenant until stopped; a probe's time is when the first answer listing it arrived. */
  private static void pollVisible(
      Service service, Map<String, Long> pending, List<Double> visible, HopTrace trace, AtomicBoolean stop) {
    while (!stop.get()) {
      if (!pending.isEmpty()) {
        Http.Answer a = service.http.get("/api/v1/sources?limit=" + POLL_LIMIT, DataSet.PROBE_TOKEN);
        long now = System.nanoTime();
        if (a.status() == 200) {
          // A probe's id is a random UUID, so finding it in the body finds its item; cheaper for
          // the driver than parsing 50 items a hundred times a second.
          for (String id : pending.keySet()) { // a concurrent map: removing while iterating is safe
            Long t0 = a.body().contains(id) ? pending.remove(id) : null;
            if (t0 != null) {
              visible.add((now - t0) / 1e6);
              if (trace != null) {
                trace.visible(id, now);
              }
            }
          }
        }
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_PAUSE_MS));
    }
  }
}
