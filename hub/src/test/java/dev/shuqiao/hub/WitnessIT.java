package dev.shuqiao.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shuqiao.audit.Actor;
import dev.shuqiao.audit.AuditAction;
import dev.shuqiao.audit.AuditEvent;
import dev.shuqiao.audit.AuditLog;
import dev.shuqiao.audit.AuditOutcome;
import dev.shuqiao.audit.AuditVerifier;
import dev.shuqiao.audit.Checkpoint;
import dev.shuqiao.audit.CheckpointSigner;
import dev.shuqiao.audit.CheckpointVerifier;
import dev.shuqiao.audit.NoteKeys;
import dev.shuqiao.client.ConflictException;
import dev.shuqiao.client.ForbiddenException;
import dev.shuqiao.client.ShuqiaoClient;
import dev.shuqiao.client.ShuqiaoException;
import dev.shuqiao.client.ValidationException;
import dev.shuqiao.crypto.KeyAlgorithm;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Departments publish audit checkpoints to the real hub, which checks, cosigns and hands them out. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WitnessIT {

  private ExchangeWorld world;
  private CheckpointSigner policeKey;
  private CheckpointVerifier witnessKey;

  @TempDir
  Path dir;

  @BeforeAll
  void start() throws Exception {
    world = new ExchangeWorld(KeyAlgorithm.SM2, false, Duration.ofSeconds(5));
    policeKey = NoteKeys.ed25519Signer(world.police.audit.origin(),
        KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
    witnessKey = NoteKeys.verifier(world.police.client().getWitnessKey());
  }

  @AfterAll
  void stop() throws Exception {
    world.close();
  }

  private static void append(AuditLog log, int from, int to) {
    for (int n = from; n < to; n++) {
      log.append(AuditEvent.builder().actor(Actor.of("11450200MB0000000T", "portal")).action(AuditAction.DATA_ACCESS)
          .outcome(AuditOutcome.SUCCESS).caseId("CASE-" + n).timestamp(Instant.ofEpochSecond(1_790_000_000L + n))
          .build());
    }
  }

  private AuditLog copyOfPolice(String name) {
    return AuditLog.builder().directory(dir.resolve(name)).origin(world.police.audit.origin()).open();
  }

  @Test
  void publish_witnessesASequence_refusesRewritesRollbacksForksAndStrangers_andTheCopyCatchesADeletion()
      throws Exception {
    ShuqiaoClient police = world.police.client();
    AuditLog log = world.police.audit;
    long base = log.size();
    append(log, 0, 10);
    Checkpoint first = police.publishAuditCheckpoint(log, policeKey);
    assertThat(first.treeSize()).isEqualTo(base + 10);
    first.verify(NoteKeys.verifier(policeKey.verifierKey()));
    assertThat(first.verifyCosignature(witnessKey)).isBeforeOrEqualTo(Instant.now());
    append(log, 10, 25);
    Checkpoint second = police.publishAuditCheckpoint(log, policeKey);
    assertThat(second.treeSize()).isEqualTo(base + 25);
    second.verifyCosignature(witnessKey);
    assertThat(police.publishAuditCheckpoint(log, policeKey).note()).isEqualTo(second.note()); // same tree: same copy

    // anyone may read the witnessed copy, without signing
    HttpResponse<String> open = HttpClient.newHttpClient().send(HttpRequest.newBuilder(world.fixture.hub().uri()
        .resolve("/v1/audit/logs/" + log.origin() + "/checkpoint")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(open.statusCode()).isEqualTo(200);
    assertThat(open.body()).isEqualTo(second.note());
    assertThat(world.health.client().getWitnessedCheckpoint("audit.nobody.example")).isEmpty();

    try (AuditLog rewritten = copyOfPolice("rewritten")) { // another history under the same origin and key
      append(rewritten, 100, 100 + (int) base + 40);
      assertThatThrownBy(() -> police.publishAuditCheckpoint(rewritten, policeKey))
          .isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.status()).isEqualTo(422);
            assertThat(e.type()).isEqualTo("checkpoint-inconsistent");
          });
    }
    try (AuditLog shorter = copyOfPolice("shorter")) {
      append(shorter, 200, 205);
      assertThatThrownBy(() -> police.publishAuditCheckpoint(shorter, policeKey))
          .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.type()).isEqualTo("checkpoint-rollback"));
    }
    try (AuditLog fork = copyOfPolice("fork")) {
      append(fork, 300, 300 + (int) base + 25);
      assertThatThrownBy(() -> police.publishAuditCheckpoint(fork, policeKey))
          .isInstanceOfSatisfying(ConflictException.class, e -> {
            assertThat(e.status()).isEqualTo(409);
            assertThat(e.type()).isEqualTo("checkpoint-conflict");
          });
    }
    CheckpointSigner stranger = NoteKeys.ed25519Signer(log.origin(),
        KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
    append(log, 25, 26);
    assertThatThrownBy(() -> police.publishAuditCheckpoint(log, stranger))
        .isInstanceOfSatisfying(ForbiddenException.class, e -> assertThat(e.type()).isEqualTo("checkpoint-unknown-key"));
    try (AuditLog squatter = AuditLog.builder().directory(dir.resolve("squat")).origin(log.origin()).open()) {
      append(squatter, 0, 3);
      assertThatThrownBy(() -> world.health.client().publishAuditCheckpoint(squatter, policeKey))
          .isInstanceOf(ShuqiaoException.class)
          .satisfies(e -> assertThat(((ShuqiaoException) e).type()).isEqualTo("audit-log-owner"));
    }
    assertThat(police.getWitnessedCheckpoint(log.origin())).get().extracting(Checkpoint::note).isEqualTo(second.note());

    // The department's own directory is checked against the hub's copy: intact, then with that checkpoint deleted.
    Checkpoint witnessed = police.getWitnessedCheckpoint(log.origin()).orElseThrow();
    AuditVerifier verifier = AuditVerifier.withKeys(List.of(NoteKeys.verifier(policeKey.verifierKey()),
        NoteKeys.verifier(stranger.verifierKey())));
    assertThat(verifier.verifyWitnessed(world.police.auditDirectory, witnessed, witnessKey).problem()).isEmpty();
    Files.delete(world.police.auditDirectory.resolve("checkpoints")
        .resolve(String.format("%020d.note", witnessed.treeSize())));
    assertThat(verifier.verifyWitnessed(world.police.auditDirectory, witnessed, witnessKey).problem()).get()
        .satisfies(p -> assertThat(p.message()).contains("missing"));
  }
}
