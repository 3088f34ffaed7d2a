package dev.shuqiao.hub.internal.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeaderNameTest {

  /** The same set the pattern {@code [a-z0-9-]{1,64}} described before it became a loop. */
  @ParameterizedTest
  @ValueSource(strings = {"content-digest", "idempotency-key", "x-1", "a", "", "@method", "Content-Digest", "x_y",
      "x y", "\u00e9", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
  void headerName_isWhatThePatternAccepted(String name) {
    assertThat(Authenticator.isHeaderName(name)).isEqualTo(name.matches("[a-z0-9-]{1,64}"));
  }
}
