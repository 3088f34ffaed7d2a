package dev.shuqiao.audit;

import dev.shuqiao.audit.Receipt.Evidence;
import dev.shuqiao.audit.Receipt.Outcome;
import dev.shuqiao.audit.Receipt.Side;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A citizen's access receipts ("who accessed my data, when, why") from the consumer, hub and
 * provider audit logs (docs/receipts.md).
 *
 * <pre>{@code
 * Receipts receipts = Receipts.builder()
 *     .department("11450200MB0000000T", policeLog, policePseudonymizer, policeKey)
 *     .department("12450200MB0000000P", healthLog, healthPseudonymizer, healthKey)
 *     .hub(hubLog, hubKey)
 *     .build();
 * for (Receipt r : receipts.forSubject(idNumber)) { ... }  // every proof verified
 * }</pre>
 *
 * <p>Each department finds the subject's entries with its own pseudonymizer through its log's
 * subject postings (no scan; the clear number is used in memory only and never recorded); the
 * exchanges found are joined to the hub's entries by message id (the hub never learns the
 * subject). Every entry's inclusion in its log's latest checkpoint is proven, and every checkpoint
 * is checked against the key given for that log, before anything is returned; a proof that fails
 * throws (fail closed). Entries newer than a log's latest checkpoint are returned without proof
 * ({@link Receipt#proven()} false).
 */
public final class Receipts {

  private static final Set<AuditAction> EXCHANGE = EnumSet.of(AuditAction.EXCHANGE_REQUEST,
      AuditAction.EXCHANGE_DELIVER, AuditAction.EXCHANGE_REFUSE);

  private record Source(String code, AuditLog log, SubjectPseudonymizer pseudonymizer, CheckpointVerifier key) {}

  private final List<Source> departments;
  private final AuditLog hub;
  private final CheckpointVerifier hubKey;
  private final int limit;

  private Receipts(Builder b) {
    this.departments = List.copyOf(b.departments);
    this.hub = b.hub;
    this.hubKey = b.hubKey;
    this.limit = b.limit;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Every exchange about the person with identity number {@code idNumber}, oldest first.
   *
   * @throws CheckpointException if a log's latest checkpoint is not signed by the key given for it
   * @throws ProofException if an entry is not in the tree its log's checkpoint signed
   */
  public List<Receipt> forSubject(String idNumber) {
    Objects.requireNonNull(idNumber, "idNumber");
    Map<String, List<Evidence>> byMessage = new LinkedHashMap<>();
    Map<String, String> providers = new LinkedHashMap<>();
    for (Source source : departments) {
      Prover prover = new Prover(source.log(), source.key());
      for (AuditEntry entry : source.log().findBySubject(source.pseudonymizer().pseudonymize(idNumber), 0, limit)) {
        AuditEvent event = entry.event();
        if (!EXCHANGE.contains(event.action()) || event.messageId().isEmpty()) {
          continue;
        }
        boolean consumer = event.actor().departmentCode().equals(source.code());
        if (!consumer) {
          providers.put(event.messageId().get(), source.code());
        }
        byMessage.computeIfAbsent(event.messageId().get(), k -> new ArrayList<>())
            .add(prover.evidence(consumer ? Side.CONSUMER : Side.PROVIDER, entry));
      }
    }
    if (hub != null) {
      Prover prover = new Prover(hub, hubKey);
      for (Map.Entry<String, List<Evidence>> m : byMessage.entrySet()) {
        for (AuditEntry entry : hub.findByMessageId(m.getKey(), 0, 16)) {
          if (EXCHANGE.contains(entry.event().action())) {
            m.getValue().add(prover.evidence(Side.HUB, entry));
          }
        }
      }
    }
    List<Receipt> receipts = new ArrayList<>();
    byMessage.forEach((messageId, evidence) -> receipts.add(receipt(messageId, evidence,
        Optional.ofNullable(providers.get(messageId)))));
    receipts.sort(Comparator.comparing(Receipt::time).thenComparing(Receipt::messageId));
    return receipts;
  }

  /**
   * Receipts from evidence received over the network (docs/receipts.md, "How a citizen asks"): each
   * department's verified entries about the citizen ({@link ReceiptEvidence#verify} with the
   * department's code and checkpoint key), and the hub's verified entries of the message ids they name.
   * Hub entries of other message ids are ignored. Oldest first.
   *
   * @param departments department code → its verified evidence
   * @param hub the hub's verified evidence ({@link Receipt.Side#HUB}), or an empty list
   */
  public static List<Receipt> join(Map<String, List<Evidence>> departments, List<Evidence> hub) {
    Map<String, List<Evidence>> byMessage = new LinkedHashMap<>();
    Map<String, String> providers = new LinkedHashMap<>();
    departments.forEach((code, list) -> {
      for (Evidence e : list) {
        String messageId = e.entry().event().messageId().orElse(null);
        if (messageId == null || !EXCHANGE.contains(e.entry().event().action())) {
          continue;
        }
        if (e.side() == Side.PROVIDER) {
          providers.put(messageId, code);
        }
        byMessage.computeIfAbsent(messageId, k -> new ArrayList<>()).add(e);
      }
    });
    for (Evidence e : hub) {
      List<Evidence> known = e.entry().event().messageId().map(byMessage::get).orElse(null);
      if (known != null && e.side() == Side.HUB && EXCHANGE.contains(e.entry().event().action())) {
        known.add(e);
      }
    }
    List<Receipt> receipts = new ArrayList<>();
    byMessage.forEach((messageId, evidence) -> receipts.add(receipt(messageId, evidence,
        Optional.ofNullable(providers.get(messageId)))));
    receipts.sort(Comparator.comparing(Receipt::time).thenComparing(Receipt::messageId));
    return receipts;
  }

  private static Receipt receipt(String messageId, List<Evidence> evidence, Optional<String> provider) {
    evidence.sort(Comparator.comparing((Evidence e) -> e.side()).thenComparing(e -> e.entry().event().timestamp()));
    // The hub's entries carry the consumer's authenticated request; the departments' say the same.
    Evidence lead = evidence.stream().filter(e -> e.side() == Side.HUB).findFirst().orElse(evidence.get(0));
    AuditEvent first = lead.entry().event();
    String system = evidence.stream().filter(e -> e.side() == Side.CONSUMER).findFirst()
        .map(e -> e.entry().event().actor().system()).orElse(first.actor().system());
    Outcome outcome = Outcome.REQUESTED;
    for (Evidence e : evidence) {
      AuditAction action = e.entry().event().action();
      if (action == AuditAction.EXCHANGE_REFUSE) {
        outcome = Outcome.REFUSED;
      } else if (action == AuditAction.EXCHANGE_DELIVER && outcome != Outcome.REFUSED) {
        outcome = Outcome.DELIVERED;
      }
    }
    java.time.Instant time = evidence.stream().map(e -> e.entry().event().timestamp()).min(Comparator.naturalOrder())
        .orElseThrow();
    return new Receipt(messageId, time, first.actor().departmentCode(), system, provider, first.resourceCode(),
        first.items(), first.purpose(), first.caseId(), first.grantId(), outcome, evidence);
  }

  /** Proves entries of one log against its latest checkpoint, checked once against the log's key. */
  private static final class Prover {
    private final AuditLog log;
    private final Optional<Checkpoint> checkpoint;

    Prover(AuditLog log, CheckpointVerifier key) {
      this.log = log;
      this.checkpoint = log.latestCheckpoint();
      checkpoint.ifPresent(c -> c.verify(key));
    }

    Evidence evidence(Side side, AuditEntry entry) {
      Optional<Checkpoint> covering = checkpoint.filter(c -> Long.compareUnsigned(entry.index(), c.treeSize()) < 0);
      List<byte[]> proof = covering.map(c -> log.inclusionProof(entry.index(), c.treeSize())).orElse(List.of());
      Evidence evidence = new Evidence(side, log.origin(), log.hashSuite(), entry, covering, proof);
      covering.ifPresent(c -> MerkleProofs.verifyInclusion(log.hashSuite(), entry.index(), c.treeSize(),
          log.hashSuite().leafHash(entry.event().encode()), proof, c.rootHash()));
      return evidence;
    }
  }

  /** Configures the logs to read. */
  public static final class Builder {
    private final List<Source> departments = new ArrayList<>();
    private AuditLog hub;
    private CheckpointVerifier hubKey;
    private int limit = 10_000;

    private Builder() {}

    /**
     * A department's log, the pseudonymizer it records subjects with, and the key its checkpoints
     * are signed with. Its events as consumer are those whose actor is {@code departmentCode}; the
     * others are its provider-side events.
     */
    public Builder department(String departmentCode, AuditLog log, SubjectPseudonymizer pseudonymizer,
        CheckpointVerifier checkpointKey) {
      departments.add(new Source(Objects.requireNonNull(departmentCode, "departmentCode"),
          Objects.requireNonNull(log, "log"), Objects.requireNonNull(pseudonymizer, "pseudonymizer"),
          Objects.requireNonNull(checkpointKey, "checkpointKey")));
      return this;
    }

    /** The hub's log and its checkpoint key. */
    public Builder hub(AuditLog log, CheckpointVerifier checkpointKey) {
      this.hub = Objects.requireNonNull(log, "log");
      this.hubKey = Objects.requireNonNull(checkpointKey, "checkpointKey");
      return this;
    }

    /** At most this many entries per department log (default 10,000). */
    public Builder maxEntriesPerLog(int limit) {
      if (limit < 1) {
        throw new IllegalArgumentException("maxEntriesPerLog must be positive");
      }
      this.limit = limit;
      return this;
    }

    public Receipts build() {
      if (departments.isEmpty()) {
        throw new IllegalStateException("receipts need at least one department log");
      }
      return new Receipts(this);
    }
  }
}
