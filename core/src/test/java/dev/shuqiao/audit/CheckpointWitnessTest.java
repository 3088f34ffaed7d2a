package dev.shuqiao.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A department's log published to a witness, checked, cosigned and later held against the department. */
class CheckpointWitnessTest {

  private static final String ORIGIN = "audit.health.example";
  private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

  @TempDir
  Path dir;

  private CheckpointSigner department;
  private CheckpointCosigner cosigner;
  private CheckpointVerifier witnessKey;
  private CheckpointWitness witness;
  private CheckpointWitness.Log log;

  @BeforeEach
  void keys() throws GeneralSecurityException {
    department = NoteKeysTest.sm2(ORIGIN);
    KeyPair witnessPair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    cosigner = NoteKeys.ed25519Cosigner("witness.hub.example", witnessPair);
    witnessKey = NoteKeys.verifier(cosigner.verifierKey());
    witness = CheckpointWitness.of(cosigner, Clock.fixed(NOW, ZoneOffset.UTC));
    log = new CheckpointWitness.Log(ORIGIN, NoteKeys.verifier(department.verifierKey()), HashSuite.SM3);
  }

  private AuditLog open(Path where) {
    return AuditLog.builder().directory(where).hashSuite(HashSuite.SM3).origin(ORIGIN).open();
  }

  private static void append(AuditLog log, long from, long to) {
    for (long n = from; n < to; n++) {
      log.append(TestEvents.event(n));
    }
  }

  /** Publishes the log's newest checkpoint the way a department does: a proof from the held size. */
  private Checkpoint publish(AuditLog auditLog, Optional<Checkpoint> held) {
    Checkpoint next = auditLog.checkpoint(department);
    long oldSize = held.map(Checkpoint::treeSize).orElse(0L);
    List<byte[]> proof = oldSize == 0 || oldSize == next.treeSize() ? List.of()
        : auditLog.consistencyProof(oldSize, next.treeSize());
    return witness.add(log, held, oldSize, Checkpoint.parse(next.note()), proof);
  }

  @Test
  void add_cosignsASequenceOfConsistentCheckpointsInTheC2spFormat() throws Exception {
    try (AuditLog auditLog = open(dir.resolve("log"))) {
      append(auditLog, 0, 10);
      Checkpoint first = publish(auditLog, Optional.empty());
      append(auditLog, 10, 25);
      Checkpoint second = publish(auditLog, Optional.of(first));
      append(auditLog, 25, 26);
      Checkpoint third = publish(auditLog, Optional.of(second));

      assertThat(List.of(first.treeSize(), second.treeSize(), third.treeSize())).containsExactly(10L, 25L, 26L);
      for (Checkpoint c : List.of(first, second, third)) {
        assertThat(c.verifyCosignature(witnessKey)).isEqualTo(NOW);
        c.verify(log.key());
        assertThat(c.note()).contains("\n\u2014 " + ORIGIN + " ").contains("\n\u2014 witness.hub.example ");
      }
      // the same tree again is the held checkpoint, not a second cosignature
      assertThat(witness.add(log, Optional.of(third), 26, Checkpoint.parse(auditLog.checkpoint(department).note()),
          List.of())).isSameAs(third);
    }
  }

  @Test
  void cosignature_isTheC2spV1MessageAndKeyIdOverEd25519() throws Exception {
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    CheckpointCosigner c = NoteKeys.ed25519Cosigner("w.example", pair);
    byte[] raw = Arrays.copyOfRange(pair.getPublic().getEncoded(), 12, 44);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update("w.example\n".getBytes(StandardCharsets.US_ASCII));
    sha.update((byte) 0x04);
    byte[] id = sha.digest(raw);
    assertThat(c.verifierKey()).startsWith("w.example+" + HexFormat.of().formatHex(id, 0, 4) + "+");
    byte[] body = "log.example\n5\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n".getBytes(StandardCharsets.UTF_8);
    byte[] blob = c.cosign(body, 1_679_315_147L);
    assertThat(Arrays.copyOf(blob, 8)).isEqualTo(HexFormat.of().parseHex("00000000641850cb"));
    java.security.Signature ed = java.security.Signature.getInstance("Ed25519");
    ed.initVerify(pair.getPublic());
    ed.update(("cosignature/v1\ntime 1679315147\n" + new String(body, StandardCharsets.UTF_8))
        .getBytes(StandardCharsets.UTF_8));
    assertThat(ed.verify(Arrays.copyOfRange(blob, 8, blob.length))).isTrue();
    CheckpointVerifier v = NoteKeys.verifier(c.verifierKey());
    assertThat(v.verify(body, blob)).isTrue();
    blob[7] ^= 1; // another time: the signature no longer covers it
    assertThat(v.verify(body, blob)).isFalse();
  }

  @Test
  void verifyCosignature_refusesACheckpointWithoutTheWitnessLineAndANonWitnessKey() throws Exception {
    try (AuditLog auditLog = open(dir.resolve("log"))) {
      append(auditLog, 0, 3);
      Checkpoint plain = auditLog.checkpoint(department);
      assertThatThrownBy(() -> plain.verifyCosignature(witnessKey)).isInstanceOf(CheckpointException.class)
          .hasMessageContaining("no signature from witness.hub.example");
      assertThatThrownBy(() -> plain.verifyCosignature(log.key())).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void add_refusesARollback() throws Exception {
    try (AuditLog auditLog = open(dir.resolve("log")); AuditLog older = open(dir.resolve("older"))) {
      append(auditLog, 0, 20);
      append(older, 0, 12);
      Checkpoint held = publish(auditLog, Optional.empty());
      Checkpoint back = Checkpoint.parse(older.checkpoint(department).note());
      assertThatThrownBy(() -> witness.add(log, Optional.of(held), 20, back, List.of()))
          .isInstanceOfSatisfying(WitnessException.class, e -> {
            assertThat(e.failure()).isEqualTo(WitnessException.Failure.ROLLBACK);
            assertThat(e.witnessedSize()).isEqualTo(20);
          });
    }
  }

  @Test
  void add_refusesAnotherTreeOfTheSameSizeAsAConflict() throws Exception {
    try (AuditLog auditLog = open(dir.resolve("log")); AuditLog fork = open(dir.resolve("fork"))) {
      append(auditLog, 0, 20);
      append(fork, 1, 21);
      Checkpoint held = publish(auditLog, Optional.empty());
      Checkpoint forked = Checkpoint.parse(fork.checkpoint(department).note());
      assertThatThrownBy(() -> witness.add(log, Optional.of(held), 20, forked, List.of()))
          .isInstanceOfSatisfying(WitnessException.class,
              e -> assertThat(e.failure()).isEqualTo(WitnessException.Failure.CONFLICT));
    }
  }

  @Test
  void add_refusesAnInconsistentCheckpoint_aRewrittenHistoryWithItsOwnValidProof() throws Exception {
    try (AuditLog auditLog = open(dir.resolve("log")); AuditLog rewritten = open(dir.resolve("rewritten"))) {
      append(auditLog, 0, 10);
      Checkpoint held = publish(auditLog, Optional.empty());
      append(rewritten, 100, 130); // another history, signed with the department's own key
      Checkpoint next = Checkpoint.parse(rewritten.checkpoint(department).note());
      List<byte[]> proof = rewritten.consistencyProof(10, 30);
      assertThatThrownBy(() -> witness.add(log, Optional.of(held), 10, next, proof))
          .isInstanceOfSatisfying(WitnessException.class,
              e -> assertThat(e.failure()).isEqualTo(WitnessException.Failure.INCONSISTENT));
      assertThatThrownBy(() -> witness.add(log, Optional.of(held), 10, next, List.of()))
          .isInstanceOfSatisfying(WitnessException.class,
              e -> assertThat(e.failure()).isEqualTo(WitnessException.Failure.INCONSISTENT));
    }
  }

  @Test
  void add_refusesAProofFromAnotherSizeAsStale_anUnknownKey_andAnotherOrigin() throws Exception {
    try (AuditLog auditLog = open(dir.resolve("log"))) {
      append(auditLog, 0, 10);
      Checkpoint held = publish(auditLog, Optional.empty());
      append(auditLog, 10, 20);
      Checkpoint next = Checkpoint.parse(auditLog.checkpoint(department).note());
      assertThatThrownBy(() -> witness.add(log, Optional.of(held), 5, next, auditLog.consistencyProof(5, 20)))
          .isInstanceOfSatisfying(WitnessException.class, e -> {
            assertThat(e.failure()).isEqualTo(WitnessException.Failure.STALE);
            assertThat(e.witnessedSize()).isEqualTo(10);
          });
      Checkpoint strange;
      try (AuditLog copy = open(dir.resolve("copy"))) { // the same entries, signed by a key the witness does not know
        append(copy, 0, 20);
        strange = Checkpoint.parse(copy.checkpoint(NoteKeysTest.sm2(ORIGIN)).note());
      }
      assertThatThrownBy(() -> witness.add(log, Optional.of(held), 10, strange, auditLog.consistencyProof(10, 20)))
          .isInstanceOfSatisfying(WitnessException.class,
              e -> assertThat(e.failure()).isEqualTo(WitnessException.Failure.UNKNOWN_KEY));
      CheckpointWitness.Log other = new CheckpointWitness.Log("audit.other.example", log.key(), HashSuite.SM3);
      assertThatThrownBy(() -> witness.add(other, Optional.empty(), 0, next, List.of()))
          .isInstanceOfSatisfying(WitnessException.class,
              e -> assertThat(e.failure()).isEqualTo(WitnessException.Failure.WRONG_ORIGIN));
    }
  }

  private AuditVerifier verifier() {
    return AuditVerifier.withKeys(List.of(log.key()));
  }

  @Test
  void verifyWitnessed_acceptsTheIntactLog() throws Exception {
    Checkpoint witnessed;
    try (AuditLog auditLog = open(dir.resolve("log"))) {
      append(auditLog, 0, 10);
      Checkpoint held = publish(auditLog, Optional.empty());
      append(auditLog, 10, 20);
      witnessed = publish(auditLog, Optional.of(held));
      append(auditLog, 20, 23);
    }
    VerificationReport report = verifier().verifyWitnessed(dir.resolve("log"), witnessed, witnessKey);
    assertThat(report.problem()).isEmpty();
    assertThat(report.checkpointSizes()).containsExactly(10L, 20L);
  }

  @Test
  void verifyWitnessed_detectsALogRewrittenAndResignedByTheDepartment() throws Exception {
    Checkpoint witnessed;
    try (AuditLog auditLog = open(dir.resolve("log"))) {
      append(auditLog, 0, 20);
      witnessed = publish(auditLog, Optional.empty());
    }
    // The department rebuilds its log with entry 7 changed and signs fresh checkpoints: alone it verifies.
    try (AuditLog forged = open(dir.resolve("forged"))) {
      append(forged, 0, 7);
      forged.append(TestEvents.event(1007));
      append(forged, 8, 20);
      forged.checkpoint(department);
    }
    assertThat(verifier().verify(dir.resolve("forged")).problem()).isEmpty();
    VerificationReport report = verifier().verifyWitnessed(dir.resolve("forged"), witnessed, witnessKey);
    assertThat(report.problem()).get().satisfies(p -> {
      assertThat(p.message()).contains("differ from what the checkpoint held elsewhere signed");
      assertThat(p.index()).isZero();
    });
  }

  @Test
  void verifyWitnessed_detectsADeletedCheckpointAndARollback() throws Exception {
    Checkpoint witnessed;
    try (AuditLog auditLog = open(dir.resolve("log"))) {
      append(auditLog, 0, 10);
      Checkpoint held = publish(auditLog, Optional.empty());
      append(auditLog, 10, 20);
      witnessed = publish(auditLog, Optional.of(held));
    }
    Files.delete(dir.resolve("log/checkpoints").resolve(String.format("%020d.note", 20)));
    assertThat(verifier().verify(dir.resolve("log")).problem()).isEmpty(); // the directory alone cannot tell
    assertThat(verifier().verifyWitnessed(dir.resolve("log"), witnessed, witnessKey).problem()).get()
        .satisfies(p -> {
          assertThat(p.message()).contains("missing from the log: it was deleted");
          assertThat(p.index()).isEqualTo(10);
        });

    try (AuditLog shorter = open(dir.resolve("shorter"))) {
      append(shorter, 0, 15);
      shorter.checkpoint(department);
    }
    assertThat(verifier().verifyWitnessed(dir.resolve("shorter"), witnessed, witnessKey).problem()).get()
        .satisfies(p -> assertThat(p.message()).contains("rolled back"));
  }

  @Test
  void verifyWitnessed_refusesACopyWhoseCosignatureWasTamperedWith() throws Exception {
    Checkpoint witnessed;
    try (AuditLog auditLog = open(dir.resolve("log"))) {
      append(auditLog, 0, 10);
      witnessed = publish(auditLog, Optional.empty());
    }
    String note = witnessed.note();
    int at = note.lastIndexOf(' ') + 20;
    Checkpoint tampered = Checkpoint.parse(note.substring(0, at) + (note.charAt(at) == 'A' ? 'B' : 'A')
        + note.substring(at + 1));
    assertThat(verifier().verifyWitnessed(dir.resolve("log"), tampered, witnessKey).problem()).get()
        .satisfies(p -> assertThat(p.message()).contains("not validly cosigned by the witness"));
  }
}
