package dev.shuqiao.audit;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;

/** {@link CheckpointCosigner} over an Ed25519 key pair (C2SP tlog-cosignature v1). */
final class JcaNoteCosigner implements CheckpointCosigner {

  private final String keyName;
  private final KeyPair keyPair;
  private final byte[] publicKey;
  private final int keyId;

  JcaNoteCosigner(String keyName, KeyPair keyPair) {
    this.keyName = keyName;
    this.keyPair = keyPair;
    this.publicKey = NoteKeyType.ED25519_COSIGNATURE.encode(keyPair.getPublic());
    this.keyId = NoteKeys.keyId(keyName, NoteKeyType.ED25519_COSIGNATURE, publicKey);
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
  public byte[] cosign(byte[] noteBody, long timestamp) {
    if (timestamp < 0) {
      throw new IllegalArgumentException("a cosignature timestamp is between 0 and 2^63 - 1");
    }
    try {
      Signature signature = NoteKeyType.ED25519_COSIGNATURE.signature();
      signature.initSign(keyPair.getPrivate());
      signature.update(Cosignatures.message(timestamp, noteBody));
      return Cosignatures.blob(timestamp, signature.sign());
    } catch (GeneralSecurityException e) {
      throw new AuditException("cannot cosign with witness key " + keyName, e);
    }
  }

  @Override
  public String verifierKey() {
    return NoteKeys.verifierKey(keyName, NoteKeyType.ED25519_COSIGNATURE, publicKey);
  }

  @Override
  public String toString() {
    return "cosigner " + keyName + String.format("+%08x", keyId);
  }
}
