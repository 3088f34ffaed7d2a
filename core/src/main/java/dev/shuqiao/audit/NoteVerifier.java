package dev.shuqiao.audit;

import dev.shuqiao.crypto.SignatureCheck;
import java.security.PublicKey;
import java.util.Arrays;

/**
 * {@link CheckpointVerifier} for one key of a {@link NoteKeyType}. Checks go through the project's one
 * verified signature path ({@link SignatureCheck}, Bouncy Castle, Wycheproof-tested), never the JDK
 * provider, which accepts re-encoded ECDSA signatures that OpenSSL refuses.
 */
final class NoteVerifier implements CheckpointVerifier {

  private static final int ED25519_SIGNATURE_BYTES = 64;

  private final String keyName;
  private final int keyId;
  private final NoteKeyType type;
  private final PublicKey key;

  NoteVerifier(String keyName, int keyId, NoteKeyType type, PublicKey key) {
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
          Arrays.copyOfRange(signature, Cosignatures.TIMESTAMP_BYTES, signature.length));
    }
    return verifyRaw(noteText, signature);
  }

  private boolean verifyRaw(byte[] message, byte[] signature) {
    // Malformed signatures and keys are false inside SignatureCheck: fail closed, no exception path.
    return SignatureCheck.verify(type.keyAlgorithm(), type.encoding(), key, signature, message);
  }
}
