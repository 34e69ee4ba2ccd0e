package dev.syncview.cli;

import java.util.concurrent.CountDownLatch;

/** What a long-running command does on SIGTERM or Ctrl-C: close, then let the command return. */
final class Shutdown {
  private Shutdown() {}

  /** Runs {@code close} in a shutdown hook; the latch opens once it has. */
  static CountDownLatch onSignal(Runnable close) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  close.run();
                  stopped.countDown();
                },
                "shutdown"));
    return stopped;
  }
}
