package dev.syncview.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppConfigTest {
  @Test
  void shouldUseTheDefaultsWithAnEmptyEnvironment() {
    AppConfig c = AppConfig.load(Map.of());

    assertThat(c.embeddedKafka()).isTrue();
    assertThat(c.bootstrapServers()).isEqualTo("localhost:9092");
    assertThat(c.httpPort()).isEqualTo(8080);
    assertThat(c.dataDir()).isEqualTo(Path.of("./data"));
    assertThat(c.stateDir()).isEqualTo(Path.of("./data/state"));
    assertThat(c.topics().sources()).isEqualTo("sync.sources");
    assertThat(c.topics().auth()).isEqualTo("sync-view.auth");
    assertThat(c.viewPartitions()).isEqualTo(3);
    assertThat(c.streamThreads()).isEqualTo(2);
    assertThat(c.commitIntervalMs()).isEqualTo(20);
  }

  @Test
  void shouldLetTheFileOverrideDefaultsAndTheEnvironmentOverrideTheFile(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("sync-view.properties");
    Files.writeString(
        file,
        "http.port=9000\napplication.id=from-file\nview.partitions=6\nkafka.streams.num.stream.threads=2\n");

    AppConfig c =
        AppConfig.load(
            Map.of(
                "CONFIG_FILE", file.toString(),
                "HTTP_PORT", "9100",
                "KAFKA_BOOTSTRAP_SERVERS", "broker:9092",
                "KAFKA_STREAMS_POLL_MS", "50"));

    assertThat(c.httpPort()).isEqualTo(9100);
    assertThat(c.applicationId()).isEqualTo("from-file");
    assertThat(c.topics().auth()).isEqualTo("from-file.auth");
    assertThat(c.viewPartitions()).isEqualTo(6);
    assertThat(c.embeddedKafka()).isFalse();
    assertThat(c.bootstrapServers()).isEqualTo("broker:9092");
    assertThat(c.streamsOverrides())
        .containsEntry("num.stream.threads", "2")
        .containsEntry("poll.ms", "50");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "HTTP_PORT,http",
    "HTTP_PORT,70000",
    "VIEW_PARTITIONS,0",
    "NUM_STANDBY_REPLICAS,-1",
    "STREAM_THREADS,0",
    "STREAM_THREADS,65",
    "APPLICATION_ID,has space",
    "TOPIC_JOBS,''",
    "APPLICATION_SERVER,nohostport",
    "COMMIT_INTERVAL_MS,fast",
    "LOG_FORMAT,xml",
    "LOG_FORMAT,JSON",
    "ROCKSDB_MEMORY_MB,8",
    "SHUTDOWN_TIMEOUT_MS,soon",
    "MIN_POSITION_TIMEOUT_MS,-5"
  })
  void shouldFailFastNamingTheSettingAndWhatItAccepts(String env, String value) {
    assertThatThrownBy(() -> AppConfig.load(Map.of(env, value)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(env)
        .hasMessageContaining("expected");
  }

  @Test
  void shouldNameAnUnreadableConfigFile() {
    assertThatThrownBy(() -> AppConfig.load(Map.of("CONFIG_FILE", "/no/such/file.properties")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("CONFIG_FILE");
  }
}
