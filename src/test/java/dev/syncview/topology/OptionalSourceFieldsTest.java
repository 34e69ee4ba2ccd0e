package dev.syncview.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncview.testing.Events;
import dev.syncview.testing.Json;
import dev.syncview.testing.ProjectionHarness;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The optional fields of each source kind take the types of Chroma's own API (events.md): a value
 * of such a type is kept and served as given, null or absent is served as null, any other JSON
 * type is {@code invalid-field}.
 */
class OptionalSourceFieldsTest {
  static final String SRC = "0b6b1f8e-2c55-4a8e-9a7e-3f3c2b1d4e5f";

  @ParameterizedTest(name = "{0}.{1} = {2} -> {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        // kind      | field                | value (JSON)            | served (JSON), or the dead-letter reason
        "s3          | auto_sync            | \"none\"                | \"none\"",
        "s3          | auto_sync            | \"direct\"              | \"direct\"",
        "s3          | auto_sync            | \"metadata\"            | \"metadata\"",
        "s3          | auto_sync            | \"a-mode-added-later\"  | \"a-mode-added-later\"",
        "s3          | auto_sync            | null                    | null",
        "s3          | auto_sync            | true                    | invalid-field",
        "s3          | auto_sync            | 1                       | invalid-field",
        "s3          | auto_sync            | {}                      | invalid-field",
        "s3          | path_prefix          | \"docs/\"               | \"docs/\"",
        "s3          | path_prefix          | null                    | null",
        "s3          | path_prefix          | false                   | invalid-field",
        "s3          | aws_credential_id    | 42                      | 42",
        "s3          | aws_credential_id    | \"cred-7\"              | \"cred-7\"",
        "s3          | aws_credential_id    | null                    | null",
        "s3          | aws_credential_id    | 1.5                     | invalid-field",
        "s3          | aws_credential_id    | []                      | invalid-field",
        "github      | app_id               | \"12345\"               | \"12345\"",
        "github      | app_id               | 12345                   | 12345",
        "github      | app_id               | null                    | null",
        "github      | app_id               | true                    | invalid-field",
        "github      | include_globs        | [\"docs/**\",\"*.md\"]  | [\"docs/**\",\"*.md\"]",
        "github      | include_globs        | null                    | null",
        "github      | include_globs        | \"docs/**\"             | invalid-field",
        "github      | include_globs        | [1]                     | invalid-field",
        "web_scrape  | max_depth            | 3                       | 3",
        "web_scrape  | max_depth            | 0                       | 0",
        "web_scrape  | max_depth            | null                    | null",
        "web_scrape  | max_depth            | -1                      | invalid-field",
        "web_scrape  | max_depth            | \"3\"                   | invalid-field",
        "web_scrape  | page_limit           | 100                     | 100",
        "web_scrape  | page_limit           | 2.5                     | invalid-field",
        "web_scrape  | include_path_regexes | [\"^/docs\"]            | [\"^/docs\"]",
        "web_scrape  | exclude_path_regexes | null                    | null",
        "web_scrape  | exclude_path_regexes | {}                      | invalid-field",
      })
  void shouldServeAnOptionalFieldAsGivenOrDeadLetterItWhenItsTypeIsWrong(
      String kind, String field, String value, String expected) {
    try (ProjectionHarness h = new ProjectionHarness()) {
      // Given a source of that kind whose optional field has that value
      h.key(Events.apiKey("k", "acme", "tok", null));
      Events.Snapshot source = SOURCES.get(kind).apply(SRC, "acme");
      source.edit(o -> o.with(kind).set(field, Json.parse(value)));

      // When it is published
      h.source(source);

      // Then it is served with the value as given, or dead-lettered with the reason
      List<TestRecord<byte[], byte[]>> dead = h.deadLetters();
      if (expected.startsWith("\"") || expected.startsWith("[") || expected.equals("null")
          || Character.isDigit(expected.charAt(0))) {
        assertThat(dead).isEmpty();
        JsonNode served = Json.parse(new String(h.api().source(h.login("tok"), SRC), StandardCharsets.UTF_8));
        assertThat(served.get(kind).get(field)).isEqualTo(Json.parse(expected));
      } else {
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).headers().lastHeader("dlq.reason").value(), StandardCharsets.UTF_8))
            .isEqualTo(expected);
      }
    }
  }

  static final Map<String, BiFunction<String, String, Events.Snapshot>> SOURCES =
      Map.of(
          "s3", (id, tenant) -> Events.s3Source(id, tenant, "db"),
          "github", (id, tenant) -> Events.githubSource(id, tenant, "db"),
          "web_scrape", (id, tenant) -> Events.webSource(id, tenant, "db"));
}
