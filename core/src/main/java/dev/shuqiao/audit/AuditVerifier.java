package dev.shuqiao.audit;

import dev.shuqiao.audit.VerificationReport.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Offline verification of a log directory, read-only (it never cuts or repairs anything):
 *
 * <ol>
 *   <li>every record: checksum, entry index, canonical event encoding;
 *   <li>the Merkle tree over all records;
 *   <li>every checkpoint: well-formed, the log's origin, stored under its own tree size, signed by a
 *       trusted key, naming the previous checkpoint (so none was removed), covered by the log, and
 *       with the root of the log's first {@code size} entries;
 *   <li>consistency between each checkpoint and the next (RFC 9162 proof from the tree, verified
 *       with {@link MerkleProofs#verifyConsistency}).
 * </ol>
 *
 * <pre>{@code
 * VerificationReport report = AuditVerifier.withKeys(List.of(NoteKeys.verifier(vkey))).verify(dir);
 * report.problem().ifPresent(p -> System.err.println(p));
 * }</pre>
 */
public final class AuditVerifier {

  private final List<CheckpointVerifier> keys;

  private AuditVerifier(List<CheckpointVerifier> keys) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("verifying checkpoints needs at least one trusted key");
    }
    this.keys = List.copyOf(keys);
  }

  /** A verifier trusting checkpoints signed by any of {@code keys}. */
  public static AuditVerifier withKeys(List<CheckpointVerifier> keys) {
    return new AuditVerifier(keys);
  }

  /**
   * Verifies the log in {@code dir}.
   *
   * @throws IOException if the directory is not a readable audit log
   */
  public VerificationReport verify(Path dir) throws IOException {
    return verify(dir, List.of());
  }

  /**
   * Verifies the log in {@code dir} and also that it still contains the trees of {@code heldElsewhere}:
   * checkpoints of this log obtained from the hub or a witness. This catches what the directory
   * alone cannot show, a rollback of the newest entries together with their checkpoint.
   *
   * @throws IOException if the directory is not a readable audit log
   */
  public VerificationReport verify(Path dir, List<Checkpoint> heldElsewhere) throws IOException {
    return verify(dir, heldElsewhere, null, null);
  }

  /**
   * Verifies the log in {@code dir} against the copy of its checkpoint a witness (the hub) cosigned:
   * the cosignature must verify with {@code witnessKey}, the checkpoint must be signed by a trusted
   * key of the log, the log must still contain its tree, and the log must still store that very
   * checkpoint. A department that rolls back, rewrites or deletes entries or checkpoints the witness
   * has seen is caught, even if it re-signs everything with its own key.
   *
   * @throws IOException if the directory is not a readable audit log
   */
  public VerificationReport verifyWitnessed(Path dir, Checkpoint witnessed, CheckpointVerifier witnessKey)
      throws IOException {
    String location = "witnessed checkpoint, tree size " + Long.toUnsignedString(witnessed.treeSize());
    String cosignature;
    try {
      witnessed.verifyCosignature(witnessKey);
      cosignature = null;
    } catch (CheckpointException | IllegalArgumentException e) {
      cosignature = "not validly cosigned by the witness " + witnessKey.keyName() + ": " + e.getMessage();
    }
    return verify(dir, List.of(witnessed), witnessed, cosignature == null ? null : new Problem(0, location, cosignature));
  }

  private VerificationReport verify(Path dir, List<Checkpoint> heldElsewhere, Checkpoint mustBeStored,
      Problem upFront) throws IOException {
    LogFiles.Settings settings = LogFiles.readSettings(dir);
    MerkleTree tree = new MerkleTree(settings.suite());
    List<String> notes = new ArrayList<>();
    List<Long> verified = new ArrayList<>();
    int segmentCount = SegmentScanner.segments(LogFiles.segments(dir)).size();
    Optional<Problem> problem = Optional.ofNullable(upFront);
    if (problem.isEmpty()) {
      problem = scanRecords(dir, settings, tree, notes);
    }
    if (problem.isEmpty()) {
      problem = checkCheckpoints(dir, settings, tree, verified);
    }
    for (Checkpoint external : heldElsewhere) {
      if (problem.isEmpty()) {
        problem = checkHeldElsewhere(external, settings, tree, verified);
      }
    }
    if (problem.isEmpty() && mustBeStored != null && mustBeStored.treeSize() != 0
        && !verified.contains(mustBeStored.treeSize())) {
      long size = mustBeStored.treeSize();
      long lastGood = verified.stream().filter(v -> Long.compareUnsigned(v, size) < 0).reduce((a, b) -> b).orElse(0L);
      problem = Optional.of(new Problem(lastGood, String.format("checkpoints/%020d.note", size), "the checkpoint of size "
          + Long.toUnsignedString(size) + " the witness cosigned is missing from the log: it was deleted"));
    }
    if (problem.isEmpty()) {
      long signed = verified.isEmpty() ? 0 : verified.get(verified.size() - 1);
      if (signed < tree.size()) {
        notes.add((tree.size() - signed) + " newest entries (from " + signed + ") are not covered by a checkpoint yet");
      }
    }
    return new VerificationReport(dir, settings.suite(), settings.origin(), tree.size(), segmentCount, verified,
        tree.root(tree.size()), problem, notes);
  }

  private static Optional<Problem> scanRecords(Path dir, LogFiles.Settings settings, MerkleTree tree,
      List<String> notes) throws IOException {
    try {
      SegmentScanner.Result scan = SegmentScanner.scan(LogFiles.segments(dir), record -> {
        EventCodec.decode(record.payload());
        tree.append(settings.suite().leafHash(record.payload()));
      });
      scan.tornTail().ifPresent(t -> notes.add("torn tail of " + t.bytes() + " bytes at " + t.segment().getFileName()
          + " offset " + t.offset() + " after entry " + (tree.size() - 1)
          + ": never acknowledged, cut when the log is next opened"));
      if (scan.suite().isPresent() && scan.suite().get() != settings.suite()) {
        return Optional.of(new Problem(0, "segments", "segments use " + scan.suite().get().id()
            + " but the log is " + settings.suite().id()));
      }
      return Optional.empty();
    } catch (AuditLogCorruptedException e) {
      return Optional.of(new Problem(e.index(), "segments/" + e.segment().getFileName() + " offset " + e.offset(),
          e.problem()));
    }
  }

  private Optional<Problem> checkHeldElsewhere(Checkpoint external, LogFiles.Settings settings, MerkleTree tree,
      List<Long> verified) {
    long size = external.treeSize();
    String location = "checkpoint held elsewhere, tree size " + Long.toUnsignedString(size);
    // The stored checkpoint of the same size is no reference: it is what the held copy contradicts.
    long lastGood = verified.stream().filter(v -> Long.compareUnsigned(v, size) < 0).reduce((a, b) -> b).orElse(0L);
    Optional<String> wrong = !external.origin().equals(settings.origin())
        ? Optional.of("origin '" + external.origin() + "' is not the log's '" + settings.origin() + "'")
        : signatureProblem(external);
    if (wrong.isPresent()) {
      return Optional.of(new Problem(lastGood, location, wrong.get()));
    }
    if (Long.compareUnsigned(size, tree.size()) > 0) {
      return Optional.of(new Problem(tree.size(), location, "the log was rolled back: it has " + tree.size()
          + " entries but a checkpoint held elsewhere signed " + Long.toUnsignedString(size)));
    }
    if (!MessageDigest.isEqual(tree.root(size), external.rootHash())) {
      return Optional.of(new Problem(lastGood, location, "the first " + size + " entries differ from what the"
          + " checkpoint held elsewhere signed (entries from " + lastGood + ")"));
    }
    return Optional.empty();
  }

  private Optional<Problem> checkCheckpoints(Path dir, LogFiles.Settings settings, MerkleTree tree,
      List<Long> verified) throws IOException {
    Checkpoint previous = null;
    for (Path file : CheckpointStore.files(LogFiles.checkpoints(dir))) {
      String location = "checkpoints/" + file.getFileName();
      long firstUnvouched = previous == null ? 0 : previous.treeSize();
      Checkpoint checkpoint;
      try {
        checkpoint = Checkpoint.parse(Files.readString(file, StandardCharsets.UTF_8));
      } catch (CheckpointException | java.nio.charset.CharacterCodingException e) {
        return Optional.of(new Problem(firstUnvouched, location, "unreadable checkpoint: " + e.getMessage()));
      }
      Optional<String> wrong = checkpointProblem(file, checkpoint, previous, settings, tree);
      if (wrong.isPresent()) {
        // A checkpoint beyond the log pins the first missing entry; otherwise the first entry it
        // no longer vouches for is the one after the previous good checkpoint.
        boolean beyond = Long.compareUnsigned(checkpoint.treeSize(), tree.size()) > 0
            && wrong.get().startsWith("signed tree size");
        return Optional.of(new Problem(beyond ? tree.size() : firstUnvouched, location, wrong.get()));
      }
      verified.add(checkpoint.treeSize());
      previous = checkpoint;
    }
    return Optional.empty();
  }

  private Optional<String> checkpointProblem(Path file, Checkpoint checkpoint, Checkpoint previous,
      LogFiles.Settings settings, MerkleTree tree) {
    long size = checkpoint.treeSize();
    if (!file.getFileName().toString().equals(String.format("%020d.note", size))) {
      return Optional.of("file name does not match its tree size " + Long.toUnsignedString(size));
    }
    if (!checkpoint.origin().equals(settings.origin())) {
      return Optional.of("origin '" + checkpoint.origin() + "' is not the log's '" + settings.origin() + "'");
    }
    Optional<String> signature = signatureProblem(checkpoint);
    if (signature.isPresent()) {
      return signature;
    }
    long expectedPrevious = previous == null ? 0 : previous.treeSize();
    OptionalLong claimed = checkpoint.previousTreeSize();
    if (claimed.isEmpty() || claimed.getAsLong() != expectedPrevious) {
      return Optional.of("names previous checkpoint " + (claimed.isEmpty() ? "(none)" : claimed.getAsLong())
          + " but the previous stored checkpoint is " + expectedPrevious + " (a checkpoint is missing or extra)");
    }
    if (Long.compareUnsigned(size, tree.size()) > 0) {
      return Optional.of("signed tree size " + size + " but the log has only " + tree.size()
          + " intact entries (entries from " + tree.size() + " are missing)");
    }
    if (!MessageDigest.isEqual(tree.root(size), checkpoint.rootHash())) {
      return Optional.of("root hash of the first " + size + " entries differs from the signed one: entries in ["
          + expectedPrevious + ", " + size + ") were altered, inserted, removed or reordered");
    }
    if (previous != null) {
      try {
        MerkleProofs.verifyConsistency(settings.suite(), previous.treeSize(), size, previous.rootHash(),
            checkpoint.rootHash(), tree.consistencyProof(previous.treeSize(), size));
      } catch (ProofException e) {
        return Optional.of("not consistent with checkpoint " + previous.treeSize() + ": " + e.getMessage());
      }
    }
    return Optional.empty();
  }

  private Optional<String> signatureProblem(Checkpoint checkpoint) {
    for (CheckpointVerifier key : keys) {
      try {
        checkpoint.verify(key);
        return Optional.empty();
      } catch (CheckpointException e) {
        if (e.failure() != CheckpointException.Failure.NO_SIGNATURE_FROM_KEY) {
          return Optional.of(e.getMessage());
        }
      }
    }
    return Optional.of("not signed by any trusted key");
  }
}
