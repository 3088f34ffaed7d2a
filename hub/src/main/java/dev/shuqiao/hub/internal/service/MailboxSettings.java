package dev.shuqiao.hub.internal.service;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How the hub keeps mailboxes (docs/bulk.md §2, "Quotas and retention"); {@code directory} null
 * means the mailbox is off (503 {@code mailbox-disabled}).
 *
 * @param directory         where upload bytes are spooled ({@code <data>/mailbox} by default)
 * @param maxUploadBytes    the largest declared size of one delivery
 * @param quotaBytes        per consumer department: the declared sizes of its UPLOADING and READY
 *                          deliveries together, unless {@code quotaOverrides} names the department
 * @param quotaOverrides    credit code → quota in bytes for departments that need another one
 * @param retention         how long a READY delivery waits for its acknowledgement, and an
 *                          unfinished upload for its next chunk, before the hub discards it
 * @param maxChunkBytes     the largest {@code PATCH} body
 */
public record MailboxSettings(Path directory, long maxUploadBytes, long quotaBytes, Map<String, Long> quotaOverrides,
    Duration retention, long maxChunkBytes) {

  public static final long DEFAULT_MAX_UPLOAD_BYTES = 64L << 30;
  public static final long DEFAULT_QUOTA_BYTES = 256L << 30;
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(14);
  public static final long DEFAULT_MAX_CHUNK_BYTES = 64L << 20;

  public MailboxSettings {
    quotaOverrides = Map.copyOf(quotaOverrides);
    if (maxUploadBytes < 1 || quotaBytes < 0 || maxChunkBytes < 1 || retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("mailbox limits must be positive");
    }
  }

  /** The documented defaults under {@code directory}. */
  public static MailboxSettings defaults(Path directory) {
    return new MailboxSettings(directory, DEFAULT_MAX_UPLOAD_BYTES, DEFAULT_QUOTA_BYTES, Map.of(), DEFAULT_RETENTION,
        DEFAULT_MAX_CHUNK_BYTES);
  }

  /** The mailbox switched off (a servlet without a data directory, as in benchmarks). */
  public static MailboxSettings disabled() {
    return new MailboxSettings(null, DEFAULT_MAX_UPLOAD_BYTES, DEFAULT_QUOTA_BYTES, Map.of(), DEFAULT_RETENTION,
        DEFAULT_MAX_CHUNK_BYTES);
  }

  public boolean enabled() {
    return directory != null;
  }

  /** The quota of {@code consumer}'s mailbox. */
  public long quotaOf(String consumer) {
    return quotaOverrides.getOrDefault(consumer, quotaBytes);
  }
}
