package dev.shuqiao.audit;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@link AuditVerifier} found in a log directory. {@link #ok()} is true only if every record,
 * the tree, every checkpoint signature and the consistency between consecutive checkpoints held.
 *
 * @param entries intact entries read
 * @param checkpointSizes tree sizes of the checkpoints that verified, in order
 * @param root root hash over all intact entries
 * @param problem the first problem found, if any
 * @param notes things worth knowing that are not problems (torn tail, unsigned newest entries)
 */
public record VerificationReport(Path directory, HashSuite suite, String origin, long entries, int segments,
    List<Long> checkpointSizes, byte[] root, Optional<Problem> problem, List<String> notes) {

  public VerificationReport {
    checkpointSizes = List.copyOf(checkpointSizes);
    notes = List.copyOf(notes);
    root = root.clone();
  }

  public boolean ok() {
    return problem.isEmpty();
  }

  /**
   * One problem: the entry index it concerns (for a checkpoint, the first entry it could not vouch
   * for), where it is on disk and what is wrong.
   */
  public record Problem(long index, String location, String message) {

    @Override
    public String toString() {
      return "entry " + index + " (" + location + "): " + message;
    }
  }
}
