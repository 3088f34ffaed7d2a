package dev.shuqiao.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shuqiao.audit.Receipt.Evidence;
import dev.shuqiao.audit.Receipt.Side;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one audit log answers for a citizen's receipts over the network (docs/receipts.md): its
 * exchange entries about one subject (a department) or about some message ids (the hub), each with
 * its RFC 9162 inclusion proof against the log's signed checkpoint, taken after the lookup so that it
 * covers every entry. The answering side builds it from its own log with {@link #forSubject} or
 * {@link #forMessageIds} and sends {@link #toJson()}; the asking side {@link #parse}s it and trusts
 * nothing in it until {@link #verify} has checked the checkpoint against the log's key and every
 * proof against the checkpoint.
 *
 * <p>JSON (format 1): {@code v} (1), {@code origin}, {@code hashSuite} ({@code sm3} or
 * {@code sha256}), {@code checkpoint} (the signed note, text), {@code entries}: list of
 * {@code {index, event, proof}}, {@code event} the base64 of the event's canonical encoding
 * (docs/audit.md), {@code proof} a list of base64 hashes. No subject in clear: events carry the
 * answering department's pseudonym only.
 */
public final class ReceiptEvidence {

  /** Most entries one answer carries. */
  public static final int MAX_ENTRIES = 10_000;

  private static final int FORMAT = 1;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<AuditAction> EXCHANGE = EnumSet.of(AuditAction.EXCHANGE_REQUEST,
      AuditAction.EXCHANGE_DELIVER, AuditAction.EXCHANGE_REFUSE);

  /** One entry and its inclusion proof against {@link #checkpoint()}. */
  public record Entry(AuditEntry entry, List<byte[]> proof) {
    public Entry {
      Objects.requireNonNull(entry, "entry");
      proof = List.copyOf(proof);
    }
  }

  private final String origin;
  private final HashSuite suite;
  private final Checkpoint checkpoint;
  private final List<Entry> entries;

  private ReceiptEvidence(String origin, HashSuite suite, Checkpoint checkpoint, List<Entry> entries) {
    this.origin = origin;
    this.suite = suite;
    this.checkpoint = checkpoint;
    this.entries = List.copyOf(entries);
  }

  /**
   * A department's answer: the exchange entries of its log about {@code subject} (its own pseudonym of
   * the citizen), at most {@code limit}, proven against a checkpoint signed now.
   *
   * @throws IllegalStateException if the log is empty
   */
  public static ReceiptEvidence forSubject(AuditLog log, SubjectPseudonym subject, CheckpointSigner signer, int limit) {
    Objects.requireNonNull(subject, "subject");
    requireLimit(limit);
    return prove(log, signer, log.findBySubject(subject, 0, limit));
  }

  /**
   * The hub's answer: its exchange entries of the given message ids (at most 16 each), proven against a
   * checkpoint signed now.
   */
  public static ReceiptEvidence forMessageIds(AuditLog log, Collection<String> messageIds, CheckpointSigner signer) {
    List<AuditEntry> found = new ArrayList<>();
    for (String id : messageIds) {
      found.addAll(log.findByMessageId(Objects.requireNonNull(id, "messageId"), 0, 16));
    }
    return prove(log, signer, found);
  }

  private static ReceiptEvidence prove(AuditLog log, CheckpointSigner signer, List<AuditEntry> found) {
    Objects.requireNonNull(signer, "signer");
    List<AuditEntry> exchanges = found.stream().filter(e -> EXCHANGE.contains(e.event().action())
        && e.event().messageId().isPresent()).limit(MAX_ENTRIES).toList();
    // Signed after the lookup, so it covers every entry found (the log only grows).
    Checkpoint checkpoint = log.checkpoint(signer);
    List<Entry> entries = new ArrayList<>();
    for (AuditEntry entry : exchanges) {
      entries.add(new Entry(entry, log.inclusionProof(entry.index(), checkpoint.treeSize())));
    }
    return new ReceiptEvidence(log.origin(), log.hashSuite(), checkpoint, entries);
  }

  private static void requireLimit(int limit) {
    if (limit < 1 || limit > MAX_ENTRIES) {
      throw new IllegalArgumentException("limit: 1 to " + MAX_ENTRIES + ", got " + limit);
    }
  }

  public String origin() {
    return origin;
  }

  public HashSuite hashSuite() {
    return suite;
  }

  /** The log's signed checkpoint, not yet checked against any key. */
  public Checkpoint checkpoint() {
    return checkpoint;
  }

  /** The entries as received, not yet verified. */
  public List<Entry> entries() {
    return entries;
  }

  /**
   * Checks the checkpoint's signature with {@code logKey} and its origin, then every entry's inclusion
   * proof from the event's canonical bytes, and returns the entries as receipt evidence: on the hub
   * ({@code departmentCode} null) every entry is {@link Side#HUB}; in a department's log an entry is
   * {@link Side#CONSUMER} when the department is its actor, else {@link Side#PROVIDER}.
   *
   * @throws CheckpointException if the checkpoint is not signed by {@code logKey} or is of another log
   * @throws ProofException if an entry is not in the signed tree
   */
  public List<Evidence> verify(CheckpointVerifier logKey, String departmentCode) {
    Objects.requireNonNull(logKey, "logKey");
    checkpoint.verify(logKey);
    if (!checkpoint.origin().equals(origin)) {
      throw new CheckpointException(CheckpointException.Failure.WRONG_ORIGIN, "checkpoint of " + checkpoint.origin()
          + " offered for " + origin);
    }
    List<Evidence> evidence = new ArrayList<>();
    for (Entry e : entries) {
      AuditEntry entry = e.entry();
      MerkleProofs.verifyInclusion(suite, entry.index(), checkpoint.treeSize(), suite.leafHash(entry.event().encode()),
          e.proof(), checkpoint.rootHash());
      Side side = departmentCode == null ? Side.HUB
          : entry.event().actor().departmentCode().equals(departmentCode) ? Side.CONSUMER : Side.PROVIDER;
      evidence.add(new Evidence(side, origin, suite, entry, Optional.of(checkpoint), e.proof()));
    }
    return evidence;
  }

  /** The JSON form (format 1, above). */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode().put("v", FORMAT).put("origin", origin).put("hashSuite", suite.id())
        .put("checkpoint", checkpoint.note());
    ArrayNode list = root.putArray("entries");
    Base64.Encoder b64 = Base64.getEncoder();
    for (Entry e : entries) {
      ObjectNode node = list.addObject().put("index", e.entry().index())
          .put("event", b64.encodeToString(e.entry().event().encode()));
      ArrayNode proof = node.putArray("proof");
      e.proof().forEach(h -> proof.add(b64.encodeToString(h)));
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads the JSON form. Checks its shape only: call {@link #verify} before trusting anything in it.
   *
   * @throws IllegalArgumentException naming the first member that is missing or malformed
   */
  public static ReceiptEvidence parse(String json) {
    Objects.requireNonNull(json, "json");
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("receipt evidence: not JSON");
    }
    if (root == null || !root.isObject() || root.path("v").asInt() != FORMAT) {
      throw new IllegalArgumentException("receipt evidence: not format " + FORMAT + " (member v)");
    }
    String origin = text(root, "origin");
    HashSuite suite;
    try {
      suite = HashSuite.fromId(text(root, "hashSuite"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("receipt evidence: hashSuite is sm3 or sha256");
    }
    Checkpoint checkpoint;
    try {
      checkpoint = Checkpoint.parse(text(root, "checkpoint"));
    } catch (CheckpointException e) {
      throw new IllegalArgumentException("receipt evidence: checkpoint is not a signed note: " + e.getMessage());
    }
    JsonNode list = root.path("entries");
    if (!list.isArray() || list.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException("receipt evidence: entries is a list of at most " + MAX_ENTRIES);
    }
    List<Entry> entries = new ArrayList<>();
    Base64.Decoder b64 = Base64.getDecoder();
    for (int i = 0; i < list.size(); i++) {
      JsonNode node = list.get(i);
      String where = "entries[" + i + "]";
      if (!node.path("index").canConvertToExactIntegral() || node.path("index").asLong(-1) < 0
          || !node.path("event").isTextual() || !node.path("proof").isArray() || node.path("proof").size() > 64) {
        throw new IllegalArgumentException("receipt evidence: " + where + " needs index (≥ 0), event (base64) and "
            + "proof (at most 64 hashes)");
      }
      try {
        AuditEvent event = AuditEvent.decode(b64.decode(node.get("event").asText()));
        List<byte[]> proof = new ArrayList<>();
        for (Iterator<JsonNode> it = node.get("proof").elements(); it.hasNext(); ) {
          proof.add(b64.decode(it.next().asText()));
        }
        entries.add(new Entry(new AuditEntry(node.get("index").asLong(), event), proof));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("receipt evidence: " + where + " is not a base64 audit event and proof");
      }
    }
    return new ReceiptEvidence(origin, suite, checkpoint, entries);
  }

  private static String text(JsonNode root, String member) {
    JsonNode node = root.path(member);
    if (!node.isTextual() || node.asText().isBlank()) {
      throw new IllegalArgumentException("receipt evidence: " + member + " is required text");
    }
    return node.asText();
  }
}
