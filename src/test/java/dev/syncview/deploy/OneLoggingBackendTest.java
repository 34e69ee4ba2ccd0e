package dev.syncview.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The broker logs partly through log4j-api: with log4j-core beside logback those lines went to a
 * second, unconfigured backend (not JSON, not filtered). Exactly one backend must remain, and a
 * log4j-api line must come out of logback.
 */
class OneLoggingBackendTest {
  @Test
  void shouldHaveNoLog4jCoreOnTheClasspath() {
    assertThatThrownBy(() -> Class.forName("org.apache.logging.log4j.core.LoggerContext"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void shouldBindSlf4jToLogbackAlone() throws IOException {
    assertThat(providers("org.slf4j.spi.SLF4JServiceProvider"))
        .singleElement()
        .satisfies(u -> assertThat(u.toString()).contains("logback-classic"));
    assertThat(LoggerFactory.getILoggerFactory()).isInstanceOf(ch.qos.logback.classic.LoggerContext.class);
  }

  @Test
  void shouldSendLog4jApiLinesToLogback() throws IOException {
    // Given a logback appender on one logger
    assertThat(providers("org.apache.logging.log4j.spi.Provider"))
        .singleElement()
        .satisfies(u -> assertThat(u.toString()).contains("log4j-to-slf4j"));
    String name = "dev.syncview.deploy.log4j-api-probe";
    Logger logback = (Logger) LoggerFactory.getLogger(name);
    ListAppender<ILoggingEvent> seen = new ListAppender<>();
    seen.start();
    logback.addAppender(seen);
    logback.setLevel(Level.INFO);
    try {
      // When a line is logged through log4j-api, as Kafka's LoggingController does
      LogManager.getLogger(name).info("routed {}", 42);

      // Then logback received it, formatted
      assertThat(seen.list).singleElement().satisfies(e -> {
        assertThat(e.getFormattedMessage()).isEqualTo("routed 42");
        assertThat(e.getLevel()).isEqualTo(Level.INFO);
      });
    } finally {
      logback.detachAppender(seen);
    }
  }

  private static List<URL> providers(String service) throws IOException {
    return Collections.list(
        OneLoggingBackendTest.class.getClassLoader().getResources("META-INF/services/" + service));
  }
}
