package dev.shuqiao.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shuqiao.audit.Actor;
import dev.shuqiao.audit.AuditAction;
import dev.shuqiao.audit.AuditEvent;
import dev.shuqiao.audit.AuditLog;
import dev.shuqiao.audit.AuditOutcome;
import dev.shuqiao.audit.CheckpointSigner;
import dev.shuqiao.audit.HashSuite;
import dev.shuqiao.audit.NoteKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code shuqiao audit verify} as an auditor meets it. */
class AuditVerifyCommandTest {

  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private String vkey;
  private CheckpointSigner signer;

  @BeforeEach
  void writeLog() throws Exception {
    signer = NoteKeys.ed25519Signer("audit.cli.example",
        KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
    vkey = signer.verifierKey();
    try (AuditLog log = AuditLog.builder().directory(dir.resolve("log")).hashSuite(HashSuite.SHA256)
        .origin("audit.cli.example").open()) {
      for (int n = 0; n < 30; n++) {
        log.append(AuditEvent.builder().actor(Actor.of("D1", "portal")).action(AuditAction.DATA_ACCESS)
            .outcome(AuditOutcome.SUCCESS).caseId("CASE-" + n).timestamp(Instant.ofEpochSecond(n)).build());
        if (n == 9 || n == 19) {
          log.checkpoint(signer);
        }
      }
    }
  }

  private int run(String... args) {
    return ShuqiaoCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void verify_healthyLog_printsASummaryAndExitsZero() throws Exception {
    Path keys = Files.writeString(dir.resolve("trusted-keys"), "# from the hub\n" + vkey + "\n");
    assertThat(run("audit", "verify", dir.resolve("log").toString(), "--keys", keys.toString())).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains(": OK")
        .contains("entries: 30 in 1 segment(s)")
        .contains("checkpoints verified: 2 (tree sizes 10 .. 20), each consistent with the next")
        .contains("10 newest entries (from 20) are not covered by a checkpoint yet");
  }

  @Test
  void verify_corruptedRecord_namesTheEntryAndExitsOneWithoutAStackTrace() throws Exception {
    Path segment;
    try (var files = Files.list(dir.resolve("log").resolve("segments"))) {
      segment = files.findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(segment);
    int recordOfEntry = 24;
    for (int n = 0; n < 7; n++) {
      recordOfEntry += 16 + java.nio.ByteBuffer.wrap(bytes, recordOfEntry, 4).getInt();
    }
    bytes[recordOfEntry + 14] ^= 0x01;
    Files.write(segment, bytes);

    assertThat(run("audit", "verify", dir.resolve("log").toString())).isEqualTo(Command.FINDINGS);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("FAILED at entry 7: record checksum mismatch")
        .doesNotContain("\tat ");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("PROBLEM at entry 7");
  }

  @Test
  void verify_untrustedKeys_reportsTheFirstUnvouchedEntry() throws Exception {
    CheckpointSigner other = NoteKeys.ed25519Signer("audit.cli.example",
        KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
    Path keys = Files.writeString(dir.resolve("other-keys"), other.verifierKey() + "\n");
    assertThat(run("audit", "verify", dir.resolve("log").toString(), "--keys", keys.toString()))
        .isEqualTo(Command.FINDINGS);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("FAILED at entry 0: not signed by any trusted key");
  }

  @Test
  void verify_checkpointHeldElsewhere_catchesARollback() throws Exception {
    Path hubCopy = Files.writeString(dir.resolve("hub-checkpoint"),
        Files.readString(dir.resolve("log").resolve("checkpoints").resolve(String.format("%020d.note", 20))));
    assertThat(run("audit", "verify", dir.resolve("log").toString(), "--checkpoint", hubCopy.toString())).isZero();
    Files.delete(dir.resolve("log").resolve("checkpoints").resolve(String.format("%020d.note", 20)));
    Path segment;
    try (var files = Files.list(dir.resolve("log").resolve("segments"))) {
      segment = files.findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(segment);
    int offset = 24;
    for (int n = 0; n < 15; n++) {
      offset += 16 + java.nio.ByteBuffer.wrap(bytes, offset, 4).getInt();
    }
    Files.write(segment, java.util.Arrays.copyOf(bytes, offset)); // keep entries 0..14
    assertThat(run("audit", "verify", dir.resolve("log").toString(), "--checkpoint", hubCopy.toString()))
        .isEqualTo(Command.FINDINGS);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("FAILED at entry 15: the log was rolled back");
  }

  @Test
  void verify_missingDirectory_exitsThree() {
    assertThat(run("audit", "verify", dir.resolve("nope").toString())).isEqualTo(ShuqiaoCli.FAILURE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("no such directory");
  }

  @Test
  void verify_withoutDirectory_isAUsageError() {
    assertThat(run("audit", "verify")).isEqualTo(Command.USAGE);
    assertThat(List.of(err.toString(StandardCharsets.UTF_8).split("\n"))).anyMatch(l -> l.contains("usage: shuqiao audit verify DIR"));
  }

  @Test
  void verify_witnessed_acceptsTheLogThenCatchesItsDeletedCheckpoint() throws Exception {
    dev.shuqiao.audit.CheckpointCosigner cosigner = NoteKeys.ed25519Cosigner("witness.hub.example",
        KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
    dev.shuqiao.audit.CheckpointWitness witness = dev.shuqiao.audit.CheckpointWitness.of(cosigner,
        java.time.Clock.systemUTC());
    Path logDir = dir.resolve("log");
    dev.shuqiao.audit.Checkpoint latest = dev.shuqiao.audit.Checkpoint.parse(
        Files.readString(logDir.resolve("checkpoints").resolve(String.format("%020d.note", 20))));
    dev.shuqiao.audit.Checkpoint cosigned = witness.add(new dev.shuqiao.audit.CheckpointWitness.Log(
        "audit.cli.example", NoteKeys.verifier(vkey), HashSuite.SHA256), java.util.Optional.empty(), 0, latest, List.of());
    Path witnessed = Files.writeString(dir.resolve("witnessed.note"), cosigned.note());
    Path witnessKey = Files.writeString(dir.resolve("witness-key"), cosigner.verifierKey() + "\n");
    Path keys = Files.writeString(dir.resolve("trusted-keys"), vkey + "\n");

    assertThat(run("audit", "verify", logDir.toString(), "--keys", keys.toString(), "--witnessed", witnessed.toString(),
        "--witness-key", witnessKey.toString())).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("cosigned by witness.hub.example");

    Files.delete(logDir.resolve("checkpoints").resolve(String.format("%020d.note", 20)));
    assertThat(run("audit", "verify", logDir.toString(), "--keys", keys.toString(), "--witnessed", witnessed.toString(),
        "--witness-key", cosigner.verifierKey())).isEqualTo(Command.FINDINGS);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("FAILED at entry 10").contains("it was deleted");
    assertThat(run("audit", "verify", logDir.toString(), "--witnessed", witnessed.toString()))
        .isEqualTo(Command.USAGE);
  }
}
