package dev.shuqiao.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Signature verification against Wycheproof: every valid signature accepted, every invalid one
 * rejected (these files have no "acceptable" cases). DER ECDSA is what certificate and CRL
 * signatures use; P1363 and Ed25519 are what envelopes use.
 */
class WycheproofSignatureTest {

  static Stream<Arguments> ecdsaP1363() {
    return Wycheproof.cases("ecdsa_secp256r1_sha256_p1363_test.json").stream();
  }

  static Stream<Arguments> ecdsaDer() {
    return Wycheproof.cases("ecdsa_secp256r1_sha256_test.json").stream();
  }

  static Stream<Arguments> ed25519() {
    return Wycheproof.cases("ed25519_test.json").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ecdsaP1363")
  void ecdsaP1363_verifiesExactlyTheValidVectors(Wycheproof.Case c) throws Exception {
    PublicKey key = publicKey("EC", c);
    assertThat(Signatures.verify(KeyAlgorithm.ECDSA_P256, key, c.bytes("sig"), c.bytes("msg"))).isEqualTo(c.valid());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ed25519")
  void ed25519_verifiesExactlyTheValidVectors(Wycheproof.Case c) throws Exception {
    PublicKey key = publicKey("Ed25519", c);
    assertThat(Signatures.verify(KeyAlgorithm.ED25519, key, c.bytes("sig"), c.bytes("msg"))).isEqualTo(c.valid());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ecdsaDer")
  void ecdsaDerOnBouncyCastle_verifiesExactlyTheValidVectors(Wycheproof.Case c) throws Exception {
    PublicKey key = publicKey("EC", c);
    boolean verified;
    try {
      Signature signature = Signature.getInstance("SHA256withECDSA", Providers.BC);
      signature.initVerify(key);
      signature.update(c.bytes("msg"));
      verified = signature.verify(c.bytes("sig"));
    } catch (java.security.SignatureException e) {
      verified = false;
    }
    assertThat(verified).isEqualTo(c.valid());
  }

  private static PublicKey publicKey(String algorithm, Wycheproof.Case c) throws Exception {
    return KeyFactory.getInstance(algorithm, Providers.BC).generatePublic(new X509EncodedKeySpec(c.groupBytes("publicKeyDer")));
  }
}
