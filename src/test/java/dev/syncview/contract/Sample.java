package dev.syncview.contract;

/** One record of a topic and what its schema and the service's parser must say of it. */
record Sample(String name, String topic, byte[] key, byte[] value, Sample.Expect expect) {

  sealed interface Expect {}

  /**
   * Schema and parser must give the same verdict; {@code valid} pins it where the contract (or
   * the corpus the sample comes from) decides, null where the contract allows both.
   */
  record Agree(Boolean valid) implements Expect {}

  /**
   * The verdict turns on something a JSON Schema cannot express; both verdicts are pinned so
   * that a schema or parser change shows up here.
   */
  record Beyond(String why, boolean schemaValid, boolean parserValid) implements Expect {}

  /** The value is valid; the record key is what the service refuses, before any parser runs. */
  record KeyOnly(String why) implements Expect {}

  /** Valid on its own; the service later judges it against other records or topics. */
  record Stateful(String why) implements Expect {}

  @Override
  public String toString() {
    return topic + ": " + name;
  }
}
