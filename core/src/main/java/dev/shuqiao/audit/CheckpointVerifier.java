package dev.shuqiao.audit;

/** Checks signatures of one known key; made from a verifier key by {@link NoteKeys#verifier(String)}. */
public interface CheckpointVerifier {

  String keyName();

  int keyId();

  /** True only if {@code signature} is this key's valid signature over {@code noteText}. */
  boolean verify(byte[] noteText, byte[] signature);
}
