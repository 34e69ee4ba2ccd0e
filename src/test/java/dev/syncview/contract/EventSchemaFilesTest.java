package dev.syncview.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncview.testing.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each schema file stands alone (a publisher fetches one URL), so the rules the topics share are
 * written out in each: they must stay the same text everywhere.
 */
class EventSchemaFilesTest {
  static final List<String> SHARED = List.of("uuid", "tenant", "databaseName", "timestamp", "version", "deleteMarker");

  @Test
  void shouldDefineEverySharedRuleAlikeInEveryFile() throws IOException {
    JsonNode sources = read(Verdicts.SOURCES);
    for (String topic : List.of(Verdicts.JOBS, Verdicts.API_KEYS)) {
      JsonNode defs = read(topic).get("$defs");
      for (Iterator<String> it = defs.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (SHARED.contains(name)) {
          assertThat(defs.get(name)).as("%s $defs/%s", topic, name).isEqualTo(sources.get("$defs").get(name));
        }
      }
    }
    assertThat(read(Verdicts.JOBS).get("$defs").has("timestamp")).isTrue();
    assertThat(read(Verdicts.API_KEYS).get("$defs").has("version")).isTrue();
  }

  @Test
  void shouldPackTheRepositoryFilesIntoTheJarUnchanged() throws IOException {
    for (String topic : Verdicts.TOPICS) {
      assertThat(Verdicts.resource(topic)).as(topic).isEqualTo(Files.readString(file(topic)));
    }
  }

  static JsonNode read(String topic) throws IOException {
    return Json.parse(Files.readString(file(topic)));
  }

  static Path file(String topic) {
    return Path.of("schemas", topic + ".schema.json");
  }
}
