package dev.syncview.topology;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Sends source facts and final deletes to every view partition (KIP-837 multicast: source changes
 * are few, and each partition must re-shape the jobs of the source it holds), and a served Source
 * object to its tenant's partition only, the one its key (the tenant) hashes to, as the default
 * partitioner of every other tenant-keyed record does.
 */
final class SourceMessagePartitioner implements StreamPartitioner<byte[], byte[]> {
  @Override
  public Optional<Set<Integer>> partitions(String topic, byte[] key, byte[] value, int numPartitions) {
    if (SourceMessage.everywhere(value)) {
      return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toSet()));
    }
    return Optional.of(Set.of(Router.partitionOf(key, numPartitions)));
  }
}
