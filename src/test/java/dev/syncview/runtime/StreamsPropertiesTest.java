package dev.syncview.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncview.config.AppConfig;
import dev.syncview.config.ConfigException;
import dev.syncview.store.RocksDbMemory;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Kafka defaults the service changes for freshness follow its commit interval, and an
 * operator's pass-through property still has the last word.
 */
class StreamsPropertiesTest {
  static Properties propertiesFor(Map<String, String> env) {
    return StreamsProperties.of(AppConfig.load(env), "localhost:9092", "localhost:8080", 1, new RocksDbMemory(1 << 20));
  }

  @ParameterizedTest(name = "commit every {0} ms -> poll and fetch wait {1} ms")
  @CsvSource({"20,10", "100,50", "1000,100", "1,1"})
  void shouldBoundThePollAndTheFetchWaitByHalfTheCommitIntervalWhenNothingIsOverridden(
      String commitIntervalMs, long expectedMs) {
    // Given a commit interval
    Properties p = propertiesFor(Map.of("COMMIT_INTERVAL_MS", commitIntervalMs));

    // Then neither an idle poll nor an empty fetch holds a hop back longer than half of it
    assertThat(((Number) p.get("poll.ms")).longValue()).isEqualTo(expectedMs);
    assertThat(((Number) p.get("main.consumer.fetch.max.wait.ms")).longValue()).isEqualTo(expectedMs);
    assertThat(((Number) p.get("max.task.idle.ms")).longValue()).isEqualTo(-1L);
  }

  @Test
  void shouldLetAPassThroughPropertyReplaceTheServicesOwnDefaultWhenTheOperatorSetsOne() {
    // Given an operator who wants Kafka's own waits back
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_STREAMS_POLL_MS", "100");
    env.put("KAFKA_STREAMS_MAIN_CONSUMER_FETCH_MAX_WAIT_MS", "500");
    env.put("KAFKA_STREAMS_MAX_TASK_IDLE_MS", "0");

    // When the properties are built
    Properties p = propertiesFor(env);

    // Then the operator's values win
    assertThat(p.get("poll.ms")).isEqualTo("100");
    assertThat(p.get("main.consumer.fetch.max.wait.ms")).isEqualTo("500");
    assertThat(p.get("max.task.idle.ms")).isEqualTo("0");
  }

  @Test
  void shouldRefuseTransactionalStateStoresWhenAnOperatorTurnsThemOn() {
    // Given an operator who turns on Kafka 4.4's transactional state stores
    Map<String, String> env = Map.of("KAFKA_STREAMS_ENABLE_TRANSACTIONAL_STATESTORES", "true");

    // When / Then the service refuses to start with them, naming the setting
    assertThatThrownBy(() -> propertiesFor(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("KAFKA_STREAMS_ENABLE_TRANSACTIONAL_STATESTORES");
  }
}
