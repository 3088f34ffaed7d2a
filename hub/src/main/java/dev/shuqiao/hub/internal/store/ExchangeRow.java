package dev.shuqiao.hub.internal.store;

import java.time.Instant;
import java.util.List;

/**
 * One exchange by its message id (docs/exchange.md §6). {@code state} is PENDING, DELIVERED or
 * REFUSED. {@code ownerRun} names the hub run relaying a PENDING exchange right now (null when no
 * one is: never relayed yet, or released after a retryable failure) and {@code leaseUntil} how long
 * that claim holds. A final state keeps its answer: {@code httpStatus} and either the ticket and the
 * sealed response (base64url, never opened) or the problem as JSON. No plaintext and no request
 * envelope is ever stored: only the envelope's digest.
 */
public record ExchangeRow(String messageId, String consumerCode, String providerCode, String resourceCode,
    List<String> items, String grantId, String purpose, String caseId, String requestDigest, String state,
    String ownerRun, Instant leaseUntil, Integer httpStatus, String ticket, String response, String problem,
    Instant createdAt, Instant updatedAt) {

  public static final String PENDING = "PENDING";
  public static final String DELIVERED = "DELIVERED";
  public static final String REFUSED = "REFUSED";

  public ExchangeRow {
    items = List.copyOf(items);
  }
}
