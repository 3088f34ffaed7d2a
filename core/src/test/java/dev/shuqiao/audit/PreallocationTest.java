package dev.shuqiao.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Segments are zero-filled ahead of the records while the log is open. A copy taken while it is
 * open is what a crash leaves behind: records, maybe a torn batch, then zeros.
 */
class PreallocationTest {

  @TempDir
  Path root;


  private AuditLog open(Path dir) {
    return AuditLog.builder().directory(dir).origin("audit.prealloc.example").open();
  }

  /** Appends ten entries and copies the directory while the log is still open. */
  private Path crashedCopy() throws IOException {
    Path dir = root.resolve("live");
    Path copy = root.resolve("crashed");
    try (AuditLog log = open(dir)) {
      for (int n = 0; n < 10; n++) {
        log.append(TestEvents.event(n));
      }
      Path segment = onlySegment(dir);
      assertThat(Files.size(segment)).isGreaterThanOrEqualTo(SegmentWriter.ALLOCATE_AHEAD);
      copy(dir, copy);
    }
    assertThat(Files.size(onlySegment(dir))).isEqualTo(validEnd(dir));
    return copy;
  }

  @Test
  void open_readsTheZerosAfterTheLastRecordAsFreeSpace() throws IOException {
    Path copy = crashedCopy();
    long size = Files.size(onlySegment(copy));
    VerificationReport report = AuditVerifier.withKeys(List.of(NoteKeys.verifier(
        NoteKeysTest.ed25519("k.example").verifierKey()))).verify(copy);
    assertThat(report.ok()).isTrue();
    assertThat(report.notes()).noneMatch(n -> n.contains("torn"));
    try (AuditLog log = open(copy)) {
      assertThat(log.size()).isEqualTo(10);
      assertThat(Files.size(onlySegment(copy))).isEqualTo(size);
      assertThat(log.append(TestEvents.event(10))).isEqualTo(10);
    }
    try (AuditLog log = open(copy)) {
      assertThat(log.read(10)).isEqualTo(TestEvents.event(10));
    }
  }

  @Test
  void open_cutsATornBatchInTheAllocatedSpace() throws IOException {
    Path copy = crashedCopy();
    long end = validEnd(copy);
    byte[] tornRecord = LogImage.record(10, TestEvents.event(10).encode());
    try (FileChannel channel = FileChannel.open(onlySegment(copy), StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(tornRecord, 0, tornRecord.length - 9), end); // the kill cut it short
    }
    try (AuditLog log = open(copy)) {
      assertThat(log.size()).isEqualTo(10);
      assertThat(log.append(TestEvents.event(11))).isEqualTo(10);
    }
    try (AuditLog log = open(copy)) {
      assertThat(log.read(10)).isEqualTo(TestEvents.event(11));
    }
  }

  @Test
  void open_stillRefusesACorruptedMiddleRecordFollowedByZeros() throws IOException {
    Path copy = crashedCopy();
    Path segment = onlySegment(copy);
    AuditLogTest.flipByte(segment, AuditLogTest.offsetOfEntry(segment, 4) + 20);
    assertThatThrownBy(() -> open(copy)).isInstanceOfSatisfying(AuditLogCorruptedException.class,
        e -> assertThat(e.index()).isEqualTo(4));
  }

  @Test
  void open_refusesGarbageAfterZerosInsteadOfCallingItTorn() throws IOException {
    Path copy = crashedCopy();
    long end = validEnd(copy);
    try (FileChannel channel = FileChannel.open(onlySegment(copy), StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(new byte[] {0, 0, 0, 40, 1, 2, 3}), end); // a record start, then more data
      channel.write(ByteBuffer.wrap(new byte[] {9}), end + 500);
    }
    assertThatThrownBy(() -> open(copy)).isInstanceOfSatisfying(AuditLogCorruptedException.class,
        e -> assertThat(e.index()).isEqualTo(10));
  }

  private static long validEnd(Path dir) throws IOException {
    return SegmentScanner.scan(LogFiles.segments(dir), r -> { }).lastSegmentEnd();
  }

  private static Path onlySegment(Path dir) throws IOException {
    List<Path> segments = SegmentScanner.segments(LogFiles.segments(dir));
    assertThat(segments).hasSize(1);
    return segments.get(0);
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : files.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
  }
}
