package dev.shuqiao.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What one log says about one exchange: its fields as first recorded and how it ended there. */
record ExchangeSide(String messageId, String consumer, String resourceCode, Optional<String> caseId,
    Optional<String> grantId, boolean requested, Outcome outcome) {

  /** The final outcome on one side. */
  enum Outcome {
    /** Only {@code exchange.request}: in flight, or the side stopped before an outcome. */
    NONE("no outcome (request only)"),
    DELIVERED("delivered"),
    REFUSED_DENIED("refused (denied)"),
    REFUSED_FAILED("refused (failed)");

    private final String text;

    Outcome(String text) {
      this.text = text;
    }

    boolean delivered() {
      return this == DELIVERED;
    }

    boolean refused() {
      return this == REFUSED_DENIED || this == REFUSED_FAILED;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /** The exchanges of one log by message id, in the order they first appear. */
  static Map<String, ExchangeSide> collect(List<AuditEvent> events) {
    Map<String, ExchangeSide> out = new LinkedHashMap<>();
    for (AuditEvent event : events) {
      AuditAction action = event.action();
      if (action != AuditAction.EXCHANGE_REQUEST && action != AuditAction.EXCHANGE_DELIVER
          && action != AuditAction.EXCHANGE_REFUSE) {
        continue;
      }
      Optional<String> id = event.messageId();
      if (id.isEmpty()) {
        continue;
      }
      ExchangeSide known = out.get(id.get());
      if (known == null) {
        known = new ExchangeSide(id.get(), event.actor().departmentCode(), event.resourceCode().orElse(""),
            event.caseId(), event.grantId(), false, Outcome.NONE);
      }
      out.put(id.get(), known.with(event));
    }
    return out;
  }

  /** A delivery is final: a later refusal on the same side (a repeat answered from a store) does not undo it. */
  private ExchangeSide with(AuditEvent event) {
    Outcome next = switch (event.action()) {
      case EXCHANGE_DELIVER -> Outcome.DELIVERED;
      case EXCHANGE_REFUSE -> outcome.delivered() ? outcome
          : event.outcome() == AuditOutcome.DENIED ? Outcome.REFUSED_DENIED : Outcome.REFUSED_FAILED;
      default -> outcome;
    };
    return new ExchangeSide(messageId, consumer, resourceCode, caseId, grantId,
        requested || event.action() == AuditAction.EXCHANGE_REQUEST, next);
  }
}
