package dev.syncview.bench;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The service as the README's run command starts it, its embedded broker in the same JVM, taking
 * the whole data set: the memory target counts the broker, and only this run measures a JVM
 * that holds both. Its rate is reported too, though the ingest figure against the baseline is the
 * separate-broker run (the baseline needs a broker of its own to share).
 */
final class EmbeddedIngest {
  record Result(Ingest.Result ingest, long peakRssBytes, Report.Memory memory) {}

  private EmbeddedIngest() {}

  static Result run(Rig rig, DataSet data, BenchConfig config, Ingest.Topics topics) throws Exception {
    return run(rig, data, config, topics, service -> { });
  }

  /** {@code atEnd} sees the caught-up service before it stops (the embedded experiment's diagnostics). */
  static Result run(Rig rig, DataSet data, BenchConfig config, Ingest.Topics topics, Consumer<Service> atEnd)
      throws Exception {
    Rig.Embedded embedded = rig.startEmbedded(Rig.uniqueId("embedded"), rig.dir.resolve("embedded"));
    Service service = embedded.service();
    try (Bulk bulk = new Bulk(embedded.bootstrap())) {
      service.awaitReady(Duration.ofMinutes(2));
      Ingest.Result ingest = Ingest.run("embedded", embedded.bootstrap(), service.applicationId, bulk, topics, data,
          config.ingestBatches(), false,
          () -> service.awaitCaughtUp(embedded.bootstrap(), Duration.ofMinutes(60)), service.jvm, service.jvm);
      Result result =
          new Result(ingest, service.jvm.peakRssBytes(), new Report.Memory(service.jvm.rssBytes(), service.jvm.heap()));
      atEnd.accept(service);
      return result;
    } finally {
      service.close();
    }
  }
}
