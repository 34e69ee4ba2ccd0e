package dev.syncview.bench;

import dev.syncview.kafka.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The suite's Kafka broker, in a JVM of its own: the service's own single-node KRaft broker class,
 * on free ports of 127.0.0.1. Prints {@code BROKER READY <bootstrap>} once it takes clients; stops
 * on SIGTERM. Args: the log directory.
 */
public final class BrokerMain {
  private BrokerMain() {}

  public static void main(String[] args) throws InterruptedException {
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start("127.0.0.1", 0, 0, Path.of(args[0]), Map.of());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      broker.close();
      stopped.countDown();
    }, "broker-shutdown"));
    System.out.println("BROKER READY " + broker.bootstrapServers());
    System.out.flush();
    stopped.await();
  }
}
