package dev.shuqiao.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Receipts from three real logs: consumer (police), hub, provider (health). */
class ReceiptsTest {

  private static final String POLICE = "11450200MB0000001A";
  private static final String HEALTH = "12450200MB0000002B";
  private static final String CITIZEN = "450202201501010012";
  private static final String OTHER = "450203198807070035";
  private static final List<String> ITEMS = List.of("出生医学证明编号", "新生儿姓名");
  private static final String PURPOSE = "出生一件事：户籍登记";

  @TempDir
  Path dir;

  private final SubjectPseudonymizer policePseudonyms =
      HmacSubjectPseudonymizer.withKey("police pseudonym key, 32 bytes!!".getBytes(StandardCharsets.UTF_8));
  private final SubjectPseudonymizer healthPseudonyms =
      HmacSubjectPseudonymizer.withKey("health pseudonym key, 32 bytes!!".getBytes(StandardCharsets.UTF_8));
  private final CheckpointSigner policeKey = NoteKeysTest.ed25519("audit.police.example");
  private final CheckpointSigner healthKey = NoteKeysTest.ed25519("audit.health.example");
  private final CheckpointSigner hubKey = NoteKeysTest.ed25519("hub.example");
  private AuditLog police;
  private AuditLog health;
  private AuditLog hub;
  private long clock = 1_790_000_000L;

  @BeforeEach
  void open() {
    police = AuditLog.builder().directory(dir.resolve("police")).origin("audit.police.example").open();
    health = AuditLog.builder().directory(dir.resolve("health")).origin("audit.health.example").open();
    hub = AuditLog.builder().directory(dir.resolve("hub")).origin("hub.example").open();
  }

  @AfterEach
  void close() throws Exception {
    police.close();
    health.close();
    hub.close();
  }

  private AuditEvent.Builder event(AuditAction action, AuditOutcome outcome, String messageId, String system) {
    return AuditEvent.builder().actor(Actor.of(POLICE, system)).action(action).outcome(outcome)
        .resourceCode("1 01 003/000001").messageId(messageId).caseId("BIRTH-1").items(ITEMS).purpose(PURPOSE)
        .timestamp(Instant.ofEpochSecond(clock++));
  }

  /** One exchange as the three sides record it (docs/exchange.md §8). */
  private void exchange(String messageId, String citizen, boolean delivered) {
    AuditAction end = delivered ? AuditAction.EXCHANGE_DELIVER : AuditAction.EXCHANGE_REFUSE;
    AuditOutcome outcome = delivered ? AuditOutcome.SUCCESS : AuditOutcome.DENIED;
    police.append(event(AuditAction.EXCHANGE_REQUEST, AuditOutcome.SUCCESS, messageId, "birth-portal")
        .subject(policePseudonyms.pseudonymize(citizen)).build());
    hub.append(event(AuditAction.EXCHANGE_REQUEST, AuditOutcome.SUCCESS, messageId, "shuqiao-hub").build());
    if (delivered) {
      health.append(event(AuditAction.EXCHANGE_REQUEST, AuditOutcome.SUCCESS, messageId, "shuqiao-exchange")
          .subject(healthPseudonyms.pseudonymize(citizen)).build());
      health.append(event(end, outcome, messageId, "shuqiao-exchange")
          .subject(healthPseudonyms.pseudonymize(citizen)).build());
    }
    hub.append(event(end, outcome, messageId, "shuqiao-hub").build());
    police.append(event(end, outcome, messageId, "birth-portal").subject(policePseudonyms.pseudonymize(citizen)).build());
  }

  private Receipts receipts() {
    return Receipts.builder()
        .department(POLICE, police, policePseudonyms, NoteKeys.verifier(policeKey.verifierKey()))
        .department(HEALTH, health, healthPseudonyms, NoteKeys.verifier(healthKey.verifierKey()))
        .hub(hub, NoteKeys.verifier(hubKey.verifierKey()))
        .build();
  }

  private void checkpointAll() {
    police.checkpoint(policeKey);
    health.checkpoint(healthKey);
    hub.checkpoint(hubKey);
  }

  @Test
  void forSubject_listsEveryExchangeAcrossTheThreeLogsWithVerifiedProofs() {
    exchange("m1", CITIZEN, true);
    exchange("m2", OTHER, true);
    police.append(AuditEvent.builder().actor(Actor.of(POLICE, "desk")).action(AuditAction.DATA_ACCESS)
        .outcome(AuditOutcome.SUCCESS).subject(policePseudonyms.pseudonymize(CITIZEN)).build()); // no exchange
    exchange("m3", CITIZEN, false);
    checkpointAll();

    List<Receipt> receipts = receipts().forSubject(CITIZEN);

    assertThat(receipts).extracting(Receipt::messageId).containsExactly("m1", "m3");
    Receipt delivered = receipts.get(0);
    assertThat(delivered.consumer()).isEqualTo(POLICE);
    assertThat(delivered.consumerSystem()).isEqualTo("birth-portal");
    assertThat(delivered.provider()).contains(HEALTH);
    assertThat(delivered.resourceCode()).contains("1 01 003/000001");
    assertThat(delivered.items()).isEqualTo(ITEMS);
    assertThat(delivered.purpose()).contains(PURPOSE);
    assertThat(delivered.caseId()).contains("BIRTH-1");
    assertThat(delivered.outcome()).isEqualTo(Receipt.Outcome.DELIVERED);
    assertThat(delivered.evidence()).extracting(Receipt.Evidence::side).containsExactly(Receipt.Side.CONSUMER,
        Receipt.Side.CONSUMER, Receipt.Side.HUB, Receipt.Side.HUB, Receipt.Side.PROVIDER, Receipt.Side.PROVIDER);
    assertThat(delivered.proven()).isTrue();
    assertThat(delivered.confirmedByHub()).isTrue();
    Receipt refused = receipts.get(1);
    assertThat(refused.outcome()).isEqualTo(Receipt.Outcome.REFUSED);
    assertThat(refused.provider()).isEmpty();
    assertThat(refused.evidence()).hasSize(4);

    for (Receipt r : receipts) {
      for (Receipt.Evidence e : r.evidence()) {
        e.verify(NoteKeys.verifier(switch (e.side()) {
          case CONSUMER -> policeKey.verifierKey();
          case PROVIDER -> healthKey.verifierKey();
          case HUB -> hubKey.verifierKey();
        }));
      }
    }
    assertThat(receipts().forSubject(OTHER)).extracting(Receipt::messageId).containsExactly("m2");
    assertThat(receipts().forSubject("450204197512120018")).isEmpty();
  }

  @Test
  void evidence_verify_refusesAnAlteredEventAndAnotherLogsKey() {
    exchange("m1", CITIZEN, true);
    checkpointAll();
    Receipt.Evidence e = receipts().forSubject(CITIZEN).get(0).evidence().get(0);
    Receipt.Evidence altered = new Receipt.Evidence(e.side(), e.logOrigin(), e.suite(), new AuditEntry(
        e.entry().index(), e.entry().event().newBuilder().purpose("别的目的").build()), e.checkpoint(), e.proof());
    assertThatThrownBy(() -> altered.verify(NoteKeys.verifier(policeKey.verifierKey())))
        .isInstanceOf(ProofException.class);
    assertThatThrownBy(() -> e.verify(NoteKeys.verifier(hubKey.verifierKey()))).isInstanceOf(CheckpointException.class);
  }

  @Test
  void forSubject_failsClosedOnACheckpointByAnUnexpectedKey_andMarksUncheckpointedEntries() {
    exchange("m1", CITIZEN, true);
    police.checkpoint(NoteKeysTest.ed25519("audit.police.example")); // not the key the reader trusts
    health.checkpoint(healthKey);
    hub.checkpoint(hubKey);
    assertThatThrownBy(() -> receipts().forSubject(CITIZEN)).isInstanceOf(CheckpointException.class);

    police.append(AuditEvent.builder().actor(Actor.of(POLICE, "x")).action(AuditAction.DATA_ACCESS)
        .outcome(AuditOutcome.SUCCESS).build());
    police.checkpoint(policeKey);
    exchange("m2", CITIZEN, true); // after every checkpoint
    Receipt late = receipts().forSubject(CITIZEN).get(1);
    assertThat(late.messageId()).isEqualTo("m2");
    assertThat(late.proven()).isFalse();
    assertThat(late.confirmedByHub()).isFalse();
  }

  /** What the network path does: each party answers from its own log, the asker verifies and joins. */
  private List<Receipt> overTheWire(String citizen, CheckpointVerifier policeTrust) {
    String policeJson = ReceiptEvidence.forSubject(police, policePseudonyms.pseudonymize(citizen), policeKey, 100).toJson();
    String healthJson = ReceiptEvidence.forSubject(health, healthPseudonyms.pseudonymize(citizen), healthKey, 100).toJson();
    assertThat(policeJson + healthJson).doesNotContain(citizen);
    java.util.Map<String, List<Receipt.Evidence>> departments = new java.util.LinkedHashMap<>();
    departments.put(POLICE, ReceiptEvidence.parse(policeJson).verify(policeTrust, POLICE));
    departments.put(HEALTH, ReceiptEvidence.parse(healthJson).verify(NoteKeys.verifier(healthKey.verifierKey()), HEALTH));
    java.util.Set<String> ids = new java.util.TreeSet<>();
    departments.values().forEach(l -> l.forEach(e -> ids.add(e.entry().event().messageId().orElseThrow())));
    String hubJson = ReceiptEvidence.forMessageIds(hub, ids, hubKey).toJson();
    return Receipts.join(departments, ReceiptEvidence.parse(hubJson).verify(NoteKeys.verifier(hubKey.verifierKey()), null));
  }

  @Test
  void evidenceOverTheWire_joinsToTheSameReceiptsAsTheLocalLookup() {
    exchange("m1", CITIZEN, true);
    exchange("m2", OTHER, true);
    exchange("m3", CITIZEN, false);

    List<Receipt> remote = overTheWire(CITIZEN, NoteKeys.verifier(policeKey.verifierKey()));
    checkpointAll();
    List<Receipt> local = receipts().forSubject(CITIZEN);

    assertThat(remote).extracting(Receipt::messageId, Receipt::outcome, Receipt::provider, Receipt::consumerSystem)
        .containsExactlyElementsOf(local.stream().map(r -> org.assertj.core.groups.Tuple.tuple(r.messageId(),
            r.outcome(), r.provider(), r.consumerSystem())).toList());
    assertThat(remote).allSatisfy(r -> {
      assertThat(r.proven()).isTrue();
      assertThat(r.confirmedByHub()).isTrue();
    });
    assertThat(remote.get(0).evidence()).extracting(Receipt.Evidence::side).containsExactly(Receipt.Side.CONSUMER,
        Receipt.Side.CONSUMER, Receipt.Side.HUB, Receipt.Side.HUB, Receipt.Side.PROVIDER, Receipt.Side.PROVIDER);
  }

  @Test
  void evidenceOverTheWire_failsClosedOnAnAlteredEntryOrAnUntrustedKey() {
    exchange("m1", CITIZEN, true);
    assertThatThrownBy(() -> overTheWire(CITIZEN, NoteKeys.verifier(hubKey.verifierKey())))
        .isInstanceOf(CheckpointException.class);

    ReceiptEvidence honest = ReceiptEvidence.forSubject(police, policePseudonyms.pseudonymize(CITIZEN), policeKey, 100);
    AuditEntry first = honest.entries().get(0).entry();
    String altered = honest.toJson().replace(java.util.Base64.getEncoder().encodeToString(first.event().encode()),
        java.util.Base64.getEncoder().encodeToString(first.event().newBuilder().purpose("别的目的").build().encode()));
    assertThat(altered).isNotEqualTo(honest.toJson());
    assertThatThrownBy(() -> ReceiptEvidence.parse(altered).verify(NoteKeys.verifier(policeKey.verifierKey()), POLICE))
        .isInstanceOf(ProofException.class);
  }

  @Test
  void evidenceParse_namesWhatIsMalformed() {
    exchange("m1", CITIZEN, true);
    String json = ReceiptEvidence.forSubject(police, policePseudonyms.pseudonymize(CITIZEN), policeKey, 100).toJson();
    assertThatThrownBy(() -> ReceiptEvidence.parse("[]")).hasMessageContaining("member v");
    assertThatThrownBy(() -> ReceiptEvidence.parse(json.replace("\"hashSuite\":\"", "\"hashSuite\":\"md5")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hashSuite");
    assertThatThrownBy(() -> ReceiptEvidence.parse(json.replace("\"event\":\"", "\"event\":\"!!")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("entries[0]");
  }
}
