package dev.shuqiao.hub;

import static dev.shuqiao.hub.ExchangeParty.json;
import static dev.shuqiao.hub.ExchangeParty.type;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shuqiao.audit.AuditAction;
import dev.shuqiao.audit.AuditEvent;
import dev.shuqiao.audit.AuditOutcome;
import dev.shuqiao.client.RawRequests;
import dev.shuqiao.client.ShuqiaoClient;
import dev.shuqiao.client.model.CreateGrantOptions;
import dev.shuqiao.client.model.Grant;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.KeyAlgorithm;
import dev.shuqiao.exchange.ExchangeTicket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The hub's side of the exchange channel (docs/exchange.md) over real sockets: a real provider
 * stand-in on Jetty verifying tickets, real sealed envelopes, signed requests; run against H2
 * ({@link ExchangeIT}) and PostgreSQL ({@link ExchangePostgresIT}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ExchangeContract {

  static final Duration PROVIDER_TIMEOUT = Duration.ofMillis(1500);
  private static final AtomicInteger SEQUENCE = new AtomicInteger(500);

  HubFixture fixture;
  DepartmentIdentity hubIdentity;
  DepartmentIdentity health;
  ProviderStandIn provider;
  ShuqiaoClient healthClient;
  ExchangeParty police;
  ExchangeParty insurance;
  String unconditional;
  String conditional;
  String notShared;

  abstract HubFixture startFixture(TestCity city, UnaryOperator<HubServer.Builder> customize);

  @BeforeAll
  void start() throws Exception {
    TestCity city = new TestCity();
    hubIdentity = city.department("柳州市大数据发展局数据交换", KeyAlgorithm.SM2);
    fixture = startFixture(city, b -> b.exchangeIdentity(hubIdentity).providerTimeout(PROVIDER_TIMEOUT)
        .circuitBreaker(5, Duration.ofSeconds(2)));
    health = city.department("柳州市卫生健康委员会", KeyAlgorithm.SM2);
    provider = new ProviderStandIn(health, hubIdentity.certificate(), city.trust);
    fixture.register(health, provider.start());
    healthClient = fixture.client(health);
    police = party("柳州市公安局", KeyAlgorithm.SM2);
    insurance = party("柳州市医疗保障局", KeyAlgorithm.SM2);
    unconditional = nextCode();
    conditional = nextCode();
    notShared = nextCode();
    healthClient.createResources(Descriptors.catalog(
        Descriptors.unconditional(unconditional, TestCity.code(health), "出生医学证明"),
        Descriptors.conditional(conditional, TestCity.code(health), "出生医学证明信息"),
        Descriptors.notShared(notShared, TestCity.code(health), "出生医学证明底册")));
  }

  ExchangeParty party(String name, KeyAlgorithm algorithm) {
    DepartmentIdentity identity = fixture.register(name, algorithm);
    return new ExchangeParty(identity, fixture.hub().uri(), fixture.city.trust);
  }

  @AfterAll
  void stop() throws Exception {
    if (provider != null) {
      provider.close();
    }
    if (fixture != null) {
      fixture.close();
    }
  }

  // ------------------------------------------------------------------ delivery, audit, plaintext

  @Test
  void unconditional_isDelivered_withATicketTheProviderVerified_andARecordOfOnlyTheTicketItems() {
    ExchangeParty.Query q = police.query(unconditional, health.certificate(), x -> { });
    RawRequests.Answer answer = police.send(q);

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    JsonNode body = json(answer);
    assertThat(body.path("messageId").asText()).isEqualTo(q.messageId().toString());
    assertThat(body.path("status").asText()).isEqualTo("DELIVERED");
    ExchangeTicket ticket = ExchangeTicket.verify(body.path("ticket").asText(), List.of(hubIdentity.certificate()),
        fixture.city.trust, Instant.now());
    assertThat(ticket.consumer()).isEqualTo(TestCity.code(police.identity));
    assertThat(ticket.provider()).isEqualTo(TestCity.code(health));
    assertThat(ticket.items()).containsExactly("证明编号");
    assertThat(ticket.caseId()).contains("BIRTH-450200-000017");
    assertThat(ticket.matchesRequest(q.envelope.toBinary())).isTrue();
    assertThat(ticket.expiresAt()).isEqualTo(ticket.issuedAt().plusSeconds(60));
    JsonNode result = police.open(answer);
    assertThat(result.path("inReplyTo").asText()).isEqualTo(q.messageId().toString());
    assertThat(result.path("records").get(0).path("证明编号").asText()).isEqualTo("Q4502-XYZZY-0042");
    assertThat(result.path("records").get(0).has("出生体重")).isFalse();
  }

  @Test
  void theHub_auditsRequestAndDelivery_withMessageIdCaseIdResourceAndTheConsumerAsActor() {
    long before = fixture.hub().auditEntries();
    ExchangeParty.Query q = police.query(unconditional, health.certificate(), x -> { });
    assertThat(police.send(q).status()).isEqualTo(200);

    List<AuditEvent> events = events(before);
    assertThat(events).extracting(AuditEvent::action).containsExactly(AuditAction.EXCHANGE_REQUEST,
        AuditAction.EXCHANGE_DELIVER);
    assertThat(events).allSatisfy(e -> {
      assertThat(e.messageId()).contains(q.messageId().toString());
      assertThat(e.caseId()).contains("BIRTH-450200-000017");
      assertThat(e.resourceCode()).contains(unconditional);
      assertThat(e.actor().departmentCode()).isEqualTo(TestCity.code(police.identity));
      assertThat(e.actor().system()).isEqualTo("shuqiao-hub");
      assertThat(e.outcome()).isEqualTo(AuditOutcome.SUCCESS);
      assertThat(e.subject()).isEmpty();
    });
  }

  @Test
  void theHub_neverSeesPlaintext_inWhatItRelays_stores_orAudits() throws Exception {
    ExchangeParty.Query q = police.query(unconditional, health.certificate(), x -> x.items = List.of("证明编号", "出生体重"));
    int relayedBefore = provider.relayed.size();
    RawRequests.Answer answer = police.send(q);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    // The distinctive values exist: the consumer reads them once it opens the response.
    JsonNode record = police.open(answer).path("records").get(0);
    assertThat(record.path("证明编号").asText()).isEqualTo("Q4502-XYZZY-0042");
    assertThat(record.path("出生体重").asText()).isEqualTo(ProviderStandIn.WEIGHT);

    List<byte[]> seen = new ArrayList<>(provider.relayed.subList(relayedBefore, provider.relayed.size()));
    for (byte[] relayed : List.copyOf(seen)) {
      seen.add(Base64.getUrlDecoder().decode(ExchangeParty.JSON.readTree(relayed).path("request").asText()));
    }
    seen.add(answer.body().getBytes(StandardCharsets.UTF_8));
    seen.add(Base64.getUrlDecoder().decode(json(answer).path("response").asText()));
    seen.add(exchangeTable().getBytes(StandardCharsets.UTF_8));
    try (var files = java.nio.file.Files.walk(fixture.dataDirectory(0).resolve("audit"))) {
      for (java.nio.file.Path file : files.filter(java.nio.file.Files::isRegularFile).toList()) {
        seen.add(java.nio.file.Files.readAllBytes(file));
      }
    }
    for (String secret : List.of("Q4502-XYZZY-0042", "XYZZY", ProviderStandIn.WEIGHT, "W7731", "450202201501010012")) {
      byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
      assertThat(seen).as("no relayed, answered, stored or audited bytes contain " + secret)
          .noneMatch(bytes -> contains(bytes, needle));
    }
    assertThat(exchangeTable()).contains(q.messageId().toString());
  }

  // ------------------------------------------------------------------ idempotency

  @Test
  void aRepeat_withTheSameBytes_getsTheSameAnswer_andReachesTheProviderOnce_andIsNotAuditedAgain() {
    ExchangeParty.Query q = police.query(unconditional, health.certificate(), x -> { });
    int runs = provider.handlerRuns.get();
    int received = provider.received.get();
    RawRequests.Answer first = police.send(q);
    long audited = fixture.hub().auditEntries();
    RawRequests.Answer second = police.send(q);

    assertThat(first.status()).isEqualTo(200);
    assertThat(second.status()).isEqualTo(200);
    assertThat(json(second)).isEqualTo(json(first));
    assertThat(provider.handlerRuns.get() - runs).isEqualTo(1);
    assertThat(provider.received.get() - received).isEqualTo(1);
    assertThat(fixture.hub().auditEntries()).isEqualTo(audited);
  }

  @Test
  void aRefusal_isFinal_andRepeatsTheSameProblem() {
    ExchangeParty.Query q = police.query(notShared, health.certificate(), x -> { });
    RawRequests.Answer first = police.send(q);
    long audited = fixture.hub().auditEntries();
    RawRequests.Answer second = police.send(q);
    assertThat(first.status()).isEqualTo(403);
    assertThat(type(second)).isEqualTo("not-shared");
    assertThat(json(second).path("messageId").asText()).isEqualTo(q.messageId().toString());
    assertThat(fixture.hub().auditEntries()).isEqualTo(audited);
  }

  @Test
  void theSameMessageId_withOtherBytes_orFromAnotherConsumer_isRefused() {
    ExchangeParty.Query q = police.query(unconditional, health.certificate(), x -> { });
    assertThat(police.send(q).status()).isEqualTo(200);
    byte[] altered = q.envelope.toBinary();
    altered[altered.length - 1] ^= 1; // same header, other ciphertext: another digest

    RawRequests.Answer otherBytes = police.send(ExchangeParty.body(q, altered));
    assertThat(otherBytes.status()).isEqualTo(409);
    assertThat(type(otherBytes)).isEqualTo("message-id-reused");
  }

  // ------------------------------------------------------------------ §2 steps 1 and 2

  @Test
  void anAdministrator_isNotAConsumer() {
    ExchangeParty.Query q = police.query(unconditional, health.certificate(), x -> { });
    RawRequests admin = new RawRequests(fixture.hub().uri(), fixture.admin);
    RawRequests.Answer answer = admin.send("POST", "v1/exchanges", bytes(ExchangeParty.body(q)), Map.of());
    assertThat(answer.status()).isEqualTo(403);
    assertThat(type(answer)).isEqualTo("department-required");
  }

  @Test
  void anUnsignedRequest_isRefusedBeforeAnythingElse() {
    ExchangeParty.Query q = police.query(unconditional, health.certificate(), x -> { });
    RawRequests.Answer answer = police.raw.sendUnsigned("POST", "v1/exchanges", bytes(ExchangeParty.body(q)));
    assertThat(answer.status()).isEqualTo(401);
  }

  @Test
  void badBodies_are400_namingTheField() {
    ExchangeParty.Query q = police.query(unconditional, health.certificate(), x -> { });
    String good = ExchangeParty.body(q).toString();
    assertThat(problem(police.send("{\"messageId\":".getBytes(StandardCharsets.UTF_8)))).isEqualTo("400 malformed-json null");
    assertThat(problem(police.send(("{\"purpose\":\"a\"," + good.substring(1)).getBytes(StandardCharsets.UTF_8))))
        .isEqualTo("400 malformed-json null");
    assertThat(problem(police.send(with(q, b -> b.put("extra", 1))))).isEqualTo("400 invalid-field extra");
    assertThat(problem(police.send(with(q, b -> b.put("items", "证明编号"))))).isEqualTo("400 invalid-field items");
    assertThat(problem(police.send(with(q, b -> b.putArray("items"))))).isEqualTo("400 invalid-field items");
    assertThat(problem(police.send(with(q, b -> b.putArray("items").add("证明编号").add("证明编号")))))
        .isEqualTo("400 invalid-field items[1]");
    assertThat(problem(police.send(with(q, b -> b.put("messageId", "not-a-uuid"))))).isEqualTo("400 invalid-field messageId");
    assertThat(problem(police.send(with(q, b -> b.put("purpose", ""))))).isEqualTo("400 invalid-field purpose");
    assertThat(problem(police.send(with(q, b -> b.put("purpose", "x".repeat(2001)))))).isEqualTo("400 invalid-field purpose");
    assertThat(problem(police.send(with(q, b -> b.put("caseId", ""))))).isEqualTo("400 invalid-field caseId");
    assertThat(problem(police.send(with(q, b -> b.put("request", "a+b/c=="))))).isEqualTo("400 invalid-field request");
    assertThat(problem(police.send(with(q, b -> b.put("resourceCode", 7))))).isEqualTo("400 invalid-field resourceCode");
  }

  @Test
  void anEnvelopeThatDoesNotParse_is422EnvelopeMalformed() {
    ExchangeParty.Query q = police.query(unconditional, health.certificate(), x -> { });
    byte[] truncated = java.util.Arrays.copyOf(q.envelope.toBinary(), 100);
    RawRequests.Answer answer = police.send(ExchangeParty.body(q, truncated));
    assertThat(problem(answer)).isEqualTo("422 envelope-malformed request");
    assertThat(json(answer).path("messageId").asText()).isEqualTo(q.messageId().toString());
  }

  @Test
  void aHeaderThatDisagrees_is422EnvelopeMismatch_namingTheFirstField() {
    ExchangeParty.Query q = police.query(unconditional, health.certificate(), x -> { });
    assertThat(problem(police.send(with(q, b -> b.put("messageId", UUID.randomUUID().toString())))))
        .isEqualTo("422 envelope-mismatch messageId");
    assertThat(problem(police.send(with(q, b -> b.put("resourceCode", conditional)))))
        .isEqualTo("422 envelope-mismatch resourceCode");
    assertThat(problem(police.send(with(q, b -> b.put("grantId", "8a0c3f8e-5d0f-4f57-a6c4-1f1d2b9e2f10")))))
        .isEqualTo("422 envelope-mismatch grantId");
    assertThat(problem(police.send(with(q, b -> b.putNull("caseId"))))).isEqualTo("422 envelope-mismatch caseId");
    // Sealed by the insurance bureau, sent by the police: the sender is not the caller.
    ExchangeParty.Query foreign = insurance.query(unconditional, health.certificate(), x -> { });
    assertThat(problem(police.send(foreign))).isEqualTo("422 envelope-mismatch sender");
    // Sealed for someone else than the provider's registered certificate.
    assertThat(problem(police.send(police.query(unconditional, insurance.identity.certificate(), x -> { }))))
        .isEqualTo("422 envelope-mismatch recipients");
    assertThat(problem(police.send(police.query(unconditional, health.certificate(), x -> x.contentType = "application/json"))))
        .isEqualTo("422 envelope-mismatch contentType");
  }

  @Test
  void anEnvelopeForTwoRecipients_isRefused_evenIfOneIsTheProvider() {
    ExchangeParty.Query q = police.query(unconditional, health.certificate(), x -> { });
    dev.shuqiao.crypto.SealedEnvelope two = dev.shuqiao.crypto.EnvelopeSealer.builder().identity(police.identity).build()
        .seal(dev.shuqiao.crypto.EnvelopeContent.builder().addRecipient(health.certificate())
            .addRecipient(insurance.identity.certificate()).resourceCode(unconditional)
            .contentType(ExchangeParty.QUERY_TYPE).caseId(q.caseId).payload(new byte[] {'{', '}'}).build());
    q.envelope = two;
    assertThat(problem(police.send(q))).isEqualTo("422 envelope-mismatch recipients");
  }

  // ------------------------------------------------------------------ §2 steps 5 and 6: authorization matrix

  @Test
  void resourceChecks_unknownRetiredOwnAndUnknownItem() {
    ExchangeParty.Query unknown = police.query("9 99 999/000001", health.certificate(), x -> { });
    assertThat(problem(police.send(unknown))).isEqualTo("404 not-found resourceCode");

    String retired = nextCode();
    healthClient.createResources(Descriptors.catalog(Descriptors.unconditional(retired, TestCity.code(health), "旧证明")));
    healthClient.deleteResource(retired);
    assertThat(problem(police.send(police.query(retired, health.certificate(), x -> { }))))
        .isEqualTo("409 resource-retired null");

    ExchangeParty self = new ExchangeParty(health, fixture.hub().uri(), fixture.city.trust);
    assertThat(problem(self.send(self.query(unconditional, health.certificate(), x -> { }))))
        .isEqualTo("422 own-resource resourceCode");

    assertThat(problem(police.send(police.query(unconditional, health.certificate(), x -> x.items = List.of("证明编号", "母亲姓名")))))
        .isEqualTo("422 unknown-item items[1]");
  }

  @Test
  void notShared_isAlwaysRefused_evenWithAGrantId() {
    assertThat(problem(police.send(police.query(notShared, health.certificate(), x -> { })))).isEqualTo("403 not-shared null");
    Grant grant = approvedGrant(police, conditional, List.of("证明编号"));
    assertThat(problem(police.send(police.query(notShared, health.certificate(), x -> x.grantId = grant.id()))))
        .isEqualTo("403 not-shared null");
  }

  @Test
  void conditional_withAnApprovedGrantCoveringTheItems_isDelivered() {
    Grant grant = approvedGrant(police, conditional, List.of("证明编号", "出生体重"));
    RawRequests.Answer answer = police.send(police.query(conditional, health.certificate(), x -> {
      x.grantId = grant.id();
      x.items = List.of("出生体重");
    }));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(ExchangeTicket.parseUnverified(json(answer).path("ticket").asText()).grantId()).contains(grant.id());
    assertThat(police.open(answer).path("records").get(0).path("出生体重").asText()).isEqualTo(ProviderStandIn.WEIGHT);
  }

  @Test
  void conditional_refusals_withoutGrant_otherItems_othersGrant_unknownGrant_otherResource_pendingRevoked() {
    assertThat(problem(police.send(police.query(conditional, health.certificate(), x -> { }))))
        .isEqualTo("403 grant-required null");

    Grant narrow = approvedGrant(police, conditional, List.of("证明编号"));
    RawRequests.Answer items = police.send(police.query(conditional, health.certificate(), x -> {
      x.grantId = narrow.id();
      x.items = List.of("证明编号", "出生体重");
    }));
    assertThat(problem(items)).isEqualTo("403 grant-items null");
    assertThat(json(items).path("detail").asText()).contains("出生体重");

    Grant insurers = approvedGrant(insurance, conditional, List.of("证明编号"));
    assertThat(problem(police.send(police.query(conditional, health.certificate(), x -> x.grantId = insurers.id()))))
        .isEqualTo("403 grant-not-found null");
    assertThat(problem(police.send(police.query(conditional, health.certificate(),
        x -> x.grantId = UUID.randomUUID().toString())))).isEqualTo("403 grant-not-found null");

    String other = nextCode();
    healthClient.createResources(Descriptors.catalog(Descriptors.conditional(other, TestCity.code(health), "另一资源")));
    Grant forOther = approvedGrant(police, other, List.of("证明编号"));
    assertThat(problem(police.send(police.query(conditional, health.certificate(), x -> x.grantId = forOther.id()))))
        .isEqualTo("403 grant-mismatch null");

    Grant pending = police.client().createGrant(application(conditional, List.of("证明编号"),
        Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(30))));
    assertThat(problem(police.send(police.query(conditional, health.certificate(), x -> x.grantId = pending.id()))))
        .isEqualTo("403 grant-not-approved null");

    Grant revoked = approvedGrant(police, conditional, List.of("证明编号"));
    healthClient.revokeGrant(revoked.id(), "联办结束");
    assertThat(problem(police.send(police.query(conditional, health.certificate(), x -> x.grantId = revoked.id()))))
        .isEqualTo("403 grant-not-approved null");
  }

  @Test
  void conditional_withAGrantPastItsPeriod_orNotYetValid_isGrantExpired() throws Exception {
    Grant future = police.client().createGrant(application(conditional, List.of("证明编号"),
        Instant.now().plus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30))));
    healthClient.approveGrant(future.id(), null);
    assertThat(problem(police.send(police.query(conditional, health.certificate(), x -> x.grantId = future.id()))))
        .isEqualTo("403 grant-expired null");

    Instant until = Instant.now().plusSeconds(2);
    Grant brief = police.client().createGrant(application(conditional, List.of("证明编号"), Instant.now().minusSeconds(60), until));
    healthClient.approveGrant(brief.id(), null);
    while (!Instant.now().isAfter(until)) {
      Thread.sleep(50); // waiting for a deadline to pass, not for another thread
    }
    assertThat(problem(police.send(police.query(conditional, health.certificate(), x -> x.grantId = brief.id()))))
        .isEqualTo("403 grant-expired null");
  }

  @Test
  void anExchangeUnderAGrant_isRefused_onceItsResourceIsRetiredOrNoLongerShared() {
    String code = nextCode();
    healthClient.createResources(Descriptors.catalog(Descriptors.conditional(code, TestCity.code(health), "变更资源")));
    Grant grant = approvedGrant(police, code, List.of("证明编号"));
    assertThat(police.send(police.query(code, health.certificate(), x -> x.grantId = grant.id())).status()).isEqualTo(200);

    healthClient.updateResource(code, Descriptors.catalog(Descriptors.notShared(code, TestCity.code(health), "变更资源")));
    assertThat(problem(police.send(police.query(code, health.certificate(), x -> x.grantId = grant.id()))))
        .isEqualTo("403 not-shared null");

    healthClient.deleteResource(code);
    assertThat(problem(police.send(police.query(code, health.certificate(), x -> x.grantId = grant.id()))))
        .isEqualTo("409 resource-retired null");
  }

  @Test
  void aRefusal_isAuditedAsExchangeRefuse_denied() {
    long before = fixture.hub().auditEntries();
    ExchangeParty.Query q = police.query(conditional, health.certificate(), x -> { });
    assertThat(police.send(q).status()).isEqualTo(403);
    assertThat(events(before)).singleElement().satisfies(e -> {
      assertThat(e.action()).isEqualTo(AuditAction.EXCHANGE_REFUSE);
      assertThat(e.outcome()).isEqualTo(AuditOutcome.DENIED);
      assertThat(e.messageId()).contains(q.messageId().toString());
    });
  }

  // ------------------------------------------------------------------ grant decisions and resource state (issue 12)

  @Test
  void aPendingApplication_cannotBeApproved_onceItsResourceIsRetired() {
    String code = nextCode();
    healthClient.createResources(Descriptors.catalog(Descriptors.conditional(code, TestCity.code(health), "将退役资源")));
    Grant pending = police.client().createGrant(application(code, List.of("证明编号"), Instant.now().minusSeconds(60),
        Instant.now().plus(Duration.ofDays(30))));
    healthClient.deleteResource(code);

    RawRequests.Answer answer = new RawRequests(fixture.hub().uri(), health)
        .send("POST", "v1/grants/" + pending.id() + "/approve", "{}".getBytes(StandardCharsets.UTF_8), Map.of());
    assertThat(problem(answer)).isEqualTo("409 resource-retired null");
    assertThat(healthClient.getGrant(pending.id()).status().name()).isEqualTo("PENDING");
  }

  @Test
  void aPendingApplication_cannotBeApproved_onceItsResourceIsNoLongerShared() {
    String code = nextCode();
    healthClient.createResources(Descriptors.catalog(Descriptors.conditional(code, TestCity.code(health), "将停享资源")));
    Grant pending = police.client().createGrant(application(code, List.of("证明编号"), Instant.now().minusSeconds(60),
        Instant.now().plus(Duration.ofDays(30))));
    healthClient.updateResource(code, Descriptors.catalog(Descriptors.notShared(code, TestCity.code(health), "将停享资源")));

    RawRequests.Answer answer = new RawRequests(fixture.hub().uri(), health)
        .send("POST", "v1/grants/" + pending.id() + "/approve", "{}".getBytes(StandardCharsets.UTF_8), Map.of());
    assertThat(problem(answer)).isEqualTo("422 not-shareable resourceCode");
    assertThat(healthClient.getGrant(pending.id()).status().name()).isEqualTo("PENDING");
  }

  // ------------------------------------------------------------------ helpers

  static byte[] bytes(JsonNode node) {
    return node.toString().getBytes(StandardCharsets.UTF_8);
  }

  static ObjectNode with(ExchangeParty.Query q, java.util.function.Consumer<ObjectNode> change) {
    ObjectNode body = ExchangeParty.body(q);
    change.accept(body);
    return body;
  }

  /** "status type field" of a problem answer. */
  static String problem(RawRequests.Answer answer) {
    JsonNode body = json(answer);
    return answer.status() + " " + type(answer) + " " + (body.has("field") ? body.path("field").asText() : "null");
  }

  static CreateGrantOptions application(String code, List<String> items, Instant from, Instant until) {
    return new CreateGrantOptions(code, items, "出生一件事户籍登记", "《户口登记条例》第七条", from, until);
  }

  Grant approvedGrant(ExchangeParty consumer, String code, List<String> items) {
    Grant grant = consumer.client().createGrant(application(code, items, Instant.now().minusSeconds(60),
        Instant.now().plus(Duration.ofDays(30))));
    return healthClient.approveGrant(grant.id(), null);
  }

  List<AuditEvent> events(long from) {
    List<AuditEvent> events = new ArrayList<>();
    for (long i = from; i < fixture.hub().auditEntries(); i++) {
      events.add(fixture.hub().auditEvent(i));
    }
    return events;
  }

  /** Every column of every exchange row, as text. */
  String exchangeTable() throws Exception {
    StringBuilder all = new StringBuilder();
    try (Connection c = DriverManager.getConnection(fixture.databaseUrl(0));
        ResultSet rows = c.createStatement().executeQuery("SELECT * FROM exchange")) {
      int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        for (int i = 1; i <= columns; i++) {
          all.append(rows.getString(i)).append('|');
          String value = rows.getString(i);
          if (value != null && value.matches("[A-Za-z0-9_-]{40,}")) {
            all.append(new String(Base64.getUrlDecoder().decode(value), StandardCharsets.ISO_8859_1)).append('|');
          }
        }
        all.append('\n');
      }
    }
    return all.toString();
  }

  static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  static String nextCode() {
    return String.format("1 01 004/%06d", SEQUENCE.incrementAndGet());
  }
}
