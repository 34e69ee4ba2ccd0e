package dev.syncview.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which record keys name an entity (events.md): the id a key gives, or none (a dead letter). */
class KeyRuleTest {
  static final String ID = "3f2a1c9e-0000-4000-8000-0000000000aa";

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static Stream<Arguments> keys() {
    return Stream.of(
        // rule, key, the id it names (null: none)
        Arguments.of(KeyRule.UUID, utf8(ID), ID),
        Arguments.of(KeyRule.UUID, utf8(ID.toUpperCase()), ID),
        Arguments.of(KeyRule.UUID, utf8("3F2A1C9E-0000-4000-8000-0000000000Aa"), ID),
        Arguments.of(KeyRule.UUID, utf8(ID + " "), null),
        Arguments.of(KeyRule.UUID, utf8("{" + ID + "}"), null),
        Arguments.of(KeyRule.UUID, utf8(ID.replace("-", "")), null),
        Arguments.of(KeyRule.UUID, utf8(""), null),
        Arguments.of(KeyRule.UUID, null, null),
        Arguments.of(KeyRule.UUID, new byte[] {(byte) 0xC3, (byte) 0x28}, null),
        Arguments.of(KeyRule.TEXT, utf8("key-1"), "key-1"),
        Arguments.of(KeyRule.TEXT, utf8("Key 1 ü"), "Key 1 ü"),
        Arguments.of(KeyRule.TEXT, utf8(ID.toUpperCase()), ID.toUpperCase()),
        Arguments.of(KeyRule.TEXT, utf8(""), null),
        Arguments.of(KeyRule.TEXT, null, null),
        Arguments.of(KeyRule.TEXT, new byte[] {'k', (byte) 0xFF}, null),
        Arguments.of(KeyRule.TEXT, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, null));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("keys")
  void shouldNameAnEntityOnlyWhenTheKeyIsStrictUtf8OfTheRightForm(KeyRule rule, byte[] key, String id) {
    assertThat(rule.normalize(key)).isEqualTo(id);
  }
}
