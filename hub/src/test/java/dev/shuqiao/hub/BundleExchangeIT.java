package dev.shuqiao.hub;

import static dev.shuqiao.hub.BirthCity.BIRTH;
import static dev.shuqiao.hub.BirthCity.CARD;
import static dev.shuqiao.hub.BirthCity.HOUSEHOLD;
import static dev.shuqiao.hub.BirthCity.INSURANCE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shuqiao.audit.Actor;
import dev.shuqiao.audit.AuditAction;
import dev.shuqiao.audit.AuditEvent;
import dev.shuqiao.audit.AuditOutcome;
import dev.shuqiao.audit.HmacSubjectPseudonymizer;
import dev.shuqiao.bundle.Application;
import dev.shuqiao.bundle.BundleDefinition;
import dev.shuqiao.bundle.BundleResult;
import dev.shuqiao.bundle.BundleRunner;
import dev.shuqiao.bundle.Consent;
import dev.shuqiao.client.ExchangeRequest;
import dev.shuqiao.client.ExchangeResponse;
import dev.shuqiao.client.PreparedExchange;
import dev.shuqiao.client.ShuqiaoClient;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.KeyAlgorithm;
import dev.shuqiao.crypto.StorageKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The birth bundle end to end: the service center's {@link BundleRunner} through the real client,
 * the real hub and four real providers (push mode), with the definition validated against the hub's
 * catalog.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BundleExchangeIT {

  private BirthCity city;
  private DepartmentIdentity serviceCenter;
  private final List<AuditEvent> consumerAudit = new CopyOnWriteArrayList<>();

  @BeforeAll
  void start() throws Exception {
    city = new BirthCity();
    serviceCenter = city.fixture.register("柳州市政务服务中心", KeyAlgorithm.SM2);
  }

  @AfterAll
  void stop() throws Exception {
    if (city != null) {
      city.close();
    }
  }

  private ShuqiaoClient client() {
    return ShuqiaoClient.builder().endpoint(city.fixture.hub().uri().toString()).credential(serviceCenter)
        .trustStore(city.city.trust).addHubExchangeCertificate(city.hubIdentity.certificate())
        .auditRecorder(event -> {
          consumerAudit.add(event);
          return consumerAudit.size() - 1;
        })
        .subjectPseudonymizer(HmacSubjectPseudonymizer.withKey("service center pseudonym key, 32b"
            .getBytes(StandardCharsets.UTF_8)))
        .systemName("一件事联办系统").build();
  }

  @Test
  void theBirthBundleRunsThroughTheHubAndFourProvidersWithOneCaseIdEverywhere(@TempDir Path cases) {
    ShuqiaoClient client = client();
    BundleDefinition birth = BundleDefinition.read("birth-bundle.yaml", city.birthBundle(),
        BundleDefinition.hubLookup(client));
    List<AuditEvent> runnerAudit = new CopyOnWriteArrayList<>();
    String caseId = "BIRTH-450200-000017";
    Application application = Application.builder(caseId).subject("450202202601010012")
        .formField("birthCertificateNumber", "Q450200123")
        .consent(Consent.builder().reference("CONSENT-" + caseId).grantedAt(Instant.now())
            .allowAll(birth.consentScope()).build())
        .build();

    BundleResult result;
    try (BundleRunner runner = BundleRunner.builder().exchange(client).auditRecorder(event -> {
      runnerAudit.add(event);
      return runnerAudit.size() - 1;
    }).actor(Actor.of(TestCity.code(serviceCenter), "一件事联办系统")).journalDirectory(cases)
        .journalKey(StorageKey.derive(serviceCenter, "bundle-journal")).build()) {
      result = runner.run(birth, application);
    }

    assertThat(result.status()).as(result.toString()).isEqualTo(BundleResult.Status.COMPLETED);
    assertThat(result.step("birth-certificate").flatMap(s -> s.value("新生儿姓名"))).contains("张**"); // masked by the catalog
    assertThat(result.step("social-security-card").flatMap(s -> s.value("社保卡号"))).contains("SB2026000017");
    assertThat(city.parameters.get(HOUSEHOLD)).containsExactly(Map.of("出生医学证明编号", "Q450200123"));
    assertThat(city.parameters.get(INSURANCE)).containsExactly(Map.of("公民身份号码", "450202202601010012"));
    assertThat(List.of(city.runs(BIRTH), city.runs(HOUSEHOLD), city.runs(INSURANCE), city.runs(CARD)))
        .containsExactly(1, 1, 1, 1);

    List<String> messageIds = result.steps().stream().map(s -> s.messageId().orElseThrow().toString()).toList();
    assertThat(runnerAudit).hasSize(4).allSatisfy(e -> {
      assertThat(e.action()).isEqualTo(AuditAction.BUNDLE_STEP);
      assertThat(e.outcome()).isEqualTo(AuditOutcome.SUCCESS);
      assertThat(e.caseId()).contains(caseId);
    });
    assertThat(runnerAudit).extracting(e -> e.messageId().orElseThrow()).containsExactlyInAnyOrderElementsOf(messageIds);
    for (List<AuditEvent> log : List.of(consumerAudit, city.hubEvents(), city.providerAudit)) {
      List<AuditEvent> delivered = log.stream().filter(e -> e.action() == AuditAction.EXCHANGE_DELIVER
          && e.caseId().filter(caseId::equals).isPresent()).toList();
      assertThat(delivered).extracting(e -> e.messageId().orElseThrow())
          .containsExactlyInAnyOrderElementsOf(messageIds);
    }
  }

  @Test
  void aPreparedExchangeSentAgainAfterARestartIsAnsweredFromTheHubsStoreWithoutAskingTheProviderAgain() {
    ShuqiaoClient beforeCrash = client();
    ExchangeRequest request = ExchangeRequest.builder().resourceCode(CARD).items(List.of("社保卡号"))
        .parameter("公民身份号码", "450202202601010099").purpose("出生一件事：社保卡申领").caseId("BIRTH-450200-000042")
        .timeout(Duration.ofSeconds(10)).build();
    PreparedExchange prepared = beforeCrash.prepareExchange(request);
    byte[] journaled = prepared.toBytes();
    int runsBefore = city.runs(CARD);
    ExchangeResponse first = beforeCrash.send(prepared);

    ShuqiaoClient afterRestart = client(); // a new process: fresh replay guard and provider cache
    ExchangeResponse again = afterRestart.send(PreparedExchange.fromBytes(journaled));

    assertThat(again.messageId()).isEqualTo(first.messageId()).isEqualTo(prepared.messageId());
    assertThat(again.records()).isEqualTo(first.records());
    assertThat(city.runs(CARD) - runsBefore).isEqualTo(1);
  }
}
