package dev.syncview.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncview.testing.Events;
import dev.syncview.testing.ProjectionHarness;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/** S3 credentials in source snapshots are dropped on arrival: no store holds them. */
class CredentialsTest {
  static final String KEY_ID = "AKIAPLANTEDKEYID0001";
  static final String SECRET = "planted-secret-0f9e8d7c6b5a";

  @Test
  void shouldNeverStoreOrPassOnTheCredentialsOfAnS3Source() {
    try (ProjectionHarness h = new ProjectionHarness()) {
      String src = "0b6b1f8e-2c55-4a8e-9a7e-3f3c2b1d4e5f";
      h.key(Events.apiKey("k", "acme", "tok", null));
      h.source(
          Events.s3Source(src, "acme", "bucket")
              .edit(o -> o.with("s3").put("aws_access_key_id", KEY_ID).put("aws_secret_access_key", SECRET)));
      h.job(Events.job("7d0c6d58-5f0e-4b7a-9a51-0d1f1b2f6e10", "acme", src));
      h.source(Events.s3Source(src, "acme", "bucket2").version(2)
          .edit(o -> o.with("s3").put("aws_secret_access_key", SECRET)));

      assertThat(h.ids("tok")).hasSize(1);
      for (StateStore store : h.driver().getAllStateStores().values()) {
        assertNoSecretIn(store);
      }
      var changes = h.driver().createOutputTopic(
          h.driver().producedTopicNames().stream().filter(t -> t.contains("changes-by-tenant")).findFirst().orElseThrow(),
          new ByteArrayDeserializer(), new ByteArrayDeserializer());
      for (var rec : changes.readRecordsToList()) {
        assertThat(text(rec.value())).doesNotContain(SECRET).doesNotContain(KEY_ID);
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
