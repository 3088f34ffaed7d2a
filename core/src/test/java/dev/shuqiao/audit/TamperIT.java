package dev.shuqiao.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shuqiao.audit.VerificationReport.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.Comparator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exhaustive tampering with a 1,000-entry log in three segments with checkpoints at 250, 500, 750
 * and 1000: every single record is modified, deleted, duplicated and swapped with its neighbour,
 * naively and (for every tenth record) the way a careful forger would, renumbering and resealing
 * the checksums; every checkpoint byte is flipped and checkpoints are deleted, copied and swapped.
 * The verifier must report each one.
 */
class TamperIT {

  private static final int ENTRIES = 1000;

  @TempDir
  static Path root;

  private static Path pristine;
  private static LogImage image;
  private static AuditVerifier verifier;
  private static Path work;

  @BeforeAll
  static void buildLog() throws IOException {
    pristine = root.resolve("pristine");
    CheckpointSigner signer = NoteKeysTest.ed25519("audit.tamper.example");
    try (AuditLog log = AuditLog.builder().directory(pristine).hashSuite(HashSuite.SM3)
        .origin("audit.tamper.example").segmentBytes(64 * 1024).open()) {
      for (int n = 0; n < ENTRIES; n++) {
        log.append(TestEvents.event(n));
        if ((n + 1) % 250 == 0) {
          log.checkpoint(signer);
        }
      }
    }
    verifier = AuditVerifier.withKeys(List.of(NoteKeys.verifier(signer.verifierKey())));
    image = LogImage.read(pristine);
    assertThat(image.records).hasSizeGreaterThanOrEqualTo(3);
    assertThat(verifier.verify(pristine).ok()).isTrue();
    assertThat(verifier.verify(pristine).checkpointSizes()).containsExactly(250L, 500L, 750L, 1000L);
  }

  @Test
  void everyNaivelyModifiedDeletedDuplicatedOrSwappedRecordIsReportedAtItsIndex() throws IOException {
    for (long i = 0; i < ENTRIES; i++) {
      long at = i;
      assertThat(tamperRecords(img -> {
        byte[] changed = img.get(at).clone();
        changed[20] ^= 0x01;
        img.set(at, changed);
      })).as("modified %d", i).isEqualTo(i);
      assertThat(tamperRecords(img -> img.remove(at))).as("deleted %d", i).isEqualTo(i);
      assertThat(tamperRecords(img -> img.insertAfter(at, img.get(at)))).as("duplicated %d", i).isEqualTo(i + 1);
      if (i + 1 < ENTRIES) {
        assertThat(tamperRecords(img -> swap(img, at))).as("swapped %d", i).isEqualTo(i);
      }
    }
  }

  @Test
  void forgeriesWithFixedIndicesAndChecksumsAreReportedAtTheirCheckpointInterval() throws IOException {
    for (long i = 0; i < ENTRIES; i += 10) {
      long at = i;
      long intervalStart = i / 250 * 250;
      byte[] forged = TestEvents.event(at + 5000).encode();
      assertThat(tamperRecords(img -> img.set(at, LogImage.record(at, forged)))).as("replaced %d", i)
          .isEqualTo(intervalStart);
      assertThat(tamperRecords(img -> {
        img.insertAfter(at, LogImage.record(at, forged));
        img.renumberAndReseal();
      })).as("inserted after %d", i).isEqualTo(intervalStart);
      assertThat(tamperRecords(img -> {
        img.remove(at);
        img.renumberAndReseal();
      })).as("deleted and renumbered %d", i).isIn(intervalStart, (long) ENTRIES - 1);
      assertThat(tamperRecords(img -> {
        swap(img, at);
        img.renumberAndReseal();
      })).as("swapped and renumbered %d", i).isEqualTo(intervalStart);
    }
  }

  @Test
  void everyFlippedCheckpointByteIsReported() throws IOException {
    for (Path note : notes(pristine)) {
      byte[] bytes = Files.readAllBytes(note);
      Path target = work.resolve("checkpoints").resolve(note.getFileName());
      for (int b = 0; b < bytes.length; b++) {
        byte[] changed = bytes.clone();
        changed[b] ^= 0x01;
        Files.write(target, changed);
        Problem problem = verifier.verify(work).problem().orElse(null);
        assertThat(problem).as("flipped byte %d of %s", b, note.getFileName()).isNotNull();
        assertThat(problem.location()).contains(note.getFileName().toString());
      }
      Files.write(target, bytes);
    }
  }

  @Test
  void deletedCopiedOrSwappedCheckpointsAreReported() throws IOException {
    List<Path> notes = notes(pristine);
    Path checkpoints = work.resolve("checkpoints");
    for (int c = 0; c < notes.size() - 1; c++) {
      Path deleted = checkpoints.resolve(notes.get(c).getFileName());
      Files.delete(deleted);
      assertThat(verifier.verify(work).problem()).as("deleted %s", deleted.getFileName()).isPresent();
      Files.copy(notes.get(c), deleted);
    }
    Path copied = checkpoints.resolve(String.format("%020d.note", 600));
    Files.copy(notes.get(1), copied);
    assertThat(verifier.verify(work).problem()).isPresent();
    Files.delete(copied);

    Path a = checkpoints.resolve(notes.get(0).getFileName());
    Path b = checkpoints.resolve(notes.get(1).getFileName());
    Files.copy(notes.get(1), a, StandardCopyOption.REPLACE_EXISTING);
    Files.copy(notes.get(0), b, StandardCopyOption.REPLACE_EXISTING);
    assertThat(verifier.verify(work).problem()).isPresent();
    Files.copy(notes.get(0), a, StandardCopyOption.REPLACE_EXISTING);
    Files.copy(notes.get(1), b, StandardCopyOption.REPLACE_EXISTING);
    assertThat(verifier.verify(work).ok()).isTrue();

    CheckpointSigner intruder = NoteKeysTest.ed25519("audit.tamper.example");
    Files.writeString(checkpoints.resolve(String.format("%020d.note", 1000)),
        Checkpoint.sign("audit.tamper.example", 1000, verifier.verify(pristine).root(), 750, intruder).note());
    assertThat(verifier.verify(work).problem()).get().extracting(Problem::message).asString()
        .contains("not signed by any trusted key");
  }

  @Test
  void deletingTheNewestCheckpointLeavesItsEntriesReportedAsUnsigned() throws IOException {
    // Rolling back the newest signature cannot be seen from the directory alone: that is what the
    // copies of checkpoints held by the hub are for. The verifier at least says they are unsigned.
    Path newest = work.resolve("checkpoints").resolve(String.format("%020d.note", 1000));
    Checkpoint heldByTheHub = Checkpoint.parse(Files.readString(newest));
    Files.delete(newest);
    VerificationReport report = verifier.verify(work);
    assertThat(report.ok()).isTrue();
    assertThat(report.notes()).anyMatch(n -> n.contains("250 newest entries (from 750) are not covered"));
    assertThat(verifier.verify(work, List.of(heldByTheHub)).ok()).isTrue();
  }

  @Test
  void aRollbackOfTheNewestEntriesAndCheckpointIsCaughtWithTheHubsCopy() throws IOException {
    Path newest = work.resolve("checkpoints").resolve(String.format("%020d.note", 1000));
    Checkpoint heldByTheHub = Checkpoint.parse(Files.readString(newest));
    Files.delete(newest);
    LogImage rolledBack = image.copy();
    for (long i = ENTRIES - 1; i >= 900; i--) {
      rolledBack.remove(i);
    }
    rolledBack.write(work);
    assertThat(verifier.verify(work).ok()).isTrue();
    Problem problem = verifier.verify(work, List.of(heldByTheHub)).problem().orElseThrow();
    assertThat(problem.index()).isEqualTo(900);
    assertThat(problem.message()).contains("rolled back");

    LogImage forked = image.copy();
    forked.set(950, LogImage.record(950, TestEvents.event(99_999).encode()));
    forked.write(work);
    Problem fork = verifier.verify(work, List.of(heldByTheHub)).problem().orElseThrow();
    assertThat(fork.index()).isEqualTo(750);
  }

  private static void swap(LogImage img, long i) {
    byte[] first = img.get(i);
    img.set(i, img.get(i + 1));
    img.set(i + 1, first);
  }

  /** Applies the edit to the working copy's segments and returns the index of the reported problem. */
  private static long tamperRecords(Consumer<LogImage> edit) throws IOException {
    LogImage copy = image.copy();
    edit.accept(copy);
    copy.write(work);
    VerificationReport report = verifier.verify(work);
    assertThat(report.problem()).as("tampering went unnoticed").isPresent();
    return report.problem().get().index();
  }

  /**
   * One working copy, restored before each test and rewritten in place by each case: copying the
   * whole log thousands of times costs more file-system time than the verification itself.
   */
  @BeforeEach
  void restoreWorkingCopy() throws IOException {
    work = root.resolve("work");
    if (Files.exists(work)) {
      try (Stream<Path> files = Files.walk(work)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    try (Stream<Path> files = Files.walk(pristine)) {
      for (Path source : files.toList()) {
        Path target = work.resolve(pristine.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static List<Path> notes(Path dir) throws IOException {
    return CheckpointStore.files(dir.resolve("checkpoints"));
  }
}
