package dev.shuqiao.audit;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link ExchangeAuditCheck} found: the exchanges each side holds, every discrepancy, and notes
 * on what could not be checked (a department whose log was not given, a resource of unknown provider).
 */
public final class ExchangeAuditReport {

  /** What is wrong about one exchange on one side. */
  public enum Kind {
    /** The side should hold the exchange and does not. */
    MISSING,
    /** The side holds an exchange it could not have taken part in (a provider without a hub ticket). */
    UNEXPECTED,
    /** The side's final outcome differs from another side's (delivered, refused, or none). */
    OUTCOME,
    /** The side records another resource, case or grant for the exchange than the hub. */
    FIELDS
  }

  /**
   * One finding.
   *
   * @param messageId the exchange
   * @param side {@link ExchangeAuditCheck#HUB} or the credit code of the department whose log it is about
   * @param role {@code consumer}, {@code hub} or {@code provider}
   * @param kind what is wrong
   * @param detail why, in a sentence
   */
  public record Discrepancy(String messageId, String side, String role, Kind kind, String detail) {

    public Discrepancy {
      Objects.requireNonNull(messageId, "messageId");
      Objects.requireNonNull(side, "side");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
      return messageId + " " + kind + " on " + side + " (" + role + "): " + detail;
    }
  }

  private final Map<String, Set<String>> messageIds;
  private final int exchanges;
  private final List<Discrepancy> discrepancies;
  private final List<String> notes;

  ExchangeAuditReport(Map<String, Set<String>> messageIds, int exchanges, List<Discrepancy> discrepancies,
      List<String> notes) {
    this.messageIds = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(messageIds));
    this.exchanges = exchanges;
    this.discrepancies = List.copyOf(discrepancies);
    this.notes = List.copyOf(notes);
  }

  /** True when the logs agree on every exchange. */
  public boolean ok() {
    return discrepancies.isEmpty();
  }

  /** Distinct exchange message ids over all logs. */
  public int exchanges() {
    return exchanges;
  }

  /** The exchange message ids each side's log holds, by side label: the hub first, then the departments as given. */
  public Map<String, Set<String>> messageIds() {
    return messageIds;
  }

  /** Every discrepancy, by message id in the order the hub's log (then the others) first mention them. */
  public List<Discrepancy> discrepancies() {
    return discrepancies;
  }

  public List<String> notes() {
    return notes;
  }

  @Override
  public String toString() {
    return "ExchangeAuditReport[" + exchanges + " exchanges, " + discrepancies.size() + " discrepancies]";
  }
}
