package dev.shuqiao.client.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A dataset waiting in a consumer's mailbox on the hub (docs/bulk.md §2): sealed by {@code
 * provider} for this department, {@code size} bytes whose SHA-256 is {@code digest}
 * ({@code sha-256:} + base64url). The hub keeps it until it is acknowledged or {@code expiresAt}.
 */
public record MailboxEntry(String messageId, String provider, String consumer, String resourceCode,
    List<String> items, String grantIdOrNull, String caseIdOrNull, String purpose, long size, String digest,
    Instant createdAt, Instant expiresAt) {

  public MailboxEntry {
    items = List.copyOf(items);
  }

  public Optional<String> grantId() {
    return Optional.ofNullable(grantIdOrNull);
  }

  public Optional<String> caseId() {
    return Optional.ofNullable(caseIdOrNull);
  }
}
