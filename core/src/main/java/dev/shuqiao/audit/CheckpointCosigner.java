package dev.shuqiao.audit;

/**
 * A witness's key: adds C2SP {@code tlog-cosignature} v1 lines to checkpoints it has checked
 * ({@link CheckpointWitness}). {@link NoteKeys#ed25519Cosigner} builds one over a JCA key pair.
 */
public interface CheckpointCosigner {

  /** The witness's key name, e.g. {@code witness.hub.liuzhou.gov.cn}: no spaces, no {@code +}. */
  String keyName();

  /** The 32-bit key id: SHA-256(name || 0x0A || 0x04 || public key)[:4]. */
  int keyId();

  /**
   * The signature blob {@code u64 timestamp || signature} over {@code "cosignature/v1\n"},
   * {@code "time <timestamp>\n"} and {@code noteBody}.
   */
  byte[] cosign(byte[] noteBody, long timestamp);

  /** The verifier key auditors configure: {@code <name>+<hex key id>+<base64(0x04 || key)>}. */
  String verifierKey();
}
