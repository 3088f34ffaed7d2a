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

  // ------------------------------------------------------------------ helpers

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
