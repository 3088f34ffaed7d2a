package dev.shuqiao.hub.internal.store;

import java.time.Instant;
import java.util.List;

/**
 * One mailbox delivery (docs/bulk.md §2): UPLOADING until its last chunk and whole digest were
 * checked, READY in the consumer's mailbox, ACKED once the consumer acknowledged it (its bytes may
 * go), DISCARDED when abandoned, refused at the end or expired.
 */
public record MailboxRow(String messageId, String providerCode, String consumerCode, String resourceCode,
    List<String> items, String grantId, String caseId, String purpose, long size, String digest,
    long committedOffset, String state, Instant createdAt, Instant updatedAt, Instant expiresAt) {

  public static final String UPLOADING = "UPLOADING";
  public static final String READY = "READY";
  public static final String ACKED = "ACKED";
  public static final String DISCARDED = "DISCARDED";

  public MailboxRow {
    items = List.copyOf(items);
  }
}
