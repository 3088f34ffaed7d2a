package dev.shuqiao.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import org.bouncycastle.jcajce.spec.SM2ParameterSpec;

/**
 * Signing and verification, always on Bouncy Castle: on Java 17 SunEC accepts short P1363 ECDSA
 * signatures, a malformed DER signature and a 65-byte Ed25519 signature (Wycheproof), BC rejects
 * them. Encodings: SM2 DER (GM/T 0009), Ed25519 64 bytes, ECDSA P-256 IEEE P1363 r||s, 64 bytes.
 */
final class Signatures {

  /** The SM2 signer identity of GB/T 35276 when none is agreed: ASCII {@code 1234567812345678}. */
  static final byte[] SM2_DEFAULT_USER_ID = "1234567812345678".getBytes(StandardCharsets.US_ASCII);

  private static final int FIXED_SIGNATURE_BYTES = 64;

  private Signatures() {}

  static byte[] sign(KeyAlgorithm algorithm, PrivateKey key, SecureRandom random, byte[]... parts)
      throws GeneralSecurityException {
    Signature signature = instance(algorithm);
    signature.initSign(key, random);
    for (byte[] part : parts) {
      signature.update(part);
    }
    return signature.sign();
  }

  /** True only for a well-formed signature over the concatenation of {@code parts}; never throws on bad input. */
  static boolean verify(KeyAlgorithm algorithm, PublicKey key, byte[] signatureBytes, byte[]... parts) {
    if (algorithm != KeyAlgorithm.SM2 && signatureBytes.length != FIXED_SIGNATURE_BYTES) {
      return false;
    }
    try {
      Signature signature = instance(algorithm);
      signature.initVerify(key);
      for (byte[] part : parts) {
        signature.update(part);
      }
      return signature.verify(signatureBytes);
    } catch (GeneralSecurityException | IllegalArgumentException | IllegalStateException e) {
      return false;
    }
  }

  private static Signature instance(KeyAlgorithm algorithm) throws GeneralSecurityException {
    switch (algorithm) {
      case SM2: {
        Signature signature = Signature.getInstance("SM3withSM2", Providers.BC);
        signature.setParameter(new SM2ParameterSpec(SM2_DEFAULT_USER_ID));
        return signature;
      }
      case ED25519:
        return Signature.getInstance("Ed25519", Providers.BC);
      case ECDSA_P256:
        return Signature.getInstance("SHA256withPLAIN-ECDSA", Providers.BC);
      default:
        throw new IllegalArgumentException("no signature for " + algorithm);
    }
  }
}
