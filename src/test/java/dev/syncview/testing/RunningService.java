package dev.syncview.testing;

import dev.syncview.App;
import dev.syncview.config.AppConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The whole service in this JVM, as {@code main} runs it: embedded KRaft broker, topics, Streams,
 * HTTP, on free ports and in its own directory, with a unique application id.
 */
public final class RunningService implements AutoCloseable {
  private final Path dataDir;
  private final Map<String, String> overrides = new HashMap<>();
  private String applicationId;
  private App app;

  public RunningService() {
    try {
      dataDir = Files.createTempDirectory("sync-view-it-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    applicationId = "it-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Settings for the next {@link #start()}, over the test defaults (environment variable names). */
  public RunningService with(String setting, String value) {
    overrides.put(setting, value);
    if (setting.equals("APPLICATION_ID")) {
      applicationId = value;
    }
    return this;
  }

  public RunningService start() throws InterruptedException {
    Map<String, String> env = new HashMap<>();
    env.put("DATA_DIR", dataDir.toString());
    env.put("EMBEDDED_KAFKA_PORT", "0");
    env.put("EMBEDDED_KAFKA_CONTROLLER_PORT", "0");
    env.put("HTTP_PORT", "0");
    env.put("HTTP_HOST", "127.0.0.1");
    env.put("APPLICATION_ID", applicationId);
    env.putAll(overrides);
    app = App.start(AppConfig.load(env));
    if (!app.awaitReady(Duration.ofSeconds(90))) {
      throw new IllegalStateException("the service did not become ready");
    }
    return this;
  }

  /** Stops the service cleanly; its directory stays for a restart. */
  public void stop() {
    if (app != null) {
      app.close();
      app = null;
    }
  }

  public HttpClientSupport http() {
    return new HttpClientSupport(app.httpPort());
  }

  public int httpPort() {
    return app.httpPort();
  }

  public String bootstrapServers() {
    return app.bootstrapServers();
  }

  public String applicationId() {
    return applicationId;
  }

  /** Blocks until the projection has applied everything published so far. */
  public void awaitCaughtUp(Duration atMost) {
    CaughtUp.await(
        bootstrapServers(), applicationId, List.of("sync.sources", "sync.jobs", "sync.api-keys"), atMost);
  }

  public Path dataDir() {
    return dataDir;
  }

  @Override
  public void close() {
    stop();
    TempDirs.delete(dataDir);
  }
}
