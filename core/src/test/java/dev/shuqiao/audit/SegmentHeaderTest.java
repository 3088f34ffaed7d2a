package dev.shuqiao.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the segment format leaves no room for is refused: reserved header bytes that are not zero, and
 * zero padding at the end of a segment other than the last (the writer cuts its allocated space off
 * before it starts the next segment).
 */
class SegmentHeaderTest {

  @TempDir
  Path dir;

  private List<Path> segments;

  @BeforeEach
  void writeLog() throws IOException {
    try (AuditLog log = AuditLog.builder().directory(dir).origin("audit.header.example").segmentBytes(1024).open()) {
      for (int n = 0; n < 40; n++) {
        log.append(TestEvents.event(n));
      }
    }
    segments = SegmentScanner.segments(LogFiles.segments(dir));
    assertThat(segments).hasSizeGreaterThan(2);
  }

  @ParameterizedTest
  @ValueSource(ints = {10, 11, 12, 13, 14, 15})
  void aNonZeroReservedHeaderByte_isCorruption_inAnySegment(int at) throws IOException {
    for (Path segment : List.of(segments.get(0), segments.get(1), segments.get(segments.size() - 1))) {
      byte[] original = Files.readAllBytes(segment);
      byte[] changed = original.clone();
      changed[at] = 1;
      Files.write(segment, changed);

      assertThatThrownBy(() -> SegmentScanner.scan(LogFiles.segments(dir), r -> { }))
          .isInstanceOfSatisfying(AuditLogCorruptedException.class, e -> {
            assertThat(e.segment()).isEqualTo(segment);
            assertThat(e.offset()).isEqualTo(at);
          }).hasMessageContaining("reserved");
      assertThatThrownBy(() -> AuditLog.builder().directory(dir).origin("audit.header.example").open())
          .isInstanceOf(AuditLogCorruptedException.class);
      Files.write(segment, original);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4, 16, 17, 4096})
  void zeroPaddingAfterASegmentThatIsNotTheLast_isCorruption(int zeros) throws IOException {
    for (Path segment : segments.subList(0, segments.size() - 1)) {
      long size = Files.size(segment);
      Files.write(segment, new byte[zeros], StandardOpenOption.APPEND);

      assertThatThrownBy(() -> SegmentScanner.scan(LogFiles.segments(dir), r -> { }))
          .isInstanceOfSatisfying(AuditLogCorruptedException.class, e -> {
            assertThat(e.segment()).isEqualTo(segment);
            assertThat(e.offset()).isEqualTo(size);
          });
      try (var channel = java.nio.channels.FileChannel.open(segment, StandardOpenOption.WRITE)) {
        channel.truncate(size);
      }
    }
  }

  @Test
  void zeroPaddingAfterTheLastSegment_isFreeSpace() throws IOException {
    Files.write(segments.get(segments.size() - 1), new byte[4096], StandardOpenOption.APPEND);
    assertThat(SegmentScanner.scan(LogFiles.segments(dir), r -> { }).size()).isEqualTo(40);
  }
}
