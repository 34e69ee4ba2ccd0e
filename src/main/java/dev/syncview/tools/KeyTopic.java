package dev.syncview.tools;

import dev.syncview.config.AppConfig;
import java.util.List;

/**
 * The API-key topic as the key commands use it: read it whole, publish one snapshot. Opening it
 * connects to nothing; a connection is made by the first read or publish.
 */
public interface KeyTopic extends AutoCloseable {

  /** One record of the topic; {@code value} null for a tombstone. */
  record Entry(String key, byte[] value) {}

  /** Every record up to the end offsets as they were when the read began, in order per partition. */
  List<Entry> readAll() throws InterruptedException;

  /** Publishes and waits for the broker's acknowledgement. */
  void publish(String keyId, String snapshotJson) throws InterruptedException;

  @Override
  void close();

  static KeyTopic kafka(AppConfig config) {
    return new KafkaKeyTopic(config.bootstrapServers(), config.topics().apiKeys());
  }
}
