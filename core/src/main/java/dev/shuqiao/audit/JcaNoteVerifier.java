package dev.shuqiao.audit;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;

/** {@link CheckpointVerifier} over a JCA public key of one {@link NoteKeyType}. */
final class JcaNoteVerifier implements CheckpointVerifier {

  private static final int ED25519_SIGNATURE_BYTES = 64;

  private final String keyName;
  private final int keyId;
  private final NoteKeyType type;
  private final PublicKey key;

  JcaNoteVerifier(String keyName, int keyId, NoteKeyType type, PublicKey key) {
    this.keyName = keyName;
    this.keyId = keyId;
    this.type = type;
    this.key = key;
  }

  @Override
  public String keyName() {
    return keyName;
  }

  @Override
  public int keyId() {
    return keyId;
  }

  /** True if this is a witness's key: its signatures are C2SP cosignatures (timestamp first). */
  boolean isCosignature() {
    return type == NoteKeyType.ED25519_COSIGNATURE;
  }

  @Override
  public boolean verify(byte[] noteText, byte[] signature) {
    if (isCosignature()) {
      if (signature.length != Cosignatures.TIMESTAMP_BYTES + ED25519_SIGNATURE_BYTES
          || Cosignatures.timestamp(signature) < 0) {
        return false;
      }
      return verifyRaw(Cosignatures.message(Cosignatures.timestamp(signature), noteText),
          java.util.Arrays.copyOfRange(signature, Cosignatures.TIMESTAMP_BYTES, signature.length));
    }
    return verifyRaw(noteText, signature);
  }

  private boolean verifyRaw(byte[] noteText, byte[] signature) {
    if (type.isEd25519() && signature.length != ED25519_SIGNATURE_BYTES) {
      // The JDK's Ed25519 verifier ignores bytes after the 64 it reads; a longer blob would make the
      // same signature verify under many encodings.
      return false;
    }
    try {
      Signature verifier = type.signature();
      verifier.initVerify(key);
      verifier.update(noteText);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      // A malformed signature is a failed signature: fail closed, never an exception path to skip.
      return false;
    }
  }
}
