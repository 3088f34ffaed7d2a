package dev.shuqiao.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shuqiao.audit.Actor;
import dev.shuqiao.audit.AuditAction;
import dev.shuqiao.audit.AuditEvent;
import dev.shuqiao.audit.AuditOutcome;
import dev.shuqiao.client.model.Delivery;
import dev.shuqiao.client.model.MailboxEntry;
import dev.shuqiao.client.model.RegisteredDepartment;
import dev.shuqiao.crypto.Department;
import dev.shuqiao.crypto.EnvelopeContent;
import dev.shuqiao.crypto.EnvelopeException;
import dev.shuqiao.crypto.EnvelopeHeader;
import dev.shuqiao.crypto.EnvelopeOpener;
import dev.shuqiao.crypto.OpenedStream;
import dev.shuqiao.crypto.Pem;
import dev.shuqiao.crypto.ReplayGuard;
import dev.shuqiao.crypto.StreamSealer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * This department's mailbox on the hub (docs/bulk.md): datasets other departments delivered to
 * it, sealed for it, waiting until it acknowledges them.
 *
 * <pre>{@code
 * Mailbox mailbox = client.mailbox();
 * for (MailboxEntry e : mailbox.list()) {
 *   Path sealed = mailbox.download(e, dir.resolve(e.messageId() + ".sealed"), (got, total) -> ...);
 *   try (OpenedStream opened = ...; InputStream data = mailbox.open(e, sealed).payload()) {
 *     Files.copy(data, dir.resolve(e.messageId() + ".csv"));   // fully read: signature checked at the end
 *   }
 *   mailbox.acknowledge(e);                                     // only now may the hub delete it
 * }
 * }</pre>
 *
 * <p>{@link #receive} does the three steps in one call. Both ends audit every delivery and
 * acknowledgement under the delivery's message id ({@code mailbox.deliver}, {@code mailbox.ack}),
 * as the hub does.
 */
public final class Mailbox {

  /** The content type of a delivered dataset's sealed stream. */
  public static final String DATASET_TYPE = "application/vnd.shuqiao.dataset";

  private final MailboxTransfer transfer;
  private final ConsumerExchange.Settings settings;
  private final Function<String, RegisteredDepartment> departments;

  Mailbox(Transport transport, ConsumerExchange.Settings settings, Function<String, RegisteredDepartment> departments) {
    this.transfer = new MailboxTransfer(transport);
    this.settings = settings;
    this.departments = departments;
  }

  /** The deliveries waiting in this mailbox, oldest first, fetched a page at a time as iterated. */
  public Iterable<MailboxEntry> list() {
    return () -> new Iterator<>() {
      private Iterator<MailboxEntry> page = List.<MailboxEntry>of().iterator();
      private String next;
      private boolean more = true;

      @Override
      public boolean hasNext() {
        while (!page.hasNext() && more) {
          MailboxTransfer.Listing listing = transfer.list(next);
          page = listing.items().iterator();
          next = listing.next();
          more = next != null;
        }
        return page.hasNext();
      }

      @Override
      public MailboxEntry next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return page.next();
      }
    };
  }

  /**
   * Downloads the sealed stream of {@code entry} to {@code target}, resuming from {@code
   * target.partial} if an earlier download broke off, and checks its size and digest.
   *
   * @throws ExchangeProtocolException if the bytes do not match the entry's digest (the partial file is deleted)
   */
  public Path download(MailboxEntry entry, Path target, TransferProgress progress) {
    Objects.requireNonNull(entry, "entry");
    return transfer.download(entry, Objects.requireNonNull(target, "target"), Objects.requireNonNull(progress, "progress"));
  }

  /**
   * Opens a downloaded delivery: the stream must be sealed for this department by the entry's
   * provider (its certificate trusted now), and its header must name the entry's message id,
   * resource, grant and case. The payload is verified segment by segment as it is read; a
   * truncated or altered stream fails while reading. Read it to its end before acknowledging.
   *
   * @throws ExchangeProtocolException if the stream does not open or does not match the entry
   */
  public OpenedStream open(MailboxEntry entry, Path downloaded) throws IOException {
    // A delivery may wait days in the mailbox: its age is checked against when the hub received it,
    // not against now; that it is opened once is the hub's doing (READY once, gone when acknowledged).
    EnvelopeOpener opener = EnvelopeOpener.builder().addIdentity(settings().identity()).trustStore(settings().trust())
        .replayGuard(ReplayGuard.builder().window(Duration.ofDays(1)).clock(Clock.fixed(entry.createdAt(),
            java.time.ZoneOffset.UTC)).build()).clock(settings().clock()).build();
    InputStream in = Files.newInputStream(downloaded);
    OpenedStream opened;
    try {
      opened = opener.openStream(in);
    } catch (EnvelopeException e) {
      in.close();
      throw protocol("the delivery does not open: " + e.getMessage(), "envelope-invalid", entry, e);
    }
    EnvelopeHeader header = opened.header();
    String mismatch = !header.messageId().toString().equals(entry.messageId()) ? "message id"
        : !opened.sender().creditCode().toString().equals(entry.provider()) ? "sender"
        : !header.resourceCode().equals(entry.resourceCode()) ? "resource code"
        : !header.grantId().equals(entry.grantId()) ? "grant id"
        : !header.caseId().equals(entry.caseId()) ? "case id"
        : !header.contentType().equals(DATASET_TYPE) ? "content type" : null;
    if (mismatch != null) {
      in.close();
      throw protocol("the delivery's " + mismatch + " does not match the mailbox entry", "delivery-mismatch", entry, null);
    }
    return opened;
  }

  /**
   * Acknowledges {@code entry}: audits {@code mailbox.ack} (nothing is acknowledged unaudited),
   * then tells the hub, which deletes the delivery. Acknowledging again is harmless.
   */
  public void acknowledge(MailboxEntry entry) {
    audit(AuditAction.MAILBOX_ACK, entry.messageId(), entry.resourceCode(), entry.items(), entry.purpose(),
        entry.grantIdOrNull(), entry.caseIdOrNull());
    transfer.acknowledge(entry);
  }

  /**
   * Download, open, write the plaintext to {@code target}, acknowledge: the whole consumer side in
   * one call. The sealed bytes are kept in {@code target.sealed} until acknowledged, so a call
   * interrupted anywhere can simply be made again.
   */
  public Path receive(MailboxEntry entry, Path target, TransferProgress progress) throws IOException {
    Path sealed = target.resolveSibling(target.getFileName() + ".sealed");
    download(entry, sealed, progress);
    Path plain = target.resolveSibling(target.getFileName() + ".opening");
    try (InputStream payload = open(entry, sealed).payload(); OutputStream out = Files.newOutputStream(plain)) {
      payload.transferTo(out);
    } catch (EnvelopeException e) {
      Files.deleteIfExists(plain);
      throw protocol("the delivery failed verification while reading: " + e.getMessage(), "envelope-invalid", entry, e);
    }
    Files.move(plain, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    acknowledge(entry);
    Files.deleteIfExists(sealed);
    return target;
  }

  // ---- the provider's side: ShuqiaoClient.deliver ----

  Delivery deliver(DeliverOptions options) {
    X509Certificate consumer = consumerCertificate(options.consumer());
    Path work = options.workDirectory().orElse(Path.of(System.getProperty("java.io.tmpdir")));
    Path sealed;
    try {
      sealed = Files.createTempFile(work, "shuqiao-delivery-", ".sealed");
    } catch (IOException e) {
      throw new ShuqiaoException("cannot create the sealed file: " + e.getMessage(), 0, "local-io", null, e);
    }
    try {
      EnvelopeContent.Builder metadata = EnvelopeContent.builder().addRecipient(consumer)
          .resourceCode(options.resourceCode()).contentType(DATASET_TYPE);
      options.grantId().ifPresent(metadata::grantId);
      options.caseId().ifPresent(metadata::caseId);
      StreamSealer sealer = StreamSealer.builder().identity(settings().identity()).clock(settings().clock()).build();
      try (OutputStream out = sealer.seal(Files.newOutputStream(sealed), metadata.build())) {
        Files.copy(options.source(), out);
      }
      String messageId;
      try (InputStream in = Files.newInputStream(sealed)) {
        messageId = StreamSealer.headerOf(in).messageId().toString();
      }
      long size = Files.size(sealed);
      String digest = MailboxTransfer.digestOf(sealed);
      ObjectNode body = Codec.JSON.createObjectNode().put("messageId", messageId).put("consumer", options.consumer())
          .put("resourceCode", options.resourceCode()).put("purpose", options.purpose()).put("size", size)
          .put("digest", digest);
      options.items().forEach(body.putArray("items")::add);
      options.grantId().ifPresent(g -> body.put("grantId", g));
      options.caseId().ifPresent(c -> body.put("caseId", c));
      JsonNode created = transfer.create(body);
      MailboxTransfer.Status status = transfer.upload(messageId, sealed, created.path("offset").asLong(0),
          options.chunkBytes(), options.progress());
      if (!status.ready()) {
        throw new ShuqiaoException("the hub did not accept the delivery " + messageId + " (state " + status.state()
            + ")", 0, "delivery-" + status.state().toLowerCase(java.util.Locale.ROOT), null, null);
      }
      audit(AuditAction.MAILBOX_DELIVER, messageId, options.resourceCode(), options.items(), options.purpose(),
          options.grantId().orElse(null), options.caseId().orElse(null));
      return new Delivery(messageId, options.consumer(), options.resourceCode(), size, digest);
    } catch (IOException e) {
      throw new ShuqiaoException("cannot seal the dataset: " + e.getMessage(), 0, "local-io", null, e);
    } finally {
      try {
        Files.deleteIfExists(sealed);
      } catch (IOException e) {
        // A temporary file left behind; nothing else depends on it.
      }
    }
  }

  private X509Certificate consumerCertificate(String code) {
    RegisteredDepartment department = departments.apply(code);
    X509Certificate certificate;
    Department named;
    try {
      certificate = Pem.certificate(department.certificatePem());
      named = settings().trust().validate(certificate, settings().clock().instant());
    } catch (IllegalArgumentException | EnvelopeException e) {
      throw new ExchangeProtocolException("the registered certificate of consumer " + code + " is not trusted: "
          + e.getMessage(), "consumer-certificate", null, e);
    }
    if (!named.creditCode().toString().equals(code)) {
      throw new ExchangeProtocolException("the certificate registered for consumer " + code + " names department "
          + named.creditCode(), "consumer-certificate", null, null);
    }
    return certificate;
  }

  private void audit(AuditAction action, String messageId, String resourceCode, List<String> items, String purpose,
      String grantId, String caseId) {
    if (settings().audit() == null) {
      return;
    }
    String self = settings().identity().department().creditCode().toString();
    AuditEvent.Builder event = AuditEvent.builder().actor(Actor.of(self, settings().system())).action(action)
        .outcome(AuditOutcome.SUCCESS).resourceCode(resourceCode).messageId(messageId).items(items).purpose(purpose)
        .timestamp(settings().clock().instant());
    if (grantId != null) {
      event.grantId(grantId);
    }
    if (caseId != null) {
      event.caseId(caseId);
    }
    try {
      settings().audit().record(event.build());
    } catch (RuntimeException e) {
      throw new ShuqiaoException("could not record " + action.code() + " of delivery " + messageId
          + " in the audit log", 0, "audit-failed", null, e);
    }
  }

  private ConsumerExchange.Settings settings() {
    if (settings == null) {
      throw new IllegalStateException("the mailbox needs the city trust store: set ShuqiaoClientBuilder.trustStore");
    }
    return settings;
  }

  private static ExchangeProtocolException protocol(String message, String type, MailboxEntry entry, Throwable cause) {
    return new ExchangeProtocolException(message, type, UUID.fromString(entry.messageId()), cause);
  }
}
