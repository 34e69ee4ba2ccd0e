package dev.syncview.store;

import java.io.File;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.CommitCallback;
import org.apache.kafka.streams.processor.StateRestoreCallback;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The context a wrapped store is initialised with, so that its changelog is restored through the
 * wrapper's callback rather than the store's own. Everything else is the task's context.
 */
final class RestoreThrough implements StateStoreContext {
  private final StateStoreContext context;
  private final StateRestoreCallback callback;

  RestoreThrough(StateStoreContext context, StateRestoreCallback callback) {
    this.context = context;
    this.callback = callback;
  }

  @Override
  public void register(StateStore store, StateRestoreCallback ignored) {
    context.register(store, callback);
  }

  @Override
  public void register(StateStore store, StateRestoreCallback ignored, CommitCallback onCommit) {
    context.register(store, callback, onCommit);
  }

  @Override
  public String applicationId() {
    return context.applicationId();
  }

  @Override
  public TaskId taskId() {
    return context.taskId();
  }

  @Override
  public Optional<RecordMetadata> recordMetadata() {
    return context.recordMetadata();
  }

  @Override
  public Serde<?> keySerde() {
    return context.keySerde();
  }

  @Override
  public Serde<?> valueSerde() {
    return context.valueSerde();
  }

  @Override
  public File stateDir() {
    return context.stateDir();
  }

  @Override
  public StreamsMetrics metrics() {
    return context.metrics();
  }

  @Override
  public Map<String, Object> appConfigs() {
    return context.appConfigs();
  }

  @Override
  public Map<String, Object> appConfigsWithPrefix(String prefix) {
    return context.appConfigsWithPrefix(prefix);
  }
}
