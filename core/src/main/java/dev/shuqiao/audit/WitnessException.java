package dev.shuqiao.audit;

/** A witness refused a checkpoint ({@link CheckpointWitness#add}). */
public final class WitnessException extends AuditException {

  private static final long serialVersionUID = 1L;

  /** Why. */
  public enum Failure {
    /** The checkpoint names another log. */
    WRONG_ORIGIN,
    /** No signature from the log's registered key. */
    UNKNOWN_KEY,
    /** A signature from the log's key does not verify. */
    BAD_SIGNATURE,
    /** Smaller than the checkpoint the witness already holds: the log was rolled back. */
    ROLLBACK,
    /** Same size as the held checkpoint with another root: the log forked. */
    CONFLICT,
    /** The consistency proof starts from a size other than the held checkpoint's: fetch it and prove again. */
    STALE,
    /** The consistency proof from the held checkpoint does not verify: the log was rewritten. */
    INCONSISTENT
  }

  private final Failure failure;
  private final long witnessedSize;

  WitnessException(Failure failure, long witnessedSize, String message) {
    super(message);
    this.failure = failure;
    this.witnessedSize = witnessedSize;
  }

  public Failure failure() {
    return failure;
  }

  /** Tree size of the checkpoint the witness holds for this log (0 for none). */
  public long witnessedSize() {
    return witnessedSize;
  }
}
