package dev.syncview.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A token is known by the lower-case hex SHA-256 of its UTF-8 bytes (events.md). Expected values
 * from coreutils' {@code sha256sum}.
 */
class TokenHashTest {
  @ParameterizedTest
  @CsvSource({
    "abc, ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    "'', e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "é, 4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c"
  })
  void shouldHashTheUtf8BytesWhenGivenAToken(String token, String expected) {
    assertThat(TokenHash.of(token)).isEqualTo(expected);
  }

  @Test
  void shouldGiveEachCallerItsOwnDigestWhenHashingConcurrently() {
    // Given many tokens, When hashed on many threads at once
    List<String> parallel =
        IntStream.range(0, 20_000).parallel().mapToObj(i -> TokenHash.of("token-" + i)).toList();

    // Then each equals the hash computed alone
    List<String> serial = IntStream.range(0, 20_000).mapToObj(i -> TokenHash.of("token-" + i)).toList();
    assertThat(parallel).isEqualTo(serial);
    assertThat(TokenHash.of("token-7")).isNotEqualTo(TokenHash.of("token-8"));
  }
}
