package dev.shuqiao.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ECDH P-256, X25519 and HKDF-SHA256 against Wycheproof.
 *
 * <p>"Acceptable" cases, decided and pinned here: for P-256 we reject them all (compressed points,
 * BER encodings and explicit curve parameters are never produced by our own code); for X25519 we
 * compute the RFC 7748 result for twist and non-canonical keys, and reject exactly those whose shared
 * secret is all zero (low-order peer keys).
 */
class WycheproofAgreementTest {

  static Stream<Arguments> ecdhPoint() {
    return Wycheproof.cases("ecdh_secp256r1_ecpoint_test.json").stream();
  }

  static Stream<Arguments> ecdhSpki() {
    return Wycheproof.cases("ecdh_secp256r1_test.json").stream();
  }

  static Stream<Arguments> x25519() {
    return Wycheproof.cases("x25519_test.json").stream();
  }

  static Stream<Arguments> hkdf() {
    return Wycheproof.cases("hkdf_sha256_test.json").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ecdhPoint")
  void p256Point_agreesOnValidAndRejectsEverythingElse(Wycheproof.Case c) throws Exception {
    BigInteger d = new BigInteger(1, c.bytes("private"));
    if (c.valid()) {
      assertThat(Agreement.p256(d, c.bytes("public"))).isEqualTo(c.bytes("shared"));
    } else {
      assertThatThrownBy(() -> Agreement.p256(d, c.bytes("public"))).isInstanceOf(GeneralSecurityException.class);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ecdhSpki")
  void p256Spki_agreesOnValidAndRejectsEverythingElse(Wycheproof.Case c) throws Exception {
    BigInteger d = new BigInteger(1, c.bytes("private"));
    if (c.valid()) {
      assertThat(Agreement.p256(d, Agreement.p256PointFromSpki(c.bytes("public")))).isEqualTo(c.bytes("shared"));
    } else {
      assertThatThrownBy(() -> Agreement.p256(d, Agreement.p256PointFromSpki(c.bytes("public"))))
          .isInstanceOf(GeneralSecurityException.class);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("x25519")
  void x25519_computesTheSharedSecretAndRejectsAllZeroResults(Wycheproof.Case c) throws Exception {
    byte[] expected = c.bytes("shared");
    if (c.invalid() || new BigInteger(1, expected).signum() == 0) {
      assertThatThrownBy(() -> Agreement.x25519(c.bytes("private"), c.bytes("public")))
          .isInstanceOf(GeneralSecurityException.class);
    } else {
      assertThat(Agreement.x25519(c.bytes("private"), c.bytes("public"))).isEqualTo(expected);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hkdf")
  void hkdfSha256_derivesValidOutputsAndRefusesOversizedOnes(Wycheproof.Case c) {
    int size = c.test().get("size").asInt();
    if (c.valid()) {
      assertThat(Hkdf.sha256(c.bytes("ikm"), c.bytes("salt"), c.bytes("info"), size)).isEqualTo(c.bytes("okm"));
    } else {
      assertThatThrownBy(() -> Hkdf.sha256(c.bytes("ikm"), c.bytes("salt"), c.bytes("info"), size))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
