package dev.shuqiao.client.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A sharing grant (有条件共享): who may obtain which items of which resource, why, and until when.
 * {@code decideBy} is the provider's decision deadline; {@code overdue} marks a PENDING application
 * past it (the data authority escalates those).
 */
public record Grant(String id, String resourceCode, String consumerCode, String providerCode, List<String> items,
    String purpose, String legalBasis, Instant validFrom, Instant validUntil, GrantStatus status,
    Optional<String> reason, Optional<String> decidedBy, Optional<Instant> decidedAt, Instant createdAt,
    Optional<Instant> decideBy, boolean overdue) {

  public Grant {
    items = List.copyOf(items);
  }
}
