package dev.shuqiao.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One exchange that touched a citizen's data, as the audit logs of the consumer, the hub and the
 * provider record it: when, who asked (department and system), who provided, which resource and
 * items, for what purpose and case, how it ended, and the evidence — each log entry with its
 * inclusion proof against that log's signed checkpoint. Built by {@link Receipts}, which verified
 * every proof; {@link Evidence#verify} checks one again where it is displayed.
 */
public record Receipt(String messageId, Instant time, String consumer, String consumerSystem,
    Optional<String> provider, Optional<String> resourceCode, List<String> items, Optional<String> purpose,
    Optional<String> caseId, Optional<String> grantId, Outcome outcome, List<Evidence> evidence) {

  /** How the exchange ended, as far as the logs say. */
  public enum Outcome { REQUESTED, DELIVERED, REFUSED }

  /** Which party's log an entry comes from. */
  public enum Side { CONSUMER, HUB, PROVIDER }

  public Receipt {
    Objects.requireNonNull(messageId, "messageId");
    items = List.copyOf(items);
    evidence = List.copyOf(evidence);
  }

  /** True if every entry behind this receipt is covered by a signed checkpoint (and so was proven). */
  public boolean proven() {
    return evidence.stream().allMatch(Evidence::proven);
  }

  /** Whether the hub's log confirms the exchange (the departments' logs alone could be made up). */
  public boolean confirmedByHub() {
    return evidence.stream().anyMatch(e -> e.side() == Side.HUB && e.proven());
  }

  /**
   * One log entry and its RFC 9162 inclusion proof against the log's checkpoint. {@code checkpoint}
   * is empty for an entry newer than the log's latest checkpoint (not provable yet).
   */
  public record Evidence(Side side, String logOrigin, HashSuite suite, AuditEntry entry,
      Optional<Checkpoint> checkpoint, List<byte[]> proof) {

    public Evidence {
      proof = List.copyOf(proof);
    }

    public boolean proven() {
      return checkpoint.isPresent();
    }

    /**
     * Checks the checkpoint's signature with {@code logKey} and the entry's inclusion in it, from the
     * event's canonical bytes.
     *
     * @throws CheckpointException if the checkpoint is not signed by {@code logKey}
     * @throws ProofException if the entry is not in the signed tree
     * @throws IllegalStateException if there is no checkpoint to prove against yet
     */
    public void verify(CheckpointVerifier logKey) {
      Checkpoint signed = checkpoint.orElseThrow(() -> new IllegalStateException("entry " + entry.index() + " of "
          + logOrigin + " is newer than the log's latest checkpoint"));
      signed.verify(logKey);
      if (!signed.origin().equals(logOrigin)) {
        throw new CheckpointException(CheckpointException.Failure.WRONG_ORIGIN, "checkpoint of " + signed.origin()
            + " offered for " + logOrigin);
      }
      MerkleProofs.verifyInclusion(suite, entry.index(), signed.treeSize(), suite.leafHash(entry.event().encode()),
          proof, signed.rootHash());
    }
  }
}
