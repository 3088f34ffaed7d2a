package dev.shuqiao.hub.internal.store;

import java.time.Instant;
import java.util.List;

/** A sharing grant as stored; {@code status} is PENDING, APPROVED, REFUSED or REVOKED (expiry is computed). */
public record GrantRow(String id, String resourceCode, String consumerCode, String providerCode, List<String> items,
    String purpose, String legalBasis, Instant validFrom, Instant validUntil, String status, String reason,
    String decidedBy, Instant decidedAt, Instant createdAt) {

  public GrantRow decided(String newStatus, String newReason, String by, Instant at) {
    return new GrantRow(id, resourceCode, consumerCode, providerCode, items, purpose, legalBasis, validFrom,
        validUntil, newStatus, newReason, by, at, createdAt);
  }

  /** The status a reader sees: an approved grant past its end is EXPIRED. */
  public String effectiveStatus(Instant now) {
    return "APPROVED".equals(status) && !now.isBefore(validUntil) ? "EXPIRED" : status;
  }
}
