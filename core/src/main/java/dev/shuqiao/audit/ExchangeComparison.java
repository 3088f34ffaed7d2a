package dev.shuqiao.audit;

import dev.shuqiao.audit.ExchangeAuditReport.Discrepancy;
import dev.shuqiao.audit.ExchangeAuditReport.Kind;
import dev.shuqiao.audit.ExchangeSide.Outcome;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The rules of {@link ExchangeAuditCheck}, applied to each message id over the collected sides. */
final class ExchangeComparison {

  private static final String CONSUMER = "consumer";
  private static final String PROVIDER = "provider";

  private final Map<String, Map<String, ExchangeSide>> bySide;
  private final Map<String, String> providers;
  private final List<Discrepancy> found = new ArrayList<>();
  private final Set<String> unchecked = new TreeSet<>();
  private final Set<String> unknownProviders = new TreeSet<>();

  private ExchangeComparison(Map<String, Map<String, ExchangeSide>> bySide, Map<String, String> providers) {
    this.bySide = bySide;
    this.providers = providers;
  }

  static ExchangeAuditReport compare(Map<String, Map<String, ExchangeSide>> bySide, Map<String, String> providers,
      List<String> notes) {
    ExchangeComparison comparison = new ExchangeComparison(bySide, providers);
    Set<String> ids = new LinkedHashSet<>();
    Map<String, Set<String>> messageIds = new LinkedHashMap<>();
    bySide.forEach((side, exchanges) -> {
      ids.addAll(exchanges.keySet());
      messageIds.put(side, Collections.unmodifiableSet(new LinkedHashSet<>(exchanges.keySet())));
    });
    ids.forEach(comparison::check);
    List<String> allNotes = new ArrayList<>(notes);
    comparison.unchecked.forEach(code -> allNotes.add("department " + code + " takes part in exchanges but its log"
        + " was not given: its side is not checked"));
    comparison.unknownProviders.forEach(resource -> allNotes.add("resource " + resource + ": provider unknown (no"
        + " provider log holds it and none was stated), provider side not checked"));
    return new ExchangeAuditReport(messageIds, ids.size(), comparison.found, allNotes);
  }

  private void check(String id) {
    ExchangeSide hub = bySide.get(ExchangeAuditCheck.HUB).get(id);
    ExchangeSide any = hub != null ? hub : first(id);
    String consumer = any.consumer();
    String provider = providers.get(any.resourceCode());
    if (provider == null) {
      unknownProviders.add(any.resourceCode());
    }
    ExchangeSide atConsumer = side(consumer, id);
    ExchangeSide atProvider = provider == null ? null : side(provider, id);

    // Who must hold it (class javadoc).
    boolean consumerExpected = hub != null || atProvider != null;
    boolean hubExpected = atProvider != null || (atConsumer != null && atConsumer.outcome() != Outcome.REFUSED_FAILED);
    boolean providerExpected = hub != null && hub.requested() && hub.outcome() != Outcome.REFUSED_FAILED;
    boolean providerAllowed = hub != null && hub.requested();

    if (bySide.containsKey(consumer)) {
      if (atConsumer == null && consumerExpected) {
        missing(id, consumer, CONSUMER, "the consumer audits every exchange before sending it, but "
            + holders(hub, atProvider) + " holds it");
      }
    } else {
      unchecked.add(consumer);
    }
    if (hub == null && hubExpected) {
      missing(id, ExchangeAuditCheck.HUB, "hub", atProvider != null
          ? "the provider acted on it, which needs a hub ticket"
          : "the consumer recorded it as " + atConsumer.outcome() + ", an answer only the hub gives");
    }
    if (provider != null && !provider.equals(consumer)) {
      if (!bySide.containsKey(provider)) {
        unchecked.add(provider);
      } else if (atProvider == null && providerExpected) {
        missing(id, provider, PROVIDER, "the hub issued a ticket for it and recorded it as " + hub.outcome());
      } else if (atProvider != null && !providerAllowed) {
        found.add(new Discrepancy(id, provider, PROVIDER, Kind.UNEXPECTED, hub == null
            ? "the hub's log has no such exchange: the provider acted without a hub ticket"
            : "the hub refused it before issuing a ticket, yet the provider acted on it"));
      }
    }
    compareOutcomes(id, hub, consumer, atConsumer, provider, atProvider);
    if (hub != null) {
      compareFields(id, hub, consumer, atConsumer, CONSUMER);
      if (provider != null) {
        compareFields(id, hub, provider, atProvider, PROVIDER);
      }
    }
  }

  /**
   * The hub's outcome is the reference when it has one; a side differing from it is reported.
   * Without the hub, consumer and provider are compared with each other.
   */
  private void compareOutcomes(String id, ExchangeSide hub, String consumer, ExchangeSide atConsumer, String provider,
      ExchangeSide atProvider) {
    if (hub != null) {
      differs(id, consumer, CONSUMER, atConsumer, hub, "the hub");
      differs(id, provider, PROVIDER, atProvider, hub, "the hub");
    } else if (atConsumer != null && atProvider != null) {
      differs(id, provider, PROVIDER, atProvider, atConsumer, "the consumer");
    }
  }

  private void differs(String id, String side, String role, ExchangeSide it, ExchangeSide reference, String whose) {
    if (it == null || same(it.outcome(), reference.outcome())) {
      return;
    }
    found.add(new Discrepancy(id, side, role, Kind.OUTCOME, "recorded " + it.outcome() + " but " + whose
        + " recorded " + reference.outcome()));
  }

  /** Delivered against refused is a difference; denied against failed is one side's view of the same refusal. */
  private static boolean same(Outcome a, Outcome b) {
    return a == b || (a.refused() && b.refused());
  }

  private void compareFields(String id, ExchangeSide hub, String side, ExchangeSide it, String role) {
    if (it == null) {
      return;
    }
    List<String> fields = new ArrayList<>();
    if (!it.consumer().equals(hub.consumer())) {
      fields.add("actor " + it.consumer() + " (hub: " + hub.consumer() + ")");
    }
    if (!it.resourceCode().equals(hub.resourceCode())) {
      fields.add("resource " + it.resourceCode() + " (hub: " + hub.resourceCode() + ")");
    }
    if (!it.caseId().equals(hub.caseId())) {
      fields.add("case id");
    }
    if (!it.grantId().equals(hub.grantId())) {
      fields.add("grant id");
    }
    if (!fields.isEmpty()) {
      found.add(new Discrepancy(id, side, role, Kind.FIELDS, "differs from the hub in " + String.join(", ", fields)));
    }
  }

  private void missing(String id, String side, String role, String why) {
    found.add(new Discrepancy(id, side, role, Kind.MISSING, "lacks it: " + why));
  }

  private static String holders(ExchangeSide hub, ExchangeSide atProvider) {
    return hub != null && atProvider != null ? "the hub and the provider" : hub != null ? "the hub" : "the provider";
  }

  private ExchangeSide side(String code, String id) {
    Map<String, ExchangeSide> exchanges = bySide.get(code);
    return exchanges == null ? null : exchanges.get(id);
  }

  private ExchangeSide first(String id) {
    for (Map<String, ExchangeSide> exchanges : bySide.values()) {
      ExchangeSide side = exchanges.get(id);
      if (side != null) {
        return side;
      }
    }
    throw new IllegalStateException("message id " + id + " is in no log");
  }
}
