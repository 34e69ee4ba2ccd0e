package dev.syncview.topology;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Copies the auth topic into the global {@code auth} store on every instance. */
final class AuthLoader implements Processor<byte[], byte[], Void, Void> {
  private KeyValueStore<Bytes, byte[]> auth;

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.auth = context.getStateStore(StoreNames.AUTH);
  }

  @Override
  public void process(Record<byte[], byte[]> rec) {
    if (rec.value() == null) {
      auth.delete(Bytes.wrap(rec.key()));
    } else {
      auth.put(Bytes.wrap(rec.key()), rec.value());
    }
  }
}
