package dev.shuqiao.hub;

import static dev.shuqiao.hub.ExchangeWorld.BIRTH;
import static dev.shuqiao.hub.ExchangeWorld.CERTIFICATE;
import static dev.shuqiao.hub.ExchangeWorld.CITIZEN;
import static dev.shuqiao.hub.ExchangeWorld.GRANTED;
import static dev.shuqiao.hub.ExchangeWorld.HOUSEHOLD;
import static dev.shuqiao.hub.ExchangeWorld.INSURED;
import static dev.shuqiao.hub.ExchangeWorld.INSURED_ID;
import static dev.shuqiao.hub.ExchangeWorld.SUBJECT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shuqiao.audit.AuditLog;
import dev.shuqiao.audit.Checkpoint;
import dev.shuqiao.audit.CheckpointSigner;
import dev.shuqiao.audit.CheckpointVerifier;
import dev.shuqiao.audit.HmacSubjectPseudonymizer;
import dev.shuqiao.audit.NoteKeys;
import dev.shuqiao.audit.Receipt;
import dev.shuqiao.audit.Receipts;
import dev.shuqiao.client.ExchangeRequest;
import dev.shuqiao.crypto.KeyAlgorithm;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * After real exchanges through the hub, a citizen's receipts are complete across the consumer's, the
 * hub's and the provider's logs, and every entry's inclusion proof verifies against its log's
 * signed checkpoint.
 */
class ReceiptsIT {

  private static ExchangeRequest request(String resource, List<String> items, String keyItem, String key,
      String subject, String grantId, String caseId) {
    ExchangeRequest.Builder b = ExchangeRequest.builder().resourceCode(resource).items(items).parameter(keyItem, key)
        .subject(subject).purpose("出生一件事：" + resource).caseId(caseId).timeout(Duration.ofSeconds(20));
    return grantId == null ? b.build() : b.grantId(grantId).build();
  }

  @Test
  void receipts_coverEveryExchangeOfTheCitizen_onAllThreeSides_eachProofVerified() throws Exception {
    try (ExchangeWorld world = new ExchangeWorld(KeyAlgorithm.SM2, false, Duration.ofSeconds(10))) {
      // Three exchanges about the newborn (SUBJECT), one about someone else (INSURED_ID).
      world.police.client().exchange(request(BIRTH, GRANTED, "出生医学证明编号", CERTIFICATE, SUBJECT, world.grantId,
          "BIRTH-1"));
      world.health.client().exchange(request(HOUSEHOLD, List.of("公民身份号码", "姓名"), "公民身份号码", CITIZEN, SUBJECT,
          null, "BIRTH-1"));
      world.police.client().exchange(request(INSURED, List.of("公民身份号码", "参保状态"), "公民身份号码", INSURED_ID,
          SUBJECT, null, "BIRTH-1"));
      world.police.client().exchange(request(INSURED, List.of("公民身份号码", "参保状态"), "公民身份号码", INSURED_ID,
          INSURED_ID, null, "OTHER-9"));

      Map<String, CheckpointVerifier> keys = new HashMap<>();
      Receipts.Builder builder = Receipts.builder();
      for (DepartmentApp app : world.apps()) {
        CheckpointSigner signer = NoteKeys.ed25519Signer(app.audit.origin(),
            KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        app.audit.checkpoint(signer);
        keys.put(app.audit.origin(), NoteKeys.verifier(signer.verifierKey()));
        builder.department(app.code, app.audit, HmacSubjectPseudonymizer.of(app.pseudonymKey,
            HmacSubjectPseudonymizer.DEFAULT_KIND), keys.get(app.audit.origin()));
      }
      // The hub signs a checkpoint of its log when asked; its key is public.
      Checkpoint hubCheckpoint = Checkpoint.parse(world.police.client().getAuditCheckpoint());
      String hubKey = HttpClient.newHttpClient().send(HttpRequest.newBuilder(world.fixture.hub().uri()
          .resolve("/v1/audit/verifier-key")).build(), HttpResponse.BodyHandlers.ofString()).body().strip();
      keys.put(hubCheckpoint.origin(), NoteKeys.verifier(hubKey));
      world.fixture.hub().close(); // releases its log; the receipts read it as an auditor would
      try (AuditLog hubLog = AuditLog.builder().directory(world.hubAuditDirectory()).open()) {
        List<Receipt> receipts = builder.hub(hubLog, keys.get(hubCheckpoint.origin())).build().forSubject(SUBJECT);

        assertThat(receipts).hasSize(3);
        assertThat(receipts).extracting(Receipt::resourceCode).extracting(o -> o.orElseThrow())
            .containsExactly(BIRTH, HOUSEHOLD, INSURED);
        assertThat(receipts).extracting(Receipt::consumer)
            .containsExactly(world.police.code, world.health.code, world.police.code);
        assertThat(receipts).extracting(r -> r.provider().orElseThrow())
            .containsExactly(world.health.code, world.police.code, world.insurance.code);
        assertThat(receipts.get(0).items()).isEqualTo(GRANTED);
        assertThat(receipts.get(0).purpose()).contains("出生一件事：" + BIRTH);
        assertThat(receipts.get(0).grantId()).contains(world.grantId);
        for (Receipt r : receipts) {
          assertThat(r.outcome()).isEqualTo(Receipt.Outcome.DELIVERED);
          assertThat(r.caseId()).contains("BIRTH-1");
          assertThat(r.proven()).isTrue();
          assertThat(r.confirmedByHub()).isTrue();
          assertThat(r.evidence()).extracting(Receipt.Evidence::side).containsExactly(Receipt.Side.CONSUMER,
              Receipt.Side.CONSUMER, Receipt.Side.HUB, Receipt.Side.HUB, Receipt.Side.PROVIDER, Receipt.Side.PROVIDER);
          r.evidence().forEach(e -> e.verify(keys.get(e.logOrigin())));
          // no clear identity number anywhere in what a receipt carries
          assertThat(r.toString()).doesNotContain(SUBJECT);
        }
        assertThat(builder.build().forSubject(INSURED_ID)).extracting(Receipt::caseId)
            .extracting(o -> o.orElseThrow()).containsExactly("OTHER-9");
      }
    }
  }
}
