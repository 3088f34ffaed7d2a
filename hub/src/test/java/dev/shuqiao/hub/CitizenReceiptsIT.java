package dev.shuqiao.hub;

import static dev.shuqiao.hub.ExchangeWorld.BIRTH;
import static dev.shuqiao.hub.ExchangeWorld.CERTIFICATE;
import static dev.shuqiao.hub.ExchangeWorld.CITIZEN;
import static dev.shuqiao.hub.ExchangeWorld.CONDITIONAL;
import static dev.shuqiao.hub.ExchangeWorld.GRANTED;
import static dev.shuqiao.hub.ExchangeWorld.HOUSEHOLD;
import static dev.shuqiao.hub.ExchangeWorld.INSURED;
import static dev.shuqiao.hub.ExchangeWorld.INSURED_ID;
import static dev.shuqiao.hub.ExchangeWorld.SUBJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shuqiao.audit.AuditAction;
import dev.shuqiao.audit.AuditEvent;
import dev.shuqiao.audit.AuditLog;
import dev.shuqiao.audit.CheckpointException;
import dev.shuqiao.audit.CheckpointSigner;
import dev.shuqiao.audit.HmacSubjectPseudonymizer;
import dev.shuqiao.audit.NoteKeys;
import dev.shuqiao.audit.Receipt;
import dev.shuqiao.client.CitizenReceipts;
import dev.shuqiao.client.ExchangeRefusedException;
import dev.shuqiao.client.ExchangeRequest;
import dev.shuqiao.client.ValidationException;
import dev.shuqiao.client.model.CreateGrantOptions;
import dev.shuqiao.client.model.Grant;
import dev.shuqiao.crypto.KeyAlgorithm;
import dev.shuqiao.provider.ReceiptsResource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A citizen's receipts over real sockets (docs/receipts.md, "How a citizen asks"): the service
 * center asks each department's receipts resource through the hub with the identity number sealed as
 * the subject, then the hub for its entries of the message ids named, and verifies every proof. Only
 * a department holding an approved grant may ask; the hub never sees the number; a checkpoint under
 * an unexpected key fails closed; the hub records its witness cosignatures in its own log.
 */
class CitizenReceiptsIT {

  private static final String PURPOSE = "公民查询本人数据被访问记录";

  @TempDir
  Path tmp;

  private final Map<DepartmentApp, CheckpointSigner> signers = new LinkedHashMap<>();
  private final Map<DepartmentApp, String> receiptCodes = new LinkedHashMap<>();

  private static ExchangeRequest request(String resource, List<String> items, String keyItem, String key,
      String subject, String grantId) {
    ExchangeRequest.Builder b = ExchangeRequest.builder().resourceCode(resource).items(items).parameter(keyItem, key)
        .subject(subject).purpose("出生一件事：" + resource).caseId("BIRTH-1").timeout(Duration.ofSeconds(20));
    return grantId == null ? b.build() : b.grantId(grantId).build();
  }

  /** Each department offers a receipts resource (conditional sharing) answered from its own log. */
  private void offerReceipts(ExchangeWorld world) {
    int n = 1;
    for (DepartmentApp app : world.apps()) {
      try {
        signers.put(app, NoteKeys.ed25519Signer(app.audit.origin(), KeyPairGenerator.getInstance("Ed25519")
            .generateKeyPair()));
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
      String code = "1 09 001/00000" + n++;
      receiptCodes.put(app, code);
      app.serve(code, ExchangeWorld.resource(code, app.code, "公民数据访问记录", CONDITIONAL,
          ExchangeWorld.item(ReceiptsResource.ITEM, "M", 0, null)), ReceiptsResource.handler(app.audit,
          HmacSubjectPseudonymizer.of(app.pseudonymKey, HmacSubjectPseudonymizer.DEFAULT_KIND), signers.get(app)));
    }
  }

  @Test
  void serviceCenter_getsTheCitizensReceiptsFromEveryDepartmentAndTheHub_eachProofVerified() throws Exception {
    try (ExchangeWorld world = new ExchangeWorld(KeyAlgorithm.SM2, false, Duration.ofSeconds(10), this::offerReceipts);
        DepartmentApp center = new DepartmentApp(world.city, "柳州市政务服务中心", KeyAlgorithm.SM2,
            DepartmentApp.Mode.PUSH, tmp)) {
      world.fixture.register(center.identity, "http://127.0.0.1:9/unreachable");
      center.client(world.hubUri(), world.city.trust, world.hubIdentity.certificate());
      CitizenReceipts.Builder receipts = CitizenReceipts.builder().client(center.client()).purpose(PURPOSE)
          .hubCheckpointKey(NoteKeys.verifier(hubVerifierKey(world)));
      for (DepartmentApp app : world.apps()) {
        Grant grant = center.client().createGrant(new CreateGrantOptions(receiptCodes.get(app),
            List.of(ReceiptsResource.ITEM), PURPOSE, "《柳州市政务数据共享管理办法》", Instant.now().minusSeconds(60),
            Instant.now().plus(Duration.ofDays(30))));
        app.client().approveGrant(grant.id(), "经本人身份核验后由政务服务中心代为查询");
        receipts.department(app.code, receiptCodes.get(app), grant.id(),
            NoteKeys.verifier(signers.get(app).verifierKey()));
      }
      // three exchanges about the newborn (SUBJECT), one about someone else
      world.police.client().exchange(request(BIRTH, GRANTED, "出生医学证明编号", CERTIFICATE, SUBJECT, world.grantId));
      world.health.client().exchange(request(HOUSEHOLD, List.of("公民身份号码", "姓名"), "公民身份号码", CITIZEN, SUBJECT,
          null));
      world.police.client().exchange(request(INSURED, List.of("公民身份号码", "参保状态"), "公民身份号码", INSURED_ID,
          SUBJECT, null));
      world.police.client().exchange(request(INSURED, List.of("公民身份号码", "参保状态"), "公民身份号码", INSURED_ID,
          INSURED_ID, null));

      List<Receipt> first = receipts.build().forSubject(SUBJECT);

      List<Receipt> data = first.stream().filter(r -> !receiptCodes.containsValue(r.resourceCode().orElseThrow()))
          .toList();
      assertThat(data).extracting(r -> r.resourceCode().orElseThrow()).containsExactly(BIRTH, HOUSEHOLD, INSURED);
      assertThat(data).extracting(Receipt::consumer).containsExactly(world.police.code, world.health.code,
          world.police.code);
      assertThat(data).extracting(r -> r.provider().orElseThrow())
          .containsExactly(world.health.code, world.police.code, world.insurance.code);
      assertThat(data.get(0).items()).isEqualTo(GRANTED);
      assertThat(data.get(0).grantId()).contains(world.grantId);
      for (Receipt r : data) {
        assertThat(r.outcome()).isEqualTo(Receipt.Outcome.DELIVERED);
        assertThat(r.proven()).isTrue();
        assertThat(r.confirmedByHub()).isTrue();
        assertThat(r.evidence()).extracting(Receipt.Evidence::side).containsExactly(Receipt.Side.CONSUMER,
            Receipt.Side.CONSUMER, Receipt.Side.HUB, Receipt.Side.HUB, Receipt.Side.PROVIDER, Receipt.Side.PROVIDER);
      }
      // the lookup is itself an exchange about the citizen, in every department's log and the hub's
      List<String> firstLookups = first.stream().filter(r -> receiptCodes.containsValue(r.resourceCode().orElseThrow()))
          .map(Receipt::messageId).toList();
      assertThat(firstLookups).hasSize(3);
      List<Receipt> second = receipts.build().forSubject(SUBJECT);
      List<Receipt> lookups = second.stream().filter(r -> firstLookups.contains(r.messageId())).toList();
      assertThat(lookups).hasSize(3).allSatisfy(r -> {
        assertThat(r.outcome()).isEqualTo(Receipt.Outcome.DELIVERED);
        assertThat(r.consumer()).isEqualTo(center.code);
        assertThat(r.purpose()).contains(PURPOSE);
        assertThat(r.confirmedByHub()).isTrue();
      });
      assertThat(receipts.build().forSubject(INSURED_ID)).extracting(r -> r.resourceCode().orElseThrow())
          .contains(INSURED).doesNotContain(BIRTH, HOUSEHOLD);

      // who may ask: a department without a grant for the receipts resource is refused by the hub
      assertThatThrownBy(() -> world.health.client().exchange(ExchangeRequest.builder()
          .resourceCode(receiptCodes.get(world.police)).items(List.of(ReceiptsResource.ITEM)).subject(SUBJECT)
          .purpose(PURPOSE).build())).isInstanceOf(ExchangeRefusedException.class);
      // the hub's lookup: signed departments only, well-formed message ids only
      HttpResponse<String> unsigned = HttpClient.newHttpClient().send(HttpRequest.newBuilder(world.fixture.hub().uri()
          .resolve("/v1/audit/receipts")).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"messageIds\":[\"" + first.get(0).messageId() + "\"]}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(unsigned.statusCode()).isEqualTo(401);
      assertThatThrownBy(() -> center.client().getReceiptEvidence(List.of("not-a-message-id")))
          .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.getMessage()).contains("message id is a lowercase UUID"));

      // the hub's own files never held the number it was never sent
      world.fixture.hub().close();
      try (Stream<Path> files = Files.walk(world.hubAuditDirectory().getParent())) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString())
              .doesNotContain(SUBJECT);
        }
      }
    }
  }

  @Test
  void checkpointUnderAnUnexpectedKey_failsClosed() throws Exception {
    try (ExchangeWorld world = new ExchangeWorld(KeyAlgorithm.ED25519, false, Duration.ofSeconds(10),
        this::offerReceipts)) {
      // the health department, granted police's receipts resource, trusts the wrong key for police's checkpoints
      Grant grant = world.health.client().createGrant(new CreateGrantOptions(receiptCodes.get(world.police),
          List.of(ReceiptsResource.ITEM), PURPOSE, "《柳州市政务数据共享管理办法》", Instant.now().minusSeconds(60),
          Instant.now().plus(Duration.ofDays(30))));
      world.police.client().approveGrant(grant.id(), "测试");
      world.police.client().exchange(request(BIRTH, GRANTED, "出生医学证明编号", CERTIFICATE, SUBJECT, world.grantId));
      CitizenReceipts.Builder builder = CitizenReceipts.builder().client(world.health.client())
          .hubCheckpointKey(NoteKeys.verifier(hubVerifierKey(world)));

      CitizenReceipts wrong = builder.department(world.police.code, receiptCodes.get(world.police), grant.id(),
          NoteKeys.verifier(signers.get(world.insurance).verifierKey())).build();

      assertThatThrownBy(() -> wrong.forSubject(SUBJECT)).isInstanceOf(CheckpointException.class);
    }
  }

  @Test
  void witnessingADepartmentsCheckpoint_isRecordedInTheHubsOwnLog() throws Exception {
    try (ExchangeWorld world = new ExchangeWorld(KeyAlgorithm.SM2, false, Duration.ofSeconds(10))) {
      world.police.client().exchange(request(BIRTH, GRANTED, "出生医学证明编号", CERTIFICATE, SUBJECT, world.grantId));
      CheckpointSigner key = NoteKeys.ed25519Signer(world.police.audit.origin(),
          KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
      long size = world.police.client().publishAuditCheckpoint(world.police.audit, key).treeSize();
      world.police.client().publishAuditCheckpoint(world.police.audit, key); // same tree: no new cosignature

      world.fixture.hub().close();
      try (AuditLog hubLog = AuditLog.builder().directory(world.hubAuditDirectory()).open()) {
        List<AuditEvent> witnessed = new java.util.ArrayList<>();
        for (long i = 0; i < hubLog.size(); i++) {
          AuditEvent event = hubLog.read(i);
          if (event.action() == AuditAction.CHECKPOINT_WITNESS) {
            witnessed.add(event);
          }
        }
        assertThat(witnessed).hasSize(1);
        assertThat(witnessed.get(0).actor().departmentCode()).isEqualTo(world.police.code);
        assertThat(witnessed.get(0).resourceCode()).contains("audit-log/" + world.police.audit.origin() + "@" + size);
      }
    }
  }

  private static String hubVerifierKey(ExchangeWorld world) throws Exception {
    URI uri = world.fixture.hub().uri().resolve("/v1/audit/verifier-key");
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
        .body().strip();
  }
}
