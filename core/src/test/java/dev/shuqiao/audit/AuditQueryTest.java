package dev.shuqiao.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditQueryTest {

  @TempDir
  Path dir;

  private AuditLog open() {
    return AuditLog.builder().directory(dir).origin("audit.query.example").segmentBytes(4096).open();
  }

  @Test
  void query_answersFromTheIndexNextToTheLogWhileTheLogIsOpenElsewhere() throws IOException {
    try (AuditLog log = open()) {
      for (int n = 0; n < 70; n++) {
        log.append(TestEvents.event(n));
      }
      AuditQuery query = AuditQuery.open(dir);
      assertThat(query.findBySubject(TestEvents.subject(3), 0, 100))
          .containsExactlyElementsOf(log.findBySubject(TestEvents.subject(3), 0, 100))
          .extracting(AuditEntry::index).containsExactly(3L, 10L, 17L, 24L, 31L, 38L, 45L, 52L, 59L, 66L);
      assertThat(query.findByCaseId("CASE-4", 50, 2)).extracting(AuditEntry::index).containsExactly(54L, 59L);
      assertThat(query.findByCaseId("CASE-4", 50, 2).get(0).event()).isEqualTo(TestEvents.event(54));
      assertThat(query.findBySubject(TestEvents.PSEUDONYMS.pseudonymize("nobody"), 0, 10)).isEmpty();
    }
  }

  @Test
  void open_rebuildsALostOrTornQueryIndexFromTheRecords() throws IOException {
    try (AuditLog log = open()) {
      for (int n = 0; n < 30; n++) {
        log.append(TestEvents.event(n));
      }
    }
    Path index = dir.resolve(QueryIndexFile.NAME);
    long complete = Files.size(index);
    assertThat(complete).isEqualTo(60L * QueryIndexFile.POSTING_BYTES);
    byte[] bytes = Files.readAllBytes(index);
    Files.write(index, java.util.Arrays.copyOf(bytes, bytes.length - 70)); // lost the last batch, torn
    open().close();
    assertThat(Files.size(index)).isEqualTo(complete);
    assertThat(AuditQuery.open(dir).findByCaseId("CASE-1", 0, 100)).extracting(AuditEntry::index)
        .containsExactly(1L, 6L, 11L, 16L, 21L, 26L);

    Files.delete(index);
    open().close();
    assertThat(AuditQuery.open(dir).findBySubject(TestEvents.subject(0), 0, 100)).hasSize(5);
  }

  @Test
  void query_refusesToReturnARecordThatWasAltered() throws IOException {
    try (AuditLog log = open()) {
      for (int n = 0; n < 10; n++) {
        log.append(TestEvents.event(n));
      }
    }
    Path segment = SegmentScanner.segments(LogFiles.segments(dir)).get(0);
    AuditLogTest.flipByte(segment, AuditLogTest.offsetOfEntry(segment, 2) + 25);
    AuditQuery query = AuditQuery.open(dir);
    assertThatThrownBy(() -> query.findByCaseId("CASE-2", 0, 10))
        .isInstanceOfSatisfying(AuditLogCorruptedException.class, e -> assertThat(e.index()).isEqualTo(2));
  }

  @Test
  void query_ofADirectoryThatIsNoAuditLogFails() {
    assertThatThrownBy(() -> AuditQuery.open(dir.resolve("nothing"))).isInstanceOf(IOException.class);
  }
}
