package dev.shuqiao.exchange;

/** A ticket that cannot be accepted; {@link #problemType()} is the provider's problem type slug. */
public final class TicketException extends RuntimeException {

  private final String problemType;

  public TicketException(String problemType, String message) {
    super(message);
    this.problemType = problemType;
  }

  /** {@code ticket-malformed}, {@code ticket-signature} or {@code ticket-expired}. */
  public String problemType() {
    return problemType;
  }
}
