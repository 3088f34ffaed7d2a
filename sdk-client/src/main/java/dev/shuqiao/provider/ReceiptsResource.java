package dev.shuqiao.provider;

import dev.shuqiao.audit.AuditLog;
import dev.shuqiao.audit.CheckpointSigner;
import dev.shuqiao.audit.ReceiptEvidence;
import dev.shuqiao.audit.SubjectPseudonymizer;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A department's receipts resource: answers "which exchanges touched this citizen's data" from the
 * department's own audit log, through the exchange channel (docs/receipts.md, "How a citizen asks").
 * The citizen's identity number arrives as the sealed query's subject, is pseudonymized in memory with
 * the department's own pseudonymizer, looked up in the log's postings and dropped; the answer is one
 * record whose single item {@link #ITEM} holds the {@link ReceiptEvidence} JSON: the subject's exchange
 * entries with inclusion proofs against a checkpoint signed now. Register the resource in the catalog
 * as conditional sharing, so that only a department holding an approved grant (the service center) may
 * ask; the request is an exchange like any other, audited on all three sides with the pseudonym only.
 *
 * <pre>{@code
 * ExchangeProvider provider = ExchangeProvider.builder()...
 *     .handler("1 09 001/000001", ReceiptsResource.handler(auditLog, pseudonymizer, checkpointSigner))
 *     .build();
 * }</pre>
 */
public final class ReceiptsResource {

  /** The resource's one information item (备注型 M): the receipt evidence JSON. */
  public static final String ITEM = "访问记录证据";

  private ReceiptsResource() {}

  /**
   * The handler of the receipts resource over {@code log}, whose subjects {@code pseudonymizer}
   * wrote and whose checkpoints {@code signer} signs. A query without a subject is refused.
   */
  public static ResourceHandler handler(AuditLog log, SubjectPseudonymizer pseudonymizer, CheckpointSigner signer) {
    Objects.requireNonNull(log, "log");
    Objects.requireNonNull(pseudonymizer, "pseudonymizer");
    Objects.requireNonNull(signer, "signer");
    return query -> {
      String subject = query.subject().orElseThrow(() -> new QueryRefusedException(
          "a receipts query names the citizen as its subject"));
      ReceiptEvidence evidence = ReceiptEvidence.forSubject(log, pseudonymizer.pseudonymize(subject), signer,
          ReceiptEvidence.MAX_ENTRIES);
      return List.of(Map.of(ITEM, evidence.toJson()));
    };
  }
}
