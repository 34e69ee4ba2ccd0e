package dev.syncview.testing;

import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** A whole store as comparable text: every key and value in hex, in key order. */
public final class StoreContents {
  public static final HexFormat HEX = HexFormat.of();

  private StoreContents() {}

  public static Map<String, String> hex(ReadOnlyKeyValueStore<Bytes, byte[]> store) {
    Map<String, String> out = new TreeMap<>();
    try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<Bytes, byte[]> kv = it.next();
        out.put(HEX.formatHex(kv.key.get()), HEX.formatHex(kv.value));
      }
    }
    return out;
  }
}
