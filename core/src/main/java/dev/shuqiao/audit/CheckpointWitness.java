package dev.shuqiao.audit;

import dev.shuqiao.audit.WitnessException.Failure;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The checks a witness makes before it cosigns a log's checkpoint, after C2SP {@code tlog-witness}:
 * the checkpoint is the log's, signed by the log's key, not smaller than the one the witness holds,
 * not a different tree of the same size, and consistent with the held one by an RFC 9162 proof
 * starting from the held size. The result carries the log's signature and the witness's
 * cosignature, and replaces the held checkpoint. A pure function over its inputs: the caller keeps
 * the held checkpoint (the hub: one row per log) and must replace it atomically.
 *
 * <pre>{@code
 * CheckpointWitness witness = CheckpointWitness.of(NoteKeys.ed25519Cosigner("witness.hub", pair), clock);
 * Checkpoint cosigned = witness.add(log, held, oldSize, Checkpoint.parse(note), proof);
 * }</pre>
 */
public final class CheckpointWitness {

  /** A log the witness follows: its origin, the key its checkpoints are signed with, its hash suite. */
  public record Log(String origin, CheckpointVerifier key, HashSuite suite) {
    public Log {
      Objects.requireNonNull(origin, "origin");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(suite, "suite");
    }
  }

  private final CheckpointCosigner cosigner;
  private final Clock clock;

  private CheckpointWitness(CheckpointCosigner cosigner, Clock clock) {
    this.cosigner = Objects.requireNonNull(cosigner, "cosigner");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public static CheckpointWitness of(CheckpointCosigner cosigner, Clock clock) {
    return new CheckpointWitness(cosigner, clock);
  }

  /**
   * Checks {@code next} against {@code held} and cosigns it.
   *
   * @param held the cosigned checkpoint the witness holds for this log, if any
   * @param oldSize the size the proof starts from, as the log claims: must be {@code held}'s size (0 for none)
   * @param proof RFC 9162 consistency proof from {@code oldSize} to {@code next}'s size (empty from 0 or to the same size)
   * @return {@code next} with the log's signature and this witness's cosignature; {@code held} itself
   *     when {@code next} is the same tree
   * @throws WitnessException naming the failure; the held checkpoint stays as it is
   */
  public Checkpoint add(Log log, Optional<Checkpoint> held, long oldSize, Checkpoint next, List<byte[]> proof) {
    long heldSize = held.map(Checkpoint::treeSize).orElse(0L);
    if (!next.origin().equals(log.origin())) {
      throw new WitnessException(Failure.WRONG_ORIGIN, heldSize, "the checkpoint's origin is not '" + log.origin() + "'");
    }
    try {
      next.verify(log.key());
    } catch (CheckpointException e) {
      throw new WitnessException(e.failure() == CheckpointException.Failure.BAD_SIGNATURE ? Failure.BAD_SIGNATURE
          : Failure.UNKNOWN_KEY, heldSize, e.getMessage() + " (the log's registered key)");
    }
    long size = next.treeSize();
    if (Long.compareUnsigned(size, heldSize) < 0) {
      throw new WitnessException(Failure.ROLLBACK, heldSize, "tree size " + Long.toUnsignedString(size)
          + " is smaller than the witnessed " + Long.toUnsignedString(heldSize) + ": the log was rolled back");
    }
    if (held.isPresent() && size == heldSize) {
      if (MessageDigest.isEqual(held.get().rootHash(), next.rootHash())) {
        return held.get();
      }
      throw new WitnessException(Failure.CONFLICT, heldSize, "another root hash than the witnessed checkpoint of the"
          + " same size " + Long.toUnsignedString(size) + ": the log forked");
    }
    if (oldSize != heldSize) {
      throw new WitnessException(Failure.STALE, heldSize, "the proof starts from size " + Long.toUnsignedString(oldSize)
          + " but the witnessed checkpoint has size " + Long.toUnsignedString(heldSize));
    }
    if (held.isPresent() && heldSize > 0) {
      try {
        MerkleProofs.verifyConsistency(log.suite(), heldSize, size, held.get().rootHash(), next.rootHash(), proof);
      } catch (ProofException e) {
        throw new WitnessException(Failure.INCONSISTENT, heldSize, "not consistent with the witnessed checkpoint of"
            + " size " + Long.toUnsignedString(heldSize) + ": " + e.getMessage());
      }
    } else if (!proof.isEmpty()) {
      throw new WitnessException(Failure.INCONSISTENT, heldSize, "a first checkpoint takes an empty proof");
    }
    return next.cosigned(log.key(), cosigner, clock.instant().getEpochSecond());
  }

  /** The cosigner's verifier key, for those who check this witness's cosignatures. */
  public String verifierKey() {
    return cosigner.verifierKey();
  }
}
