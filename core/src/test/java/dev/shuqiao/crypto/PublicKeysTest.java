package dev.shuqiao.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.DSADigestSigner;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The decoded-key cache and the paths that use it give the results of Bouncy Castle's plain,
 * decode-per-call paths, reject what those reject, and never hand one key's point out for another.
 */
class PublicKeysTest {

  private static final SecureRandom RANDOM = new SecureRandom();

  @ParameterizedTest
  @EnumSource(value = KeyAlgorithm.class, names = {"SM2", "ECDSA_P256"})
  void ec_decodesEachKeyOnce_andNeverGivesOneKeysPointForAnother(KeyAlgorithm algorithm) throws Exception {
    KeyPair a = KeyPairs.generate(algorithm, RANDOM);
    KeyPair b = KeyPairs.generate(algorithm, RANDOM);
    ECPublicKeyParameters first = PublicKeys.ec(algorithm, a.getPublic());

    assertThat(PublicKeys.ec(algorithm, sameKeyAnotherObject(a.getPublic()))).isSameAs(first);
    assertThat(first.getQ()).isEqualTo(Curves.publicKey(a.getPublic(), Curves.of(algorithm)).getQ());
    assertThat(PublicKeys.ec(algorithm, b.getPublic()).getQ())
        .isEqualTo(Curves.publicKey(b.getPublic(), Curves.of(algorithm)).getQ())
        .isNotEqualTo(first.getQ());
  }

  @Test
  void ec_refusesAKeyAskedForAsAnotherType() throws Exception {
    KeyPair p256 = KeyPairs.generate(KeyAlgorithm.ECDSA_P256, RANDOM);
    KeyPair ed25519 = KeyPairs.generate(KeyAlgorithm.ED25519, RANDOM);
    PublicKeys.ec(KeyAlgorithm.ECDSA_P256, p256.getPublic());

    assertThatThrownBy(() -> PublicKeys.ec(KeyAlgorithm.SM2, p256.getPublic())).isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> PublicKeys.ed25519(p256.getPublic())).isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> PublicKeys.ec(KeyAlgorithm.ECDSA_P256, ed25519.getPublic()))
        .isInstanceOf(InvalidKeyException.class);
  }

  @Test
  void p256CombAgreement_equalsPlainEcdh_inBothDirections() throws Exception {
    for (int i = 0; i < 20; i++) {
      KeyPair recipient = KeyPairs.generate(KeyAlgorithm.ECDSA_P256, RANDOM);
      KeyPair ephemeral = KeyPairs.generate(KeyAlgorithm.ECDSA_P256, RANDOM);
      BigInteger e = Agreement.p256Scalar(ephemeral.getPrivate());
      BigInteger d = Agreement.p256Scalar(recipient.getPrivate());
      byte[] recipientPoint = Agreement.p256PointFromSpki(recipient.getPublic().getEncoded());
      byte[] ephemeralPoint = Agreement.p256PointFromSpki(ephemeral.getPublic().getEncoded());

      byte[] comb = Agreement.p256(e, PublicKeys.ec(KeyAlgorithm.ECDSA_P256, recipient.getPublic()));
      byte[] combAgain = Agreement.p256(e, PublicKeys.ec(KeyAlgorithm.ECDSA_P256, recipient.getPublic()));

      assertThat(comb).hasSize(32).isEqualTo(combAgain)
          .isEqualTo(Agreement.p256(e, recipientPoint))
          .isEqualTo(Agreement.p256(d, ephemeralPoint));
    }
  }

  @Test
  void p256CombAgreement_refusesScalarsOutsideTheGroupAndOtherCurves() throws Exception {
    ECPublicKeyParameters p256 = PublicKeys.ec(KeyAlgorithm.ECDSA_P256,
        KeyPairs.generate(KeyAlgorithm.ECDSA_P256, RANDOM).getPublic());
    ECPublicKeyParameters sm2 = PublicKeys.ec(KeyAlgorithm.SM2, KeyPairs.generate(KeyAlgorithm.SM2, RANDOM).getPublic());
    BigInteger n = Curves.P256.getN();

    for (BigInteger bad : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE.negate(), n, n.add(BigInteger.ONE)}) {
      assertThatThrownBy(() -> Agreement.p256(bad, p256)).isInstanceOf(InvalidKeyException.class);
    }
    assertThatThrownBy(() -> Agreement.p256(BigInteger.TWO, sm2)).isInstanceOf(InvalidKeyException.class);
    assertThat(Agreement.p256(n.subtract(BigInteger.ONE), p256))
        .isEqualTo(Agreement.p256(BigInteger.ONE, p256));  // -Q and Q share x
  }

  @ParameterizedTest
  @EnumSource(value = KeyAlgorithm.class)
  void verify_onTheDecodedKey_agreesWithThePlainPath_alsoOnceTablesArePromoted(KeyAlgorithm algorithm)
      throws Exception {
    KeyPair signer = KeyPairs.generate(algorithm, RANDOM);
    KeyPair other = KeyPairs.generate(algorithm, RANDOM);
    for (int i = 0; i < 12; i++) {  // BC switches to its fixed-point Shamir after a few uses of a point
      byte[] message = ("message " + i).getBytes(StandardCharsets.UTF_8);
      byte[] signature = Signatures.sign(algorithm, signer.getPrivate(), RANDOM, message);
      byte[] flipped = signature.clone();
      flipped[i % flipped.length] ^= 0x01;

      assertThat(Signatures.verify(algorithm, signer.getPublic(), signature, message)).isTrue();
      assertThat(Signatures.verify(algorithm, signer.getPublic(), flipped, message)).isFalse();
      assertThat(Signatures.verify(algorithm, signer.getPublic(), signature, "other".getBytes(StandardCharsets.UTF_8)))
          .isFalse();
      assertThat(Signatures.verify(algorithm, other.getPublic(), signature, message)).isFalse();
      if (algorithm == KeyAlgorithm.ECDSA_P256) {
        assertThat(plainP256Verify(signer.getPublic(), signature, message)).isTrue();
        assertThat(plainP256Verify(signer.getPublic(), flipped, message)).isFalse();
      }
    }
  }

  @Test
  void aCompressedP256Key_isNotCached_wrapRefusesIt_verifyStillWorksAsBefore() throws Exception {
    KeyPair pair = KeyPairs.generate(KeyAlgorithm.ECDSA_P256, RANDOM);
    byte[] compressed = Curves.publicKey(pair.getPublic(), Curves.P256).getQ().getEncoded(true);
    // Not through a KeyFactory: Bouncy Castle's keys re-encode the point uncompressed.
    PublicKey compressedKey = encodedOnly(
        spki(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, SECObjectIdentifiers.secp256r1), compressed));
    byte[] message = {1, 2, 3};
    byte[] signature = Signatures.sign(KeyAlgorithm.ECDSA_P256, pair.getPrivate(), RANDOM, message);

    assertThatThrownBy(() -> PublicKeys.ec(KeyAlgorithm.ECDSA_P256, compressedKey)).isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> KeyWrap.wrap(compressedKey, new byte[32], RANDOM)).isInstanceOf(GeneralSecurityException.class);
    assertThat(Signatures.verify(KeyAlgorithm.ECDSA_P256, compressedKey, signature, message)).isTrue();
  }

  @Test
  void aPointOffTheCurve_isRefusedByDecodingWrappingAndVerifying() throws Exception {
    KeyPair pair = KeyPairs.generate(KeyAlgorithm.ECDSA_P256, RANDOM);
    byte[] point = Agreement.p256PointFromSpki(pair.getPublic().getEncoded());
    point[64] ^= 0x01;
    PublicKey offCurve = encodedOnly(spki(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
        SECObjectIdentifiers.secp256r1), point));
    byte[] message = {1, 2, 3};
    byte[] signature = Signatures.sign(KeyAlgorithm.ECDSA_P256, pair.getPrivate(), RANDOM, message);

    assertThatThrownBy(() -> PublicKeys.ec(KeyAlgorithm.ECDSA_P256, offCurve)).isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> KeyWrap.wrap(offCurve, new byte[32], RANDOM)).isInstanceOf(GeneralSecurityException.class);
    assertThat(Signatures.verify(KeyAlgorithm.ECDSA_P256, offCurve, signature, message)).isFalse();
  }

  @Test
  void ed25519_decodesOnce_andItsX25519FormMatchesTheConversionAndIsACopy() throws Exception {
    KeyPair pair = KeyPairs.generate(KeyAlgorithm.ED25519, RANDOM);
    byte[] expected = Agreement.x25519PublicFromEd25519(pair.getPublic());

    assertThat(PublicKeys.ed25519(sameKeyAnotherObject(pair.getPublic()))).isSameAs(PublicKeys.ed25519(pair.getPublic()));
    byte[] u = PublicKeys.x25519(pair.getPublic());
    assertThat(u).isEqualTo(expected);
    u[0] ^= 0x01;
    assertThat(PublicKeys.x25519(pair.getPublic())).isEqualTo(expected);
  }

  @Test
  void smallOrderAndNonPointEd25519Keys_areRefusedForWrappingAndNeverVerify() throws Exception {
    byte[] neutral = new byte[32];
    neutral[0] = 1;  // y = 1, x = 0: before, its X25519 conversion divided by zero
    byte[] notAPoint = new byte[32];
    notAPoint[0] = 2;  // y = 2: x^2 = (y^2 - 1) / (d y^2 + 1) has no square root
    for (byte[] encoded : new byte[][] {neutral, notAPoint}) {
      PublicKey key = encodedOnly(spki(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), encoded));

      assertThatThrownBy(() -> PublicKeys.ed25519(key)).isInstanceOf(InvalidKeyException.class);
      assertThatThrownBy(() -> PublicKeys.x25519(key)).isInstanceOf(InvalidKeyException.class);
      assertThatThrownBy(() -> KeyWrap.wrap(key, new byte[32], RANDOM)).isInstanceOf(GeneralSecurityException.class);
      assertThat(Signatures.verify(KeyAlgorithm.ED25519, key, new byte[64], new byte[] {1})).isFalse();
    }
  }

  @Test
  void wrapsForTwoRecipientsInTurn_openOnlyForTheirOwnRecipient() throws Exception {
    KeyPair a = KeyPairs.generate(KeyAlgorithm.ECDSA_P256, RANDOM);
    KeyPair b = KeyPairs.generate(KeyAlgorithm.ECDSA_P256, RANDOM);
    for (int i = 0; i < 4; i++) {
      byte[] keyA = new byte[32];
      byte[] keyB = new byte[32];
      RANDOM.nextBytes(keyA);
      RANDOM.nextBytes(keyB);
      byte[] forA = KeyWrap.wrap(a.getPublic(), keyA, RANDOM);
      byte[] forB = KeyWrap.wrap(b.getPublic(), keyB, RANDOM);

      assertThat(KeyWrap.unwrap(a.getPrivate(), a.getPublic(), forA)).isEqualTo(keyA);
      assertThat(KeyWrap.unwrap(b.getPrivate(), b.getPublic(), forB)).isEqualTo(keyB);
      assertThatThrownBy(() -> KeyWrap.unwrap(b.getPrivate(), b.getPublic(), forA)).isInstanceOf(GeneralSecurityException.class);
      assertThatThrownBy(() -> KeyWrap.unwrap(a.getPrivate(), a.getPublic(), forB)).isInstanceOf(GeneralSecurityException.class);
    }
  }

  @Test
  void theCacheStaysBounded() throws Exception {
    for (int i = 0; i < PublicKeys.MAX_KEYS + 20; i++) {
      PublicKeys.ed25519(KeyPairs.generate(KeyAlgorithm.ED25519, RANDOM).getPublic());
    }
    assertThat(PublicKeys.size()).isEqualTo(PublicKeys.MAX_KEYS);
  }

  private static boolean plainP256Verify(PublicKey key, byte[] signature, byte[] message) throws Exception {
    DSADigestSigner signer = new DSADigestSigner(new ECDSASigner(), new SHA256Digest(), PlainDSAEncoding.INSTANCE);
    signer.init(false, Curves.publicKey(key, Curves.P256));
    signer.update(message, 0, message.length);
    return signer.verifySignature(signature);
  }

  private static PublicKey sameKeyAnotherObject(PublicKey key) throws Exception {
    String type = key.getAlgorithm().equals("Ed25519") ? "Ed25519" : "EC";
    return KeyFactory.getInstance(type, Providers.BC).generatePublic(new X509EncodedKeySpec(key.getEncoded()));
  }

  private static byte[] spki(AlgorithmIdentifier algorithm, byte[] key) throws Exception {
    return new SubjectPublicKeyInfo(algorithm, key).getEncoded(ASN1Encoding.DER);
  }

  /** A key that is only its encoding, as a provider that does not validate would hand it over. */
  private static PublicKey encodedOnly(byte[] spki) {
    return new PublicKey() {
      @Override
      public String getAlgorithm() {
        return "EC";
      }

      @Override
      public String getFormat() {
        return "X.509";
      }

      @Override
      public byte[] getEncoded() {
        return spki.clone();
      }
    };
  }
}
