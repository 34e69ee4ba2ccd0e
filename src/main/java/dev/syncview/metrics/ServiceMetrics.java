package dev.syncview.metrics;

import dev.syncview.http.HttpMetrics;
import dev.syncview.query.StatusReport.Traffic;
import dev.syncview.query.ViewStatus;
import dev.syncview.topology.ProjectionEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Every metric of the service in one Prometheus registry: Micrometer's JVM, process and Kafka
 * Streams binders (client, thread, task, consumer lag and RocksDB metrics as Kafka reports them),
 * plus the service's own: events received and dead-lettered, HTTP requests per route and status,
 * 503s, and the view's lag per partition.
 */
public final class ServiceMetrics implements HttpMetrics, ProjectionEvents, AutoCloseable {
  /** Micrometer's own default is 60 s: a restore's consumer metrics would show up a minute late. */
  static final Duration KAFKA_REFRESH = Duration.ofSeconds(5);
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final Map<String, Counter> received = new ConcurrentHashMap<>();
  private final Map<List<String>, Counter> deadLettered = new ConcurrentHashMap<>();
  private final Map<List<String>, Counter> deadLettersSkipped = new ConcurrentHashMap<>();
  private final Map<List<String>, Timer> requests = new ConcurrentHashMap<>();
  private final Map<String, Counter> unavailable = new ConcurrentHashMap<>();
  private final TrafficRates traffic = new TrafficRates(registry, System::nanoTime);
  private MultiGauge partitionLag;
  private ViewStatus status;
  private KafkaStreamsMetrics streams;
  private final ScheduledExecutorService kafkaRefresh =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sync-view-kafka-metrics");
        t.setDaemon(true);
        return t;
      });

  public ServiceMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
  }

  /**
   * Kafka Streams' own metrics of this client, bound as soon as it exists: a task's, a store's or
   * a partition's metrics appear once Streams creates them, within {@link #KAFKA_REFRESH}.
   */
  public synchronized void bind(KafkaStreams client) {
    streams = new KafkaStreamsMetrics(client, Tags.empty(), kafkaRefresh, KAFKA_REFRESH);
    streams.bindTo(registry);
  }

  /** Events, dead letters and requests per second over the last seconds, for the status page. */
  public Supplier<Traffic> traffic() {
    return traffic;
  }

  /** The view's lag, in total and per partition, read at each scrape. */
  public synchronized void bind(ViewStatus viewStatus) {
    status = viewStatus;
    Gauge.builder("syncview.view.lag.records", viewStatus, s -> s.lag().records())
        .description("input records the view has not applied yet, all partitions")
        .register(registry);
    Gauge.builder("syncview.view.ready", viewStatus, s -> s.ready() ? 1 : 0)
        .description("1 when queries can be answered")
        .register(registry);
    ProgressMeters.register(registry, viewStatus);
    partitionLag =
        MultiGauge.builder("syncview.view.partition.lag.records")
            .description("records behind, per topic partition read by the projection")
            .register(registry);
  }

  @Override
  public void received(String topic) {
    received
        .computeIfAbsent(
            topic,
            t -> Counter.builder(TrafficRates.RECEIVED)
                .description("input records read, per topic")
                .tag("topic", t)
                .register(registry))
        .increment();
  }

  @Override
  public void deadLettered(String topic, String reason) {
    countByReason(
        deadLettered,
        TrafficRates.DEAD_LETTERED,
        "records written to the dead-letter topic, per input topic and reason",
        topic,
        reason);
  }

  @Override
  public void deadLetterSkipped(String topic, String reason) {
    countByReason(
        deadLettersSkipped,
        "syncview.events.dead.letters.skipped",
        "dead letters too large for the dead-letter topic, not written (logged), per input topic and reason",
        topic,
        reason);
  }

  private void countByReason(
      Map<List<String>, Counter> counters, String name, String description, String topic, String reason) {
    counters
        .computeIfAbsent(
            List.of(topic, reason),
            k -> Counter.builder(name).description(description).tags("topic", topic, "reason", reason).register(registry))
        .increment();
  }

  @Override
  public void observe(String method, String route, int status, long nanos) {
    requests
        .computeIfAbsent(
            List.of(method, route, Integer.toString(status)),
            k -> Timer.builder(TrafficRates.REQUESTS)
                .description("HTTP requests answered, per method, route and status")
                .tags(Tags.of("method", k.get(0), "route", k.get(1), "status", k.get(2)))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
    if (status == 503) {
      unavailable
          .computeIfAbsent(
              route,
              r -> Counter.builder("syncview.http.unavailable")
                  .description("503 answers: view not ready or min_position not reached in time")
                  .tag("route", r)
                  .register(registry))
          .increment();
    }
  }

  @Override
  public String scrape() {
    refreshPartitionLag();
    return registry.scrape();
  }

  private synchronized void refreshPartitionLag() {
    if (status == null) {
      return;
    }
    partitionLag.register(
        status.lag().partitions().entrySet().stream()
            .map(e -> MultiGauge.Row.of(Tags.of("partition", e.getKey()), e.getValue()))
            .toList(),
        true);
  }

  @Override
  public synchronized void close() {
    if (streams != null) {
      streams.close();
    }
    kafkaRefresh.shutdownNow();
    gc.close();
    registry.close();
  }
}
