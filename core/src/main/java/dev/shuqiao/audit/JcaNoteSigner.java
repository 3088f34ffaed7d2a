package dev.shuqiao.audit;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;

/** {@link CheckpointSigner} over a JCA key pair of one {@link NoteKeyType}. */
final class JcaNoteSigner implements CheckpointSigner {

  private final String keyName;
  private final NoteKeyType type;
  private final KeyPair keyPair;
  private final byte[] publicKey;
  private final int keyId;

  JcaNoteSigner(String keyName, NoteKeyType type, KeyPair keyPair) {
    this.keyName = keyName;
    this.type = type;
    this.keyPair = keyPair;
    this.publicKey = type.encode(keyPair.getPublic());
    this.keyId = NoteKeys.keyId(keyName, type, publicKey);
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
  public byte[] sign(byte[] noteText) {
    try {
      Signature signature = type.signature();
      signature.initSign(keyPair.getPrivate());
      signature.update(noteText);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new AuditException("cannot sign checkpoint with " + type + " key " + keyName, e);
    }
  }

  @Override
  public String verifierKey() {
    return NoteKeys.verifierKey(keyName, type, publicKey);
  }

  @Override
  public String toString() {
    return type + " signer " + keyName + String.format("+%08x", keyId);
  }
}
