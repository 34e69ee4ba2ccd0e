package dev.syncview.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncview.query.Principal;
import dev.syncview.testing.Events;
import dev.syncview.testing.Json;
import dev.syncview.testing.ProjectionHarness;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Credentials (aws_access_key_id, aws_secret_access_key) are dropped on arrival, in any letter
 * case and at any depth of any JSON the view keeps: no store holds them, no answer serves them.
 */
class CredentialsTest {
  static final String KEY_ID = "AKIAPLANTEDKEYID0001";
  static final String SECRET = "planted-secret-0f9e8d7c6b5a";
  static final String SRC = "0b6b1f8e-2c55-4a8e-9a7e-3f3c2b1d4e5f";
  static final String JOB = "7d0c6d58-5f0e-4b7a-9a51-0d1f1b2f6e10";

  @Test
  void shouldNeverStoreOrPassOnTheCredentialsOfAnS3Source() {
    try (ProjectionHarness h = new ProjectionHarness()) {
      h.key(Events.apiKey("k", "acme", "tok", null));
      h.source(
          Events.s3Source(SRC, "acme", "bucket")
              .edit(o -> o.with("s3").put("aws_access_key_id", KEY_ID).put("aws_secret_access_key", SECRET)));
      h.job(Events.job(JOB, "acme", SRC));
      h.source(Events.s3Source(SRC, "acme", "bucket2").version(2)
          .edit(o -> o.with("s3").put("aws_secret_access_key", SECRET)));

      assertThat(h.ids("tok")).hasSize(1);
      assertNoSecretAnywhere(h);
    }
  }

  /** Where a credential may hide in a source snapshot: a path of objects and arrays, then the name. */
  static Stream<Arguments> sourcePlacements() {
    return Stream.of(
        Arguments.of("file_upload, top level, upper case", file(o -> o.with("file_upload").put("AWS_SECRET_ACCESS_KEY", SECRET))),
        Arguments.of("file_upload, nested", file(o -> o.with("file_upload").putObject("auth").put("aws_secret_access_key", SECRET))),
        Arguments.of("embedding, deep, mixed case", s3(o -> o.putObject("embedding").putObject("dense").putObject("auth")
            .put("Aws_Access_Key_Id", KEY_ID).put("aWs_SeCrEt_AcCeSs_KeY", SECRET))),
        Arguments.of("embedding_model, nested", s3(o -> o.putObject("embedding_model").put("model", "m").putObject("creds")
            .put("aws_secret_access_key", SECRET))),
        Arguments.of("chunking, inside an array", s3(o -> o.putObject("chunking").putArray("steps").addObject()
            .put("aws_access_key_id", KEY_ID).put("AWS_SECRET_ACCESS_KEY", SECRET))),
        Arguments.of("s3 config, upper case", s3(o -> o.with("s3").put("AWS_ACCESS_KEY_ID", KEY_ID).put("Aws_Secret_Access_Key", SECRET))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sourcePlacements")
  void shouldDropACredentialAtAnyDepthInAnyCaseWhenASourceCarriesOne(String where, Events.Snapshot source) {
    try (ProjectionHarness h = new ProjectionHarness()) {
      // Given a source whose kept JSON hides a credential
      h.key(Events.apiKey("k", "acme", "tok", null));
      h.source(source);
      h.job(Events.job(JOB, "acme", SRC));

      // When it is read back
      Principal p = h.login("tok");
      String served = new String(h.api().source(p, SRC), StandardCharsets.UTF_8);

      // Then the source is served, its other fields intact, and the credential is nowhere
      assertThat(Json.parse(served).get("id").asText()).isEqualTo(SRC);
      assertThat(served).doesNotContain(SECRET).doesNotContain(KEY_ID);
      assertThat(h.deadLetters()).isEmpty();
      assertNoSecretAnywhere(h);
    }
  }

  @Test
  void shouldKeepTheRestOfAKeptObjectWhenDroppingACredentialFromIt() {
    try (ProjectionHarness h = new ProjectionHarness()) {
      h.key(Events.apiKey("k", "acme", "tok", null));
      h.source(file(o -> o.with("file_upload").put("filename", "a.pdf").putObject("auth")
          .put("AWS_SECRET_ACCESS_KEY", SECRET).put("role", "reader")));

      String served = new String(h.api().source(h.login("tok"), SRC), StandardCharsets.UTF_8);

      assertThat(Json.parse(served).get("file_upload").toString())
          .isEqualTo("{\"filename\":\"a.pdf\",\"auth\":{\"role\":\"reader\"}}");
    }
  }

  @Test
  void shouldDropACredentialFromAJobsAdditionalMetadataWhenItIsListed() {
    try (ProjectionHarness h = new ProjectionHarness()) {
      // Given an S3 job whose additional_metadata hides credentials, in any case, nested
      h.key(Events.apiKey("k", "acme", "tok", null));
      h.source(Events.s3Source(SRC, "acme", "bucket"));
      h.job(Events.job(JOB, "acme", SRC).edit(o -> {
        ObjectNode extra = o.putObject("additional_metadata");
        extra.put("department", "ops").put("AWS_ACCESS_KEY_ID", KEY_ID);
        extra.putObject("upload").put("aws_secret_access_key", SECRET);
      }));

      // When it is listed and read by id
      Principal p = h.login("tok");
      String item = new String(h.api().job(p, JOB), StandardCharsets.UTF_8);

      // Then the rest of additional_metadata is served, the credentials nowhere in the view
      assertThat(Json.parse(item).at("/metadata/s3/additional_metadata").toString())
          .isEqualTo("{\"department\":\"ops\",\"upload\":{}}");
      assertThat(item).doesNotContain(SECRET).doesNotContain(KEY_ID);
      assertNoSecretIn(h.driver().getKeyValueStore(StoreNames.VIEW));
    }
  }

  static Events.Snapshot s3(Consumer<ObjectNode> edit) {
    return Events.s3Source(SRC, "acme", "bucket").edit(edit);
  }

  static Events.Snapshot file(Consumer<ObjectNode> edit) {
    return Events.fileUploadSource(SRC, "acme", "files").edit(edit);
  }

  static void assertNoSecretAnywhere(ProjectionHarness h) {
    for (StateStore store : h.driver().getAllStateStores().values()) {
      assertNoSecretIn(store);
    }
    for (String topic : h.driver().producedTopicNames()) {
      if (topic.startsWith(h.topics.sources()) || topic.contains("-by-id-")) {
        // the input topic itself, and the first hop of its raw records (purged once consumed)
        continue;
      }
      var out = h.driver().createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer());
      for (var rec : out.readRecordsToList()) {
        assertThat(text(rec.value())).as(topic).doesNotContain(SECRET).doesNotContain(KEY_ID);
      }
    }
  }

  @SuppressWarnings("unchecked")
  static void assertNoSecretIn(StateStore store) {
    if (!(store instanceof KeyValueStore<?, ?> kv)) {
      return;
    }
    try (KeyValueIterator<Object, Object> it = ((KeyValueStore<Object, Object>) kv).all()) {
      while (it.hasNext()) {
        KeyValue<Object, Object> e = it.next();
        String entry = text(e.key) + text(e.value);
        assertThat(entry).as("store " + store.name()).doesNotContain(SECRET).doesNotContain(KEY_ID);
      }
    }
  }

  static String text(Object o) {
    if (o instanceof byte[] b) {
      return new String(b, StandardCharsets.ISO_8859_1);
    }
    if (o instanceof org.apache.kafka.common.utils.Bytes b) {
      return new String(b.get(), StandardCharsets.ISO_8859_1);
    }
    return String.valueOf(o);
  }
}
