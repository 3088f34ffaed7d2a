package dev.shuqiao.hub.internal.service;

import dev.shuqiao.audit.AuditLog;
import dev.shuqiao.audit.CheckpointSigner;
import dev.shuqiao.audit.ReceiptEvidence;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The hub's part of a citizen's receipts (docs/receipts.md, "How a citizen asks"): its own exchange
 * entries of message ids a department already knows, each with its inclusion proof against a
 * checkpoint signed now. The hub's entries name no subject, so the answer tells the asker nothing about
 * whose data it is; message ids are random (UUID v4) and handed out only inside sealed answers, so a
 * department cannot enumerate exchanges it has not seen.
 */
public final class ReceiptService {

  /** Most message ids one request may name. */
  public static final int MAX_MESSAGE_IDS = 500;
  private static final Pattern MESSAGE_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private final AuditLog log;
  private final CheckpointSigner signer;

  public ReceiptService(AuditLog log, CheckpointSigner signer) {
    this.log = Objects.requireNonNull(log, "log");
    this.signer = Objects.requireNonNull(signer, "signer");
  }

  /** The evidence JSON (ReceiptEvidence format 1) for {@code messageIds}; departments only. */
  public String evidence(Caller caller, List<String> messageIds) {
    caller.requireDepartment();
    for (int i = 0; i < messageIds.size(); i++) {
      if (!MESSAGE_ID.matcher(messageIds.get(i)).matches()) {
        throw HubException.badField("messageIds[" + i + "]", "a message id is a lowercase UUID");
      }
    }
    if (log.size() == 0) {
      throw new HubException(404, "no-checkpoint", "No checkpoint yet", "the audit log is still empty");
    }
    return ReceiptEvidence.forMessageIds(log, messageIds, signer).toJson();
  }
}
