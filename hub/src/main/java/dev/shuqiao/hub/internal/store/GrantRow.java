package dev.shuqiao.hub.internal.store;

import java.time.Instant;
import java.util.List;

/**
 * A sharing grant as stored; {@code status} is PENDING, APPROVED, REFUSED, REVOKED or WITHDRAWN
 * (expiry is computed). {@code decideBy} is the provider's decision deadline (null for
 * applications made before deadlines existed).
 */
public record GrantRow(String id, String resourceCode, String consumerCode, String providerCode, List<String> items,
    String purpose, String legalBasis, Instant validFrom, Instant validUntil, String status, String reason,
    String decidedBy, Instant decidedAt, Instant createdAt, Instant decideBy) {

  public GrantRow decided(String newStatus, String newReason, String by, Instant at) {
    return new GrantRow(id, resourceCode, consumerCode, providerCode, items, purpose, legalBasis, validFrom,
        validUntil, newStatus, newReason, by, at, createdAt, decideBy);
  }

  /** A pending application whose decision deadline has passed: the data authority escalates it. */
  public boolean overdue(Instant now) {
    return "PENDING".equals(status) && decideBy != null && !now.isBefore(decideBy);
  }

  /** The status a reader sees: an approved grant past its end is EXPIRED. */
  public String effectiveStatus(Instant now) {
    return "APPROVED".equals(status) && !now.isBefore(validUntil) ? "EXPIRED" : status;
  }
}
