package dev.syncview.isolation;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Every log event that reaches the root logger (logback-classic), kept in memory so a test can
 * say "nothing was logged at ERROR while this ran". The appender sees what the configured levels
 * let through (root WARN, dev.syncview INFO in logback-test.xml), which includes every ERROR.
 */
final class LogCapture implements AutoCloseable {
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Collect appender = new Collect();

  /** Thread-safe: Jetty and Kafka threads log while the test reads. */
  private static final class Collect extends AppenderBase<ILoggingEvent> {
    final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

    @Override
    protected void append(ILoggingEvent e) {
      e.prepareForDeferredProcessing();
      events.add(e);
    }
  }

  LogCapture() {
    appender.setName("isolation-capture");
    appender.start();
    root.addAppender(appender);
  }

  /** Events at {@code level} or above, as "LEVEL logger - message" lines. */
  List<String> atLeast(Level level) {
    List<String> out = new ArrayList<>();
    for (ILoggingEvent e : appender.events) {
      if (e.getLevel().isGreaterOrEqual(level)) {
        out.add(e.getLevel() + " " + e.getLoggerName() + " - " + e.getFormattedMessage()
            + (e.getThrowableProxy() == null ? "" : " (" + e.getThrowableProxy().getClassName() + ": "
                + e.getThrowableProxy().getMessage() + ")"));
      }
    }
    return out;
  }

  void clear() {
    appender.events.clear();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
  }
}
