package dev.shuqiao.audit;

/**
 * Signs checkpoint notes with the department or hub identity. {@link NoteKeys} builds signers over
 * JCA key pairs (Ed25519, ECDSA P-256, SM2); the crypto package can implement this interface for
 * keys it holds behind a handle.
 */
public interface CheckpointSigner {

  /** The C2SP key name, e.g. {@code audit.health.liuzhou.gov.cn}: no spaces, no {@code +}. */
  String keyName();

  /** The C2SP 32-bit key id of this key (see {@link NoteKeys}). */
  int keyId();

  /** Signs the note text (the checkpoint body, final newline included). */
  byte[] sign(byte[] noteText);

  /**
   * The verifier key a relying party configures: {@code <name>+<hex key id>+<base64(type || key)>}.
   */
  String verifierKey();
}
