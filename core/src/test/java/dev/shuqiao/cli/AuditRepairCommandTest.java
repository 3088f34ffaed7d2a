package dev.shuqiao.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shuqiao.audit.Actor;
import dev.shuqiao.audit.AuditAction;
import dev.shuqiao.audit.AuditEvent;
import dev.shuqiao.audit.AuditLog;
import dev.shuqiao.audit.AuditLogCorruptedException;
import dev.shuqiao.audit.AuditOutcome;
import dev.shuqiao.audit.CheckpointSigner;
import dev.shuqiao.audit.HashSuite;
import dev.shuqiao.audit.NoteKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code shuqiao audit repair}: the one way to cut damage that is not a torn tail, and it keeps what
 * it cuts. A changed length field after the newest checkpoint fails open and verify until repaired.
 */
class AuditRepairCommandTest {

  private static final String ORIGIN = "audit.repair.example";

  @TempDir
  Path dir;

  private Path log;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void writeLog() throws Exception {
    log = dir.resolve("log");
    CheckpointSigner signer = NoteKeys.ed25519Signer(ORIGIN, KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
    try (AuditLog opened = open()) {
      for (int n = 0; n < 40; n++) {
        opened.append(event(n));
        if (n == 9) {
          opened.checkpoint(signer);
        }
      }
    }
  }

  @Test
  void aFlippedLengthByteAfterTheCheckpoint_failsVerifyAndOpen_andRepairKeepsWhatItCuts() throws Exception {
    Path segment = lastSegment();
    byte[] original = Files.readAllBytes(segment);
    int offset = offsetOf(original, 20);
    byte[] damaged = original.clone();
    damaged[offset + 2] ^= 0x10; // the length now reaches 4096 bytes further, past the end of the file
    Files.write(segment, damaged);

    assertThat(run("audit", "verify", log.toString())).isEqualTo(Command.FINDINGS);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("FAILED at entry 20").doesNotContain("never acknowledged");
    assertThatThrownBy(this::open).isInstanceOf(AuditLogCorruptedException.class);
    assertThat(Files.readAllBytes(segment)).isEqualTo(damaged); // a failed open cuts nothing

    assertThat(run("audit", "repair", log.toString())).isEqualTo(Command.OK);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("repaired, 20 entries kept");
    Path side = onlyFile(log.resolve("repair"));
    assertThat(Files.readAllBytes(side)).isEqualTo(Arrays.copyOfRange(damaged, offset, damaged.length));
    assertThat(Files.readAllBytes(segment)).isEqualTo(Arrays.copyOf(original, offset));

    assertThat(run("audit", "verify", log.toString())).isEqualTo(Command.OK);
    try (AuditLog reopened = open()) {
      assertThat(reopened.size()).isEqualTo(20);
      assertThat(reopened.read(19)).isEqualTo(event(19));
      assertThat(reopened.append(event(99))).isEqualTo(20);
    }
  }

  @Test
  void damageInsideACheckpointedTree_isRefusedAndNothingChanges() throws Exception {
    Path segment = lastSegment();
    byte[] damaged = Files.readAllBytes(segment);
    damaged[offsetOf(damaged, 5) + 3] ^= 0x04;
    Files.write(segment, damaged);

    assertThat(run("audit", "repair", log.toString())).isEqualTo(Command.FINDINGS);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("NOT repaired").contains("checkpoint at size 10");
    assertThat(Files.readAllBytes(segment)).isEqualTo(damaged);
    assertThat(log.resolve("repair")).doesNotExist();
  }

  @Test
  void damageInASegmentBeforeTheLast_isRefused() throws Exception {
    Path small = dir.resolve("small");
    try (AuditLog opened = AuditLog.builder().directory(small).origin(ORIGIN).segmentBytes(1024).open()) {
      for (int n = 0; n < 40; n++) {
        opened.append(event(n));
      }
    }
    Path first;
    try (Stream<Path> files = Files.list(small.resolve("segments"))) {
      first = files.sorted().findFirst().orElseThrow();
    }
    byte[] damaged = Files.readAllBytes(first);
    damaged[damaged.length - 1] ^= 0x01;
    Files.write(first, damaged);

    assertThat(run("audit", "repair", small.toString())).isEqualTo(Command.FINDINGS);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("not in the last segment");
    assertThat(Files.readAllBytes(first)).isEqualTo(damaged);
  }

  @Test
  void anIntactLog_needsNoRepair() throws Exception {
    byte[] before = Files.readAllBytes(lastSegment());
    assertThat(run("audit", "repair", log.toString())).isEqualTo(Command.OK);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("nothing to repair (40 entries intact)");
    assertThat(Files.readAllBytes(lastSegment())).isEqualTo(before);
    assertThat(log.resolve("repair")).doesNotExist();
  }

  @Test
  void aTornTail_isMovedAsideToo() throws Exception {
    byte[] torn = {0, 0, 0, 50, 0, 0, 0, 0, 0, 0, 0, 40, 1, 2};
    Path segment = lastSegment();
    byte[] before = Files.readAllBytes(segment);
    Files.write(segment, torn, java.nio.file.StandardOpenOption.APPEND);
    assertThat(run("audit", "repair", log.toString())).isEqualTo(Command.OK);
    assertThat(Files.readAllBytes(onlyFile(log.resolve("repair")))).isEqualTo(torn);
    assertThat(Files.readAllBytes(segment)).isEqualTo(before);
  }

  @Test
  void anOpenLog_isNotRepaired() throws Exception {
    try (AuditLog opened = open()) {
      assertThat(run("audit", "repair", log.toString())).isEqualTo(ShuqiaoCli.FAILURE);
      assertThat(err.toString(StandardCharsets.UTF_8)).contains("open");
    }
  }

  @Test
  void repair_withoutDirectory_isAUsageError() {
    assertThat(run("audit", "repair")).isEqualTo(Command.USAGE);
    assertThat(run("audit", "repair", dir.resolve("nope").toString())).isEqualTo(ShuqiaoCli.FAILURE);
  }

  private AuditLog open() {
    return AuditLog.builder().directory(log).hashSuite(HashSuite.SM3).origin(ORIGIN).open();
  }

  private static AuditEvent event(int n) {
    return AuditEvent.builder().actor(Actor.of("D1", "portal")).action(AuditAction.DATA_ACCESS)
        .outcome(AuditOutcome.SUCCESS).caseId("CASE-" + n).timestamp(Instant.ofEpochSecond(n)).build();
  }

  private static int offsetOf(byte[] segment, int entry) {
    int offset = 24;
    for (int n = 0; n < entry; n++) {
      offset += 16 + ByteBuffer.wrap(segment, offset, 4).getInt();
    }
    return offset;
  }

  private Path lastSegment() throws Exception {
    try (Stream<Path> files = Files.list(log.resolve("segments"))) {
      List<Path> all = files.sorted().toList();
      return all.get(all.size() - 1);
    }
  }

  private static Path onlyFile(Path directory) throws Exception {
    try (Stream<Path> files = Files.list(directory)) {
      List<Path> all = files.toList();
      assertThat(all).hasSize(1);
      return all.get(0);
    }
  }

  private int run(String... args) {
    return ShuqiaoCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }
}
