package dev.shuqiao.audit;

/**
 * A Merkle proof did not verify. {@link #failure()} says why, so callers can tell a malformed proof
 * from a root mismatch (which means the log or the proof was tampered with).
 */
public final class ProofException extends AuditException {

  private static final long serialVersionUID = 1L;

  /** Why a proof was rejected. */
  public enum Failure {
    /** The leaf index is not below the tree size (indices are unsigned 64-bit). */
    INDEX_OUT_OF_RANGE,
    /** The old tree size is larger than the new one. */
    SIZE_DECREASED,
    /** A consistency proof from the empty tree proves nothing and is refused. */
    EMPTY_OLD_TREE,
    /** The proof has the wrong number of hashes for the sizes and index. */
    WRONG_PROOF_SIZE,
    /** A proof hash has the wrong length for the hash suite. */
    MALFORMED_HASH,
    /** The root computed from the proof differs from the expected root. */
    ROOT_MISMATCH
  }

  private final Failure failure;

  ProofException(Failure failure, String message) {
    super(message);
    this.failure = failure;
  }

  public Failure failure() {
    return failure;
  }
}
