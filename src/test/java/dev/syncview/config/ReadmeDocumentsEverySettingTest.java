package dev.syncview.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncview.kafka.TopicDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's configuration and topics tables stay in step with the code and topics/. */
class ReadmeDocumentsEverySettingTest {
  @Test
  void shouldListEverySettingWithItsDefaultInTheReadme() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    for (Setting s : Setting.values()) {
      String shownDefault = s.defaultValue().isEmpty() ? "(empty)" : "`" + s.defaultValue() + "`";
      String row = "| `" + s.env() + "` | `" + s.key() + "` | " + shownDefault + " |";
      assertThat(readme).as("README row for " + s.env()).contains(row);
    }
  }

  @Test
  void shouldListEveryDeclaredTopicInTheReadme() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    for (TopicDefinition t : TopicDefinition.loadAll()) {
      assertThat(readme)
          .as("README row for topic " + t.name())
          .contains("| `" + t.name() + "` |")
          .contains("| " + t.partitions() + " | `" + t.cleanupPolicy() + "` |");
    }
  }
}
