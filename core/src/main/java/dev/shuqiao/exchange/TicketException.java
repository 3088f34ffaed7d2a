package dev.shuqiao.exchange;

import java.util.Objects;

/**
 * An authorization ticket was refused. {@link #problemType()} is the slug a provider answers with
 * (docs/exchange.md §3): {@code ticket-malformed}, {@code ticket-signature} or {@code ticket-expired}.
 * The message names what is wrong, never a key or a personal value.
 */
public final class TicketException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  static final String MALFORMED = "ticket-malformed";
  static final String SIGNATURE = "ticket-signature";
  static final String EXPIRED = "ticket-expired";

  private final String problemType;

  TicketException(String problemType, String message) {
    super(message);
    this.problemType = Objects.requireNonNull(problemType, "problemType");
  }

  /** The problem type slug: {@code ticket-malformed}, {@code ticket-signature} or {@code ticket-expired}. */
  public String problemType() {
    return problemType;
  }
}
