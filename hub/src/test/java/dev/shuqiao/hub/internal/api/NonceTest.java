package dev.shuqiao.hub.internal.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NonceTest {

  /** The same set the pattern {@code [A-Za-z0-9_-]{16,64}} described before it became a loop. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "abcdefghijklmnop, true", "abcdefghijklmno, false", "AZaz09_-AZaz09_-, true",
      "0000000000000042, true", "abcdefghijklmno+, false", "abcdefghijklmno=, false",
      "abcdefghijklmno\u00e9, false", "abcdefghijklmno\u0661, false", "'abcdefghijklmno ', false",
  })
  void nonce_is16To64UrlSafeCharacters(String nonce, boolean valid) {
    assertThat(Authenticator.isNonce(nonce)).isEqualTo(valid);
    assertThat(Authenticator.isNonce(nonce)).isEqualTo(nonce.matches("[A-Za-z0-9_-]{16,64}"));
  }

  @org.junit.jupiter.api.Test
  void nonce_lengthBounds() {
    assertThat(Authenticator.isNonce("a".repeat(64))).isTrue();
    assertThat(Authenticator.isNonce("a".repeat(65))).isFalse();
  }
}
