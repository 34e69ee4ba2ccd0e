package dev.syncview.cli;

import dev.syncview.tools.KeyTopic;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** An in-memory key topic: what a command published, and what it reads back. */
final class FakeKeyTopic implements KeyTopic {
  final List<Entry> records = new ArrayList<>();
  final List<Entry> published = new ArrayList<>();
  int opened;

  FakeKeyTopic with(String key, String json) {
    records.add(new Entry(key, json == null ? null : json.getBytes(StandardCharsets.UTF_8)));
    return this;
  }

  @Override
  public List<Entry> readAll() {
    return List.copyOf(records);
  }

  @Override
  public void publish(String keyId, String snapshotJson) {
    Entry e = new Entry(keyId, snapshotJson.getBytes(StandardCharsets.UTF_8));
    records.add(e);
    published.add(e);
  }

  String publishedJson(int i) {
    return new String(published.get(i).value(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {}
}
