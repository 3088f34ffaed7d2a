package dev.shuqiao.audit;

/** A checkpoint note is malformed or not validly signed by the expected key. */
public final class CheckpointException extends AuditException {

  private static final long serialVersionUID = 1L;

  /** Why a checkpoint was rejected. */
  public enum Failure {
    /** Not a well-formed C2SP signed note carrying a tlog-checkpoint. */
    MALFORMED,
    /** No signature line from the expected key (name and key id). */
    NO_SIGNATURE_FROM_KEY,
    /** A signature from the expected key does not verify. */
    BAD_SIGNATURE,
    /** The checkpoint's origin is not the log's. */
    WRONG_ORIGIN
  }

  private final Failure failure;

  CheckpointException(Failure failure, String message) {
    super(message);
    this.failure = failure;
  }

  public Failure failure() {
    return failure;
  }
}
