package dev.shuqiao.audit;

import dev.shuqiao.crypto.SignatureCheck;
import java.security.PublicKey;

/**
 * {@link CheckpointVerifier} for one key of a {@link NoteKeyType}. Checks go through the project's one
 * verified signature path ({@link SignatureCheck}, Bouncy Castle, Wycheproof-tested), never the JDK
 * provider, which accepts re-encoded ECDSA signatures that OpenSSL refuses.
 */
final class NoteVerifier implements CheckpointVerifier {

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

  @Override
  public boolean verify(byte[] noteText, byte[] signature) {
    // Malformed signatures and keys are false inside SignatureCheck: fail closed, no exception path.
    return SignatureCheck.verify(type.keyAlgorithm(), type.encoding(), key, signature, noteText);
  }
}
