package dev.shuqiao.audit;

import dev.shuqiao.crypto.KeyAlgorithm;
import dev.shuqiao.crypto.SignatureCheck;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** The three signed-note key types: type bytes, public key encoding, signing algorithm, how they are verified. */
enum NoteKeyType {
  ED25519(new byte[] {0x01}, "Ed25519", "Ed25519", KeyAlgorithm.ED25519, SignatureCheck.Encoding.FIXED),
  ECDSA_P256(new byte[] {0x02}, "SHA256withECDSA", "EC", KeyAlgorithm.ECDSA_P256, SignatureCheck.Encoding.DER),
  SM2(sm2TypeBytes(), "SM3withSM2", "EC", KeyAlgorithm.SM2, SignatureCheck.Encoding.DER),
  /** C2SP tlog-cosignature v1 over Ed25519: a witness's timestamped statement about a checkpoint. */
  ED25519_COSIGNATURE(new byte[] {0x04}, "Ed25519", "Ed25519", KeyAlgorithm.ED25519, SignatureCheck.Encoding.FIXED);

  /** DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows. */
  private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();

  private final byte[] typeBytes;
  private final String signatureAlgorithm;
  private final String keyAlgorithm;
  private final KeyAlgorithm verifiedAs;
  private final SignatureCheck.Encoding encoding;

  NoteKeyType(byte[] typeBytes, String signatureAlgorithm, String keyAlgorithm, KeyAlgorithm verifiedAs,
      SignatureCheck.Encoding encoding) {
    this.typeBytes = typeBytes;
    this.signatureAlgorithm = signatureAlgorithm;
    this.keyAlgorithm = keyAlgorithm;
    this.verifiedAs = verifiedAs;
    this.encoding = encoding;
  }

  /** The key type whose signatures {@link SignatureCheck} verifies. */
  KeyAlgorithm keyAlgorithm() {
    return verifiedAs;
  }

  /** How a checkpoint signature of this type is encoded. */
  SignatureCheck.Encoding encoding() {
    return encoding;
  }

  private static byte[] sm2TypeBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0xff);
    out.writeBytes(NoteKeys.SM2_TYPE_ID.getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  boolean isEd25519() {
    return this == ED25519 || this == ED25519_COSIGNATURE;
  }

  byte[] typeBytes() {
    return typeBytes.clone();
  }

  static NoteKeyType of(byte[] typedKey) {
    for (NoteKeyType type : values()) {
      if (typedKey.length > type.typeBytes.length
          && Arrays.equals(typedKey, 0, type.typeBytes.length, type.typeBytes, 0, type.typeBytes.length)) {
        return type;
      }
    }
    throw new IllegalArgumentException("unsupported note key type");
  }

  /** For signing only; verification goes through {@link SignatureCheck}. */
  Signature signature() throws GeneralSecurityException {
    return this == SM2 ? Signature.getInstance(signatureAlgorithm, BC) : Signature.getInstance(signatureAlgorithm);
  }

  /** The public key as it appears in the verifier key and the key id. */
  byte[] encode(PublicKey key) {
    byte[] spki = key.getEncoded();
    if (isEd25519()) {
      if (spki.length != 44 || !Arrays.equals(spki, 0, 12, ED25519_SPKI_PREFIX, 0, 12)) {
        throw new IllegalArgumentException("not an Ed25519 public key");
      }
      return Arrays.copyOfRange(spki, 12, 44);
    }
    if (!(key instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
      throw new IllegalArgumentException("not a 256-bit EC public key for " + name());
    }
    return spki;
  }

  PublicKey publicKey(byte[] encoded) {
    try {
      byte[] spki = encoded;
      if (isEd25519()) {
        if (encoded.length != 32) {
          throw new IllegalArgumentException("an Ed25519 key has 32 bytes");
        }
        spki = new byte[44];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, 12);
        System.arraycopy(encoded, 0, spki, 12, 32);
      }
      KeyFactory factory = this == SM2 ? KeyFactory.getInstance(keyAlgorithm, BC) : KeyFactory.getInstance(keyAlgorithm);
      return factory.generatePublic(new X509EncodedKeySpec(spki));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("invalid " + name() + " public key", e);
    }
  }
}
