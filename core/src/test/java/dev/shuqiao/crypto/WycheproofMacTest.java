package dev.shuqiao.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** HMAC-SM3 (the GM pseudonym function) against Wycheproof, including truncated-tag groups. */
class WycheproofMacTest {

  static Stream<Arguments> hmacSm3() {
    return Wycheproof.cases("hmac_sm3_test.json").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hmacSm3")
  void hmacSm3_matchesExactlyTheValidTags(Wycheproof.Case c) {
    byte[] full = Hashes.hmac(Suite.GM, c.bytes("key"), c.bytes("msg"));
    byte[] truncated = Arrays.copyOf(full, c.groupInt("tagSize") / 8);
    assertThat(MessageDigest.isEqual(truncated, c.bytes("tag"))).isEqualTo(c.valid());
  }
}
