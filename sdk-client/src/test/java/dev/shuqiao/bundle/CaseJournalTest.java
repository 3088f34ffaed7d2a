package dev.shuqiao.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaseJournalTest {

  @TempDir Path dir;

  private Path writeThree() {
    try (CaseJournal journal = CaseJournal.create(dir, "CASE-1")) {
      for (int i = 0; i < 3; i++) {
        journal.append(CaseJournal.record("skipped").put("step", "s" + i).put("reason", "r"));
      }
    }
    return CaseJournal.fileOf(dir, "CASE-1");
  }

  private List<ObjectNode> reopen() {
    List<ObjectNode> records = new ArrayList<>();
    CaseJournal.open(dir, "CASE-1", records).close();
    return records;
  }

  @Test
  void open_readsBackEveryRecordInOrder() {
    writeThree();

    assertThat(reopen()).extracting(r -> r.path("step").asText()).containsExactly("s0", "s1", "s2");
  }

  @Test
  void open_dropsATornLastRecordAndTruncatesTheFileBeforeIt() throws Exception {
    Path file = writeThree();
    long full = Files.size(file);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.truncate(full - 5); // the crash cut the last write short
    }

    assertThat(reopen()).extracting(r -> r.path("step").asText()).containsExactly("s0", "s1");
    long twoRecords = Files.size(file);
    assertThat(twoRecords).isLessThan(full - 5);
    try (CaseJournal journal = CaseJournal.open(dir, "CASE-1", new ArrayList<>())) {
      journal.append(CaseJournal.record("skipped").put("step", "s3").put("reason", "r"));
    }
    assertThat(reopen()).extracting(r -> r.path("step").asText()).containsExactly("s0", "s1", "s3");
  }

  @Test
  void open_dropsALastRecordWhoseChecksumFails() throws Exception {
    Path file = writeThree();
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 3] ^= 0x20;
    Files.write(file, bytes);

    assertThat(reopen()).hasSize(2);
  }

  @Test
  void open_refusesADamagedRecordFollowedByOthers() throws Exception {
    Path file = writeThree();
    byte[] bytes = Files.readAllBytes(file);
    bytes[12] ^= 0x20; // inside the first record's payload
    Files.write(file, bytes);

    BundleException e = catchThrowableOfType(() -> reopen(), BundleException.class);

    assertThat(e.reason()).isEqualTo("journal-corrupt");
  }

  @Test
  void create_andOpen_refuseACaseAnotherRunnerHolds() {
    writeThree();
    try (CaseJournal held = CaseJournal.open(dir, "CASE-1", new ArrayList<>())) {
      BundleException e = catchThrowableOfType(() -> reopen(), BundleException.class);
      assertThat(e.reason()).isEqualTo("case-busy");
    }
    assertThat(catchThrowableOfType(() -> CaseJournal.create(dir, "CASE-1"), BundleException.class).reason())
        .isEqualTo("case-exists");
  }
}
