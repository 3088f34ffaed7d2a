package dev.shuqiao.hub.internal.service;

import dev.shuqiao.audit.AuditAction;
import dev.shuqiao.audit.AuditOutcome;
import dev.shuqiao.hub.internal.store.Database;
import dev.shuqiao.hub.internal.store.DepartmentRow;
import dev.shuqiao.hub.internal.store.DepartmentStore;
import dev.shuqiao.hub.internal.store.GrantRow;
import dev.shuqiao.hub.internal.store.GrantStore;
import dev.shuqiao.hub.internal.store.MailboxRow;
import dev.shuqiao.hub.internal.store.MailboxStore;
import dev.shuqiao.hub.internal.store.ResourceRow;
import dev.shuqiao.hub.internal.store.ResourceStore;
import dev.shuqiao.hub.internal.store.UploadSpool;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hub's side of mailbox deliveries (docs/bulk.md): authorizes a provider's upload with the
 * exchange's own checks ({@link ExchangeChecks#authorize}), spools its chunks to disk as they
 * arrive (never a whole body in memory), makes it READY in the consumer's mailbox once every byte
 * and the whole digest were checked, serves it to that consumer and deletes it once acknowledged.
 * The hub holds only ciphertext: the stream is sealed for the consumer by the provider.
 */
public final class MailboxService {

  /** {@code sha-256:} + base64url (no padding) of a SHA-256 digest: the form of {@code digest} on the wire. */
  public static final String DIGEST_PREFIX = "sha-256:";
  private static final int EXPIRE_BATCH = 16;

  /** A provider's {@code POST /v1/mailbox/uploads}, parsed. */
  public record Creation(String messageId, String consumer, String resourceCode, List<String> items, String purpose,
      String grantId, String caseId, long size, String digest) {
    public Creation {
      items = List.copyOf(items);
    }
  }

  /** A created (or found again) upload and whether this request created it. */
  public record Created(MailboxRow row, boolean created) {}

  /** A READY delivery to stream to its consumer. */
  public record Download(MailboxRow row, Path file) {}

  private final Database db;
  private final MailboxSettings settings;
  private final Auditor auditor;
  private final Clock clock;
  private final UploadSpool spool;
  private final MailboxStore mailbox = new MailboxStore();
  private final DepartmentStore departments = new DepartmentStore();
  private final ResourceStore resources = new ResourceStore();
  private final GrantStore grants = new GrantStore();
  private final ExchangeChecks checks = new ExchangeChecks();
  /** Uploads a request of this instance is appending to: a second PATCH meanwhile is 409, not interleaved. */
  private final Set<String> busy = ConcurrentHashMap.newKeySet();

  public MailboxService(Database db, MailboxSettings settings, Auditor auditor, Clock clock) {
    this.db = db;
    this.settings = settings;
    this.auditor = auditor;
    this.clock = clock;
    try {
      this.spool = settings.enabled() ? new UploadSpool(settings.directory()) : null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the mailbox directory", e);
    }
  }

  public MailboxSettings settings() {
    return settings;
  }

  /** 503 {@code mailbox-disabled} unless the hub keeps mailboxes. */
  public void requireEnabled() {
    if (!settings.enabled()) {
      throw new HubException(503, "mailbox-disabled", "The mailbox is disabled", "this hub keeps no mailboxes");
    }
  }

  /** §2 {@code POST /v1/mailbox/uploads}: checks as §1, reserves quota, creates the empty spool file. */
  public Created create(Caller caller, Creation r) throws SQLException {
    caller.requireDepartment();
    expire();
    if (r.size() > settings.maxUploadBytes()) {
      throw new HubException(413, "upload-too-large", "The upload is too large", "a delivery is at most "
          + settings.maxUploadBytes() + " bytes", "size", List.of()).with("limit", settings.maxUploadBytes())
          .with("requested", r.size());
    }
    Created created = db.inTransaction(c -> {
      Optional<MailboxRow> existing = mailbox.find(c, r.messageId());
      if (existing.isPresent()) {
        return new Created(same(existing.get(), caller, r), false);
      }
      ResourceRow resource = resources.find(c, r.resourceCode(), false).orElse(null);
      if (resource != null && !resource.providerCode().equals(caller.code())) {
        throw refused(caller, r, HubException.forbidden("not-the-provider",
            "only the resource's provider delivers it to mailboxes"));
      }
      DepartmentRow consumer = departments.find(c, r.consumer()).orElse(null);
      if (consumer == null || !consumer.active()) {
        throw new HubException(404, "not-found", "No such department",
            "no active department with that credit code", "consumer", List.of());
      }
      DepartmentRow provider = departments.find(c, caller.code()).orElse(null);
      GrantRow grant = r.grantId() == null ? null : grants.find(c, r.grantId(), false).orElse(null);
      HubException refusal = checks.authorize(r.consumer(), r.items(), r.grantId(), resource, provider, grant,
          clock.instant());
      if (refusal != null) {
        throw refused(caller, r, refusal);
      }
      long used = mailbox.reservedBytes(c, r.consumer());
      long limit = settings.quotaOf(r.consumer());
      if (used + r.size() > limit) {
        throw new HubException(413, "quota-exceeded", "The consumer's mailbox is full", "the consumer's mailbox holds "
            + used + " of " + limit + " bytes; this delivery needs " + r.size() + " more", "size", List.of())
            .with("limit", limit).with("used", used).with("requested", r.size());
      }
      Instant now = clock.instant();
      MailboxRow row = new MailboxRow(r.messageId(), caller.code(), r.consumer(), r.resourceCode(), r.items(),
          r.grantId(), r.caseId(), r.purpose(), r.size(), r.digest(), 0, MailboxRow.UPLOADING, now, now,
          now.plus(settings.retention()));
      mailbox.insert(c, row);
      return new Created(row, true);
    });
    if (created.created()) {
      io(() -> spool.create(r.messageId()));
    }
    return created;
  }

  /** A repeated creation: the same provider and body, or 409 {@code message-id-reused}. */
  private static MailboxRow same(MailboxRow row, Caller caller, Creation r) {
    boolean same = row.providerCode().equals(caller.code()) && row.consumerCode().equals(r.consumer())
        && row.resourceCode().equals(r.resourceCode()) && row.items().equals(r.items())
        && row.purpose().equals(r.purpose()) && Objects.equals(row.grantId(), r.grantId())
        && Objects.equals(row.caseId(), r.caseId()) && row.size() == r.size() && row.digest().equals(r.digest());
    if (!same) {
      throw HubException.conflict("message-id-reused", "this message id names another delivery")
          .with("messageId", r.messageId());
    }
    return row;
  }

  /** The exchange vocabulary for a refused delivery (docs/bulk.md §2 "Audit"); the refusal is thrown by the caller. */
  private HubException refused(Caller caller, Creation r, HubException refusal) {
    auditor.exchange(r.consumer(), AuditAction.EXCHANGE_REFUSE, AuditOutcome.DENIED, r.messageId(), r.resourceCode(),
        r.grantId(), r.caseId(), r.items(), r.purpose());
    return refusal.with("messageId", r.messageId());
  }

  /**
   * §2 {@code HEAD}: the provider's upload with its committed offset, the spool reconciled with it
   * after a restart, and an upload whose bytes are all committed completed (a crash between the
   * last chunk and READY).
   */
  public MailboxRow status(Caller caller, String messageId) throws SQLException {
    MailboxRow row = providers(caller, messageId);
    if (MailboxRow.UPLOADING.equals(row.state())) {
      row = reconcile(row);
      if (row.committedOffset() == row.size()) {
        row = complete(row);
      }
    }
    return row;
  }

  /**
   * §2 {@code PATCH}: appends {@code length} bytes at {@code offset}, checks them against the signed
   * chunk digest, forces them to disk, then commits the offset; the chunk that completes the upload
   * also completes the delivery. Returns the row afterwards.
   */
  public MailboxRow append(Caller caller, String messageId, long offset, long length, InputStream body,
      byte[] chunkSha256) throws SQLException {
    MailboxRow row = providers(caller, messageId);
    if (!MailboxRow.UPLOADING.equals(row.state())) {
      throw HubException.conflict("upload-state", "the upload is " + row.state() + ", it takes no more chunks")
          .with("state", row.state());
    }
    if (!busy.add(messageId)) {
      throw HubException.conflict("upload-in-progress", "another request is appending to this upload").retryAfter(1);
    }
    try {
      row = reconcile(row);
      if (offset != row.committedOffset()) {
        throw HubException.conflict("upload-offset", "Upload-Offset must be the committed offset "
            + row.committedOffset()).with("committed", row.committedOffset());
      }
      if (length > row.size() - offset) {
        throw new HubException(413, "upload-overrun", "The chunk overruns the upload", "the upload has "
            + (row.size() - offset) + " bytes left to send", "Content-Length", List.of());
      }
      long committed;
      try {
        committed = spool.append(messageId, offset, body, chunkSha256, row.size());
      } catch (UploadSpool.OffsetMismatch e) {
        throw HubException.conflict("upload-offset", "Upload-Offset must be the committed offset " + e.committed())
            .with("committed", e.committed());
      } catch (UploadSpool.Refused e) {
        throw new HubException(400, "digest-mismatch", "The chunk does not match its digest",
            "the chunk's SHA-256 is not the Content-Digest the request signed; it was discarded", "Content-Digest",
            List.of());
      } catch (IOException e) {
        // The body broke off (the client's connection dropped): the spool cut the chunk off again.
        throw new HubException(400, "incomplete-body", "The body could not be read",
            "the chunk ended early; ask HEAD for the committed offset and send it again");
      }
      if (committed - offset != length) {
        io(() -> spool.reconcile(messageId, offset));
        throw new HubException(400, "incomplete-body", "The body could not be read",
            "the chunk is not Content-Length bytes long");
      }
      Instant now = clock.instant();
      MailboxRow before = row;
      boolean advanced = db.inTransaction(c -> mailbox.advance(c, messageId, before.committedOffset(), committed, now,
          now.plus(settings.retention())));
      if (!advanced) {
        throw HubException.conflict("upload-state", "the upload changed meanwhile; ask HEAD for its offset");
      }
      row = find(messageId);
      return committed == row.size() ? complete(row) : row;
    } finally {
      busy.remove(messageId);
    }
  }

  /**
   * Every byte is committed: the whole digest decides. Equal → READY together with the hub's {@code
   * mailbox.deliver} event; different → DISCARDED, bytes deleted, 422 {@code upload-digest}.
   */
  private MailboxRow complete(MailboxRow row) throws SQLException {
    try {
      spool.finish(row.messageId(), sha256Of(row.digest()));
    } catch (UploadSpool.Refused e) {
      db.inTransaction(c -> {
        if (mailbox.discard(c, row.messageId(), clock.instant())) {
          auditor.exchange(row.consumerCode(), AuditAction.EXCHANGE_REFUSE, AuditOutcome.FAILED, row.messageId(),
              row.resourceCode(), row.grantId(), row.caseId(), row.items(), row.purpose());
        }
        return null;
      });
      throw HubException.unprocessable("upload-digest", "the uploaded bytes do not match the digest declared at"
          + " creation; the upload was discarded", "digest").with("messageId", row.messageId());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot complete a mailbox upload", e);
    }
    Instant now = clock.instant();
    db.inTransaction(c -> {
      if (mailbox.ready(c, row.messageId(), now, now.plus(settings.retention()))) {
        auditor.exchange(row.consumerCode(), AuditAction.MAILBOX_DELIVER, AuditOutcome.SUCCESS, row.messageId(),
            row.resourceCode(), row.grantId(), row.caseId(), row.items(), row.purpose());
      }
      return null;
    });
    return find(row.messageId());
  }

  /** §2 {@code DELETE}: the provider abandons an unfinished upload. */
  public void abandon(Caller caller, String messageId) throws SQLException {
    MailboxRow row = providers(caller, messageId);
    if (!MailboxRow.UPLOADING.equals(row.state())) {
      throw HubException.conflict("upload-state", "the upload is " + row.state() + "; only an unfinished one is abandoned")
          .with("state", row.state());
    }
    discard(row);
  }

  /** §2 {@code GET /v1/mailbox}: the caller's READY deliveries after {@code afterMessageId} (null: from the first). */
  public List<MailboxRow> list(Caller caller, String afterMessageId, int limit) throws SQLException {
    caller.requireDepartment();
    expire();
    return db.inTransaction(c -> {
      Instant afterCreated = null;
      if (afterMessageId != null) {
        MailboxRow after = mailbox.find(c, afterMessageId).filter(x -> x.consumerCode().equals(caller.code()))
            .orElseThrow(() -> HubException.badField("after", "after names no delivery of this mailbox"));
        afterCreated = after.createdAt();
      }
      return mailbox.listReady(c, caller.code(), afterCreated, afterMessageId, limit);
    });
  }

  /** §2 {@code GET /v1/mailbox/{id}}: a READY delivery of the caller's, or 404 (ids cannot be probed). */
  public Download download(Caller caller, String messageId) throws SQLException {
    caller.requireDepartment();
    MailboxRow row = db.inTransaction(c -> mailbox.find(c, messageId)).filter(x -> x.consumerCode().equals(caller.code())
        && MailboxRow.READY.equals(x.state())).orElseThrow(() -> HubException.notFound("delivery"));
    return new Download(row, spool.sealed(messageId));
  }

  /**
   * §2 {@code POST /v1/mailbox/{id}/ack}: the consumer opened what it downloaded, whose digest it
   * names; READY → ACKED with the hub's {@code mailbox.ack}, then the bytes are deleted. Idempotent.
   */
  public MailboxRow acknowledge(Caller caller, String messageId, String digest) throws SQLException {
    caller.requireDepartment();
    MailboxRow row = db.inTransaction(c -> mailbox.find(c, messageId)).filter(x -> x.consumerCode().equals(caller.code())
        && (MailboxRow.READY.equals(x.state()) || MailboxRow.ACKED.equals(x.state())))
        .orElseThrow(() -> HubException.notFound("delivery"));
    if (!MessageDigest.isEqual(row.digest().getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        digest.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
      throw HubException.unprocessable("digest-mismatch", "the acknowledged digest is not the delivery's", "digest");
    }
    if (MailboxRow.READY.equals(row.state())) {
      db.inTransaction(c -> {
        if (mailbox.acknowledge(c, messageId, caller.code(), clock.instant())) {
          auditor.exchange(row.consumerCode(), AuditAction.MAILBOX_ACK, AuditOutcome.SUCCESS, row.messageId(),
              row.resourceCode(), row.grantId(), row.caseId(), row.items(), row.purpose());
        }
        return null;
      });
    }
    io(() -> spool.delete(messageId));
    return find(messageId);
  }

  /**
   * Retention (§2 "Quotas and retention"): deliveries whose time ran out are discarded with {@code
   * mailbox.expire}; a few per request, so no request waits long and no thread is needed.
   */
  public int expire() throws SQLException {
    if (!settings.enabled()) {
      return 0;
    }
    List<String> ids = db.inTransaction(c -> mailbox.expired(c, clock.instant(), EXPIRE_BATCH));
    int discarded = 0;
    for (String id : ids) {
      if (!busy.contains(id)) {
        discarded += discard(find(id)) ? 1 : 0;
      }
    }
    return discarded;
  }

  private boolean discard(MailboxRow row) throws SQLException {
    boolean discarded = db.inTransaction(c -> {
      if (!mailbox.discard(c, row.messageId(), clock.instant())) {
        return false;
      }
      auditor.exchange(row.consumerCode(), AuditAction.MAILBOX_EXPIRE, AuditOutcome.FAILED, row.messageId(),
          row.resourceCode(), row.grantId(), row.caseId(), row.items(), row.purpose());
      return true;
    });
    io(() -> spool.delete(row.messageId()));
    return discarded;
  }

  /** After a restart the spool may hold a chunk the row never committed, or (lost bytes) less than it. */
  private MailboxRow reconcile(MailboxRow row) throws SQLException {
    if (spool.isSealed(row.messageId())) {
      return row;
    }
    long length = io(() -> spool.reconcile(row.messageId(), row.committedOffset()));
    if (length < row.committedOffset()) {
      Instant now = clock.instant();
      db.inTransaction(c -> mailbox.advance(c, row.messageId(), row.committedOffset(), length, now,
          now.plus(settings.retention())));
      return find(row.messageId());
    }
    return row;
  }

  /** The caller's own upload, or 404 for anyone else's (ids cannot be probed). */
  private MailboxRow providers(Caller caller, String messageId) throws SQLException {
    caller.requireDepartment();
    return db.inTransaction(c -> mailbox.find(c, messageId)).filter(x -> x.providerCode().equals(caller.code()))
        .orElseThrow(() -> HubException.notFound("upload"));
  }

  private MailboxRow find(String messageId) throws SQLException {
    return db.inTransaction(c -> mailbox.find(c, messageId)).orElseThrow(() -> new IllegalStateException(
        "a mailbox delivery vanished"));
  }

  /** The 32 bytes of a {@code sha-256:<base64url>} digest (validated when the upload was created). */
  public static byte[] sha256Of(String digest) {
    return Base64.getUrlDecoder().decode(digest.substring(DIGEST_PREFIX.length()));
  }

  @FunctionalInterface
  private interface IoWork<T> {
    T run() throws IOException;
  }

  @FunctionalInterface
  private interface IoAction {
    void run() throws IOException;
  }

  private static <T> T io(IoWork<T> work) {
    try {
      return work.run();
    } catch (IOException e) {
      throw new UncheckedIOException("mailbox spool", e);
    }
  }

  private static void io(IoAction work) {
    io(() -> {
      work.run();
      return null;
    });
  }
}
