package dev.shuqiao.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.Signer;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.DSADigestSigner;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;

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
    if (algorithm == KeyAlgorithm.ED25519) {
      Signature signature = Signature.getInstance("Ed25519", Providers.BC);
      signature.initSign(key, random);
      for (byte[] part : parts) {
        signature.update(part);
      }
      return signature.sign();
    }
    Signer signer = ecSigner(algorithm);
    CipherParameters params = new ParametersWithRandom(Curves.privateKey(key, Curves.of(algorithm)), random);
    signer.init(true, algorithm == KeyAlgorithm.SM2 ? new ParametersWithID(params, SM2_DEFAULT_USER_ID) : params);
    for (byte[] part : parts) {
      signer.update(part, 0, part.length);
    }
    try {
      return signer.generateSignature();
    } catch (CryptoException e) {
      throw new GeneralSecurityException("signing failed", e);
    }
  }

  /** True only for a well-formed signature over the concatenation of {@code parts}; never throws on bad input. */
  static boolean verify(KeyAlgorithm algorithm, PublicKey key, byte[] signatureBytes, byte[]... parts) {
    return verify(algorithm, false, key, signatureBytes, parts);
  }

  /**
   * Like {@link #verify(KeyAlgorithm, PublicKey, byte[], byte[]...)}, but ECDSA P-256 signatures in
   * strict ASN.1 DER (as X.509 and C2SP signed notes carry them) instead of P1363: Bouncy Castle
   * decodes them only if re-encoding gives the same bytes, with r and s in [1, n-1].
   */
  static boolean verifyDer(KeyAlgorithm algorithm, PublicKey key, byte[] signatureBytes, byte[]... parts) {
    return verify(algorithm, true, key, signatureBytes, parts);
  }

  private static boolean verify(KeyAlgorithm algorithm, boolean der, PublicKey key, byte[] signatureBytes,
      byte[]... parts) {
    boolean derEcdsa = der && algorithm == KeyAlgorithm.ECDSA_P256;
    if (algorithm != KeyAlgorithm.SM2 && !derEcdsa && signatureBytes.length != FIXED_SIGNATURE_BYTES) {
      return false;
    }
    try {
      if (algorithm == KeyAlgorithm.ED25519) {
        return verifyEd25519(key, signatureBytes, parts);
      }
      Signer signer = derEcdsa
          ? new DSADigestSigner(new ECDSASigner(), new JdkSha256(), StandardDSAEncoding.INSTANCE)
          : ecSigner(algorithm);
      // One point object per certificate key: BC keeps its wNAF tables on it for the next verification.
      CipherParameters params = Curves.reusedPublicKey(algorithm, key);
      signer.init(false, algorithm == KeyAlgorithm.SM2 ? new ParametersWithID(params, SM2_DEFAULT_USER_ID) : params);
      for (byte[] part : parts) {
        signer.update(part, 0, part.length);
      }
      return signer.verifySignature(signatureBytes);
    } catch (GeneralSecurityException | IllegalArgumentException | IllegalStateException e) {
      return false;
    }
  }

  /**
   * Ed25519 on the key's decoded point from {@link PublicKeys} (no point decompression per call); a
   * key that does not decode strictly goes through the provider as before.
   */
  private static boolean verifyEd25519(PublicKey key, byte[] signatureBytes, byte[]... parts)
      throws GeneralSecurityException {
    Ed25519PublicKeyParameters decoded;
    try {
      decoded = PublicKeys.ed25519(key);
    } catch (InvalidKeyException e) {
      Signature signature = Signature.getInstance("Ed25519", Providers.BC);
      signature.initVerify(key);
      for (byte[] part : parts) {
        signature.update(part);
      }
      return signature.verify(signatureBytes);
    }
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(false, decoded);
    for (byte[] part : parts) {
      signer.update(part, 0, part.length);
    }
    return signer.verifySignature(signatureBytes);
  }

  /** SM2 (SM3, DER r,s) or ECDSA P-256 (SHA-256, P1363 r‖s), on Bouncy Castle's lightweight API. */
  private static Signer ecSigner(KeyAlgorithm algorithm) {
    return algorithm == KeyAlgorithm.SM2
        ? new SM2Signer(StandardDSAEncoding.INSTANCE, new SM3Digest())
        : new DSADigestSigner(new ECDSASigner(), new JdkSha256(), PlainDSAEncoding.INSTANCE);
  }

  /**
   * SHA-256 for the ECDSA signer from the JDK, which has CPU intrinsics (BC's digest does not): an
   * envelope header, sender certificate included, is hashed once to sign and once to verify.
   */
  private static final class JdkSha256 implements Digest {
    private final MessageDigest digest = Hashes.digest(Suite.INTL);

    @Override
    public String getAlgorithmName() {
      return "SHA-256";
    }

    @Override
    public int getDigestSize() {
      return Hashes.HASH_BYTES;
    }

    @Override
    public void update(byte in) {
      digest.update(in);
    }

    @Override
    public void update(byte[] in, int offset, int length) {
      digest.update(in, offset, length);
    }

    @Override
    public int doFinal(byte[] out, int offset) {
      try {
        return digest.digest(out, offset, Hashes.HASH_BYTES);
      } catch (java.security.DigestException e) {
        throw new IllegalStateException("SHA-256 output does not fit", e);
      }
    }

    @Override
    public void reset() {
      digest.reset();
    }
  }
}
