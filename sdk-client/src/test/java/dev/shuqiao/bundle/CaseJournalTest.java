package dev.shuqiao.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shuqiao.crypto.StorageKey;
import dev.shuqiao.crypto.Suite;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaseJournalTest {

  private static final StorageKey KEY = Fixtures.JOURNAL_KEY;

  @TempDir Path dir;

  private Path writeThree() {
    try (CaseJournal journal = CaseJournal.create(dir, "CASE-1", KEY)) {
      for (int i = 0; i < 3; i++) {
        journal.append(CaseJournal.record("skipped").put("step", "s" + i).put("reason", "r"));
      }
    }
    return CaseJournal.fileOf(dir, "CASE-1");
  }

  private List<ObjectNode> reopen() {
    List<ObjectNode> records = new ArrayList<>();
    CaseJournal.open(dir, "CASE-1", KEY, records).close();
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
    try (CaseJournal journal = CaseJournal.open(dir, "CASE-1", KEY, new ArrayList<>())) {
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
    try (CaseJournal held = CaseJournal.open(dir, "CASE-1", KEY, new ArrayList<>())) {
      BundleException e = catchThrowableOfType(() -> reopen(), BundleException.class);
      assertThat(e.reason()).isEqualTo("case-busy");
    }
    assertThat(catchThrowableOfType(() -> CaseJournal.create(dir, "CASE-1", KEY), BundleException.class).reason())
        .isEqualTo("case-exists");
  }

  @Test
  void records_areEncryptedAtRest_andOpenOnlyWithTheJournalKey() throws Exception {
    try (CaseJournal journal = CaseJournal.create(dir, "CASE-1", KEY)) {
      journal.append(CaseJournal.record("open").put("subject", "450202202601010012")
          .put("form", "Q450200123"));
    }
    String onDisk = new String(Files.readAllBytes(CaseJournal.fileOf(dir, "CASE-1")), StandardCharsets.ISO_8859_1);
    assertThat(onDisk).doesNotContain("450202202601010012", "Q450200123", "subject", "\"t\"");
    assertThat(reopen()).extracting(r -> r.path("subject").asText()).containsExactly("450202202601010012");

    BundleException e = catchThrowableOfType(() -> CaseJournal.open(dir, "CASE-1", StorageKey.generate(Suite.INTL),
        new ArrayList<>()), BundleException.class);

    assertThat(e.reason()).isEqualTo("journal-corrupt");
    assertThat(e.getMessage()).contains("another key").doesNotContain("450202202601010012");
  }

  @Test
  void open_refusesRecordsSwappedWithinTheFile_evenWithIntactChecksums() throws Exception {
    Path file = writeThree();
    byte[] bytes = Files.readAllBytes(file);
    int first = 8 + java.nio.ByteBuffer.wrap(bytes).getInt();
    byte[] swapped = new byte[bytes.length];
    int secondLength = 8 + java.nio.ByteBuffer.wrap(bytes, first, 4).getInt();
    System.arraycopy(bytes, first, swapped, 0, secondLength);
    System.arraycopy(bytes, 0, swapped, secondLength, first);
    System.arraycopy(bytes, first + secondLength, swapped, first + secondLength, bytes.length - first - secondLength);
    Files.write(file, swapped);

    assertThat(catchThrowableOfType(() -> reopen(), BundleException.class).reason()).isEqualTo("journal-corrupt");
  }

  @Test
  void open_refusesARecordCopiedFromAnotherCase() throws Exception {
    Path file = writeThree();
    try (CaseJournal other = CaseJournal.create(dir, "CASE-2", KEY)) {
      other.append(CaseJournal.record("skipped").put("step", "x").put("reason", "r"));
    }
    byte[] bytes = Files.readAllBytes(file);
    byte[] foreign = Files.readAllBytes(CaseJournal.fileOf(dir, "CASE-2"));
    byte[] spliced = java.util.Arrays.copyOf(foreign, foreign.length + bytes.length);
    System.arraycopy(bytes, 0, spliced, foreign.length, bytes.length);
    Files.write(file, spliced);

    assertThat(catchThrowableOfType(() -> reopen(), BundleException.class).reason()).isEqualTo("journal-corrupt");
  }
}
