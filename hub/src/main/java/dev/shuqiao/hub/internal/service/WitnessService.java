package dev.shuqiao.hub.internal.service;

import dev.shuqiao.audit.AuditAction;
import dev.shuqiao.audit.Checkpoint;
import dev.shuqiao.audit.CheckpointCosigner;
import dev.shuqiao.audit.CheckpointException;
import dev.shuqiao.audit.CheckpointVerifier;
import dev.shuqiao.audit.CheckpointWitness;
import dev.shuqiao.audit.HashSuite;
import dev.shuqiao.audit.NoteKeys;
import dev.shuqiao.audit.WitnessException;
import dev.shuqiao.hub.internal.store.WitnessStore;
import dev.shuqiao.hub.internal.store.WitnessStore.WitnessedLog;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The hub as a witness of the departments' audit logs (docs/audit.md, "Witnessed checkpoints"): a
 * department publishes each checkpoint with a consistency proof from the one the hub holds; the hub
 * checks it ({@link CheckpointWitness}), cosigns it with its witness key and keeps it as the log's
 * latest. The first publication binds the origin to the department, its note key and hash suite.
 */
public final class WitnessService {

  /** What a department sends: its checkpoint note, the proof from {@code oldSize}, its log's key and suite. */
  public record Publication(String checkpoint, long oldSize, List<byte[]> proof, String verifierKey, String hashSuite) {}

  private final CheckpointWitness witness;
  private final WitnessStore store = new WitnessStore();
  private final Clock clock;
  private final Auditor auditor;

  /**
   * {@code cosigner} null: witnessing is off and the endpoints answer 503 {@code witness-disabled}.
   * Every new cosignature is recorded in the hub's own log through {@code auditor}.
   */
  public WitnessService(CheckpointCosigner cosigner, Clock clock, Auditor auditor) {
    this.witness = cosigner == null ? null : CheckpointWitness.of(cosigner, clock);
    this.clock = clock;
    this.auditor = java.util.Objects.requireNonNull(auditor, "auditor");
  }

  /** The witness's verifier key (C2SP cosignature key, type 0x04). */
  public String verifierKey() {
    return enabled().verifierKey();
  }

  /** The latest cosigned checkpoint of {@code origin}. */
  public Optional<String> latest(Connection c, String origin) throws SQLException {
    enabled();
    return store.find(c, origin, false).map(WitnessedLog::note);
  }

  /** Checks, cosigns and keeps the department's checkpoint; returns the cosigned note. */
  public String publish(Connection c, Caller caller, String origin, Publication p) throws SQLException {
    CheckpointWitness w = enabled();
    caller.requireDepartment();
    Checkpoint next;
    try {
      next = Checkpoint.parse(p.checkpoint());
    } catch (CheckpointException e) {
      throw HubException.badField("checkpoint", e.getMessage());
    }
    CheckpointVerifier key;
    HashSuite suite;
    try {
      key = NoteKeys.verifier(p.verifierKey());
    } catch (IllegalArgumentException e) {
      throw HubException.badField("verifierKey", "not a note verifier key: " + e.getMessage());
    }
    try {
      suite = HashSuite.fromId(p.hashSuite());
    } catch (IllegalArgumentException e) {
      throw HubException.badField("hashSuite", "hashSuite must be one of sm3, sha256");
    }
    Optional<WitnessedLog> existing = store.find(c, origin, true);
    if (existing.isPresent()) {
      if (!existing.get().departmentCode().equals(caller.code())) {
        throw HubException.forbidden("audit-log-owner", "the audit log '" + origin + "' belongs to another department");
      }
      if (!existing.get().verifierKey().equals(p.verifierKey()) || !existing.get().hashSuite().equals(suite.id())) {
        throw HubException.forbidden("checkpoint-unknown-key", "the audit log '" + origin + "' was registered with"
            + " another verifier key or hash suite; its checkpoints must be signed with that key");
      }
    }
    Optional<Checkpoint> held = existing.map(l -> Checkpoint.parse(l.note()));
    Checkpoint cosigned;
    try {
      cosigned = w.add(new CheckpointWitness.Log(origin, key, suite), held, p.oldSize(), next, p.proof());
    } catch (WitnessException e) {
      throw refusal(e);
    }
    Instant now = clock.instant();
    if (existing.isEmpty() || cosigned != held.get()) {
      // In the same transaction: a cosignature the hub's log does not hold is not kept either.
      auditor.record(caller, AuditAction.CHECKPOINT_WITNESS, "checkpoint.witness",
          "audit-log/" + origin + "@" + cosigned.treeSize(), null);
    }
    if (existing.isEmpty()) {
      store.insert(c, new WitnessedLog(origin, caller.code(), p.verifierKey(), suite.id(), cosigned.treeSize(),
          cosigned.note(), now, now));
    } else if (cosigned != held.get()
        && !store.advance(c, origin, existing.get().treeSize(), cosigned.treeSize(), cosigned.note(), now)) {
      throw HubException.conflict("checkpoint-stale", "another checkpoint of this log was witnessed meanwhile;"
          + " fetch it and prove consistency from its size");
    }
    return cosigned.note();
  }

  private static HubException refusal(WitnessException e) {
    HubException problem = switch (e.failure()) {
      case WRONG_ORIGIN -> HubException.unprocessable("checkpoint-origin", e.getMessage(), "checkpoint");
      case UNKNOWN_KEY -> HubException.forbidden("checkpoint-unknown-key", e.getMessage());
      case BAD_SIGNATURE -> HubException.forbidden("checkpoint-signature", e.getMessage());
      case ROLLBACK -> HubException.conflict("checkpoint-rollback", e.getMessage());
      case CONFLICT -> HubException.conflict("checkpoint-conflict", e.getMessage());
      case STALE -> HubException.conflict("checkpoint-stale", e.getMessage());
      case INCONSISTENT -> HubException.unprocessable("checkpoint-inconsistent", e.getMessage(), "proof");
    };
    return problem.with("witnessedSize", e.witnessedSize());
  }

  private CheckpointWitness enabled() {
    if (witness == null) {
      throw new HubException(503, "witness-disabled", "Witnessing is off", "this hub has no witness key");
    }
    return witness;
  }
}
