package dev.shuqiao.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.shuqiao.audit.AuditAction;
import dev.shuqiao.audit.AuditEvent;
import dev.shuqiao.audit.AuditLog;
import dev.shuqiao.audit.AuditOutcome;
import dev.shuqiao.audit.HmacSubjectPseudonymizer;
import dev.shuqiao.audit.SubjectPseudonymizer;
import dev.shuqiao.catalog.CreditCode;
import dev.shuqiao.crypto.CertificateAuthority;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.EnvelopeContent;
import dev.shuqiao.crypto.EnvelopeOpener;
import dev.shuqiao.crypto.EnvelopeSealer;
import dev.shuqiao.crypto.KeyAlgorithm;
import dev.shuqiao.crypto.KeyRequest;
import dev.shuqiao.crypto.OpenedEnvelope;
import dev.shuqiao.crypto.Pem;
import dev.shuqiao.crypto.ReplayGuard;
import dev.shuqiao.crypto.TrustStore;
import dev.shuqiao.exchange.ExchangeTicket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consumer side of an exchange against a scripted hub on a real socket (the JDK's HTTP server)
 * that plays hub and provider with real keys: it opens the sealed query as the provider would, signs
 * a ticket as the hub, and seals the response, or answers with the problems of docs/exchange.md §5.
 */
class ShuqiaoClientExchangeIT {

  static final String BIRTHS = "1 01 003/000001";
  static final String NUMBER = "出生医学证明编号";
  static final String NAME = "新生儿姓名";
  static final ObjectMapper JSON = new ObjectMapper();

  private static City intl;
  private static City gm;

  private HttpServer server;
  private City city;
  private volatile Relay relay;
  private final AtomicInteger posts = new AtomicInteger();
  private final AtomicInteger lookups = new AtomicInteger();
  private final List<byte[]> bodies = new CopyOnWriteArrayList<>();
  private final List<Map<String, String>> headers = new CopyOnWriteArrayList<>();
  private final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  /** The certificate the directory lists for the provider; null: the provider's own. */
  private volatile java.security.cert.X509Certificate listedCertificate;

  /** A city CA and the four parties, all of one suite. */
  record City(TrustStore trust, DepartmentIdentity consumer, DepartmentIdentity provider, DepartmentIdentity hub,
      DepartmentIdentity stranger) {

    static City of(KeyAlgorithm algorithm) {
      CertificateAuthority ca = CertificateAuthority.create(algorithm, "测试市CA", creditCode(1), Duration.ofDays(30));
      TrustStore trust = TrustStore.builder().addRoot(ca.certificate()).addCrl(ca.crl(List.of(), Duration.ofDays(2)))
          .build();
      return new City(trust, issue(ca, algorithm, "柳州市公安局", 2), issue(ca, algorithm, "柳州市卫生健康委员会", 3),
          issue(ca, algorithm, "柳州市大数据发展局", 4), issue(ca, algorithm, "某冒名单位", 5));
    }

    private static DepartmentIdentity issue(CertificateAuthority ca, KeyAlgorithm algorithm, String name, int n) {
      KeyRequest request = KeyRequest.generate(algorithm, name, creditCode(n));
      return request.complete(ca.issue(request.csrPem(), Duration.ofDays(30)));
    }

    String code(DepartmentIdentity identity) {
      return identity.department().creditCode().toString();
    }
  }

  private static final AtomicInteger SERIAL = new AtomicInteger();

  /** A valid 统一社会信用代码, distinct per call (the check character computed as GB 32100 says). */
  static CreditCode creditCode(int n) {
    return CreditCode.withCheckCharacters("11450200MB" + String.format("%06d", n * 1000 + SERIAL.incrementAndGet()));
  }

  interface Relay {
    void answer(int post, HttpExchange exchange, Relayed relayed) throws IOException;
  }

  /** What the scripted hub received: the body and the query envelope in it. */
  record Relayed(ObjectNode body, byte[] query) {}

  @BeforeAll
  static void cities() {
    intl = City.of(KeyAlgorithm.ED25519);
    gm = City.of(KeyAlgorithm.SM2);
  }

  @BeforeEach
  void start() throws IOException {
    city = intl;
    relay = (post, exchange, relayed) -> deliver(exchange, relayed, UnaryOperator.identity());
    server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.createContext("/v1/catalog/resources/", exchange -> {
      lookups.incrementAndGet();
      send(exchange, 200, "{\"code\":\"" + BIRTHS + "\",\"name\":\"出生医学证明\",\"providerCode\":\""
          + city.code(city.provider()) + "\",\"abstract\":\"\",\"sharingType\":\"CONDITIONAL\",\"classification\":\"\","
          + "\"format\":\"\",\"version\":1,\"status\":\"ACTIVE\",\"updatedAt\":\"2026-01-01T00:00:00Z\"}");
    });
    server.createContext("/v1/departments/", exchange -> {
      lookups.incrementAndGet();
      ObjectNode department = JSON.createObjectNode().put("code", city.code(city.provider())).put("name", "卫健委")
          .put("endpointUrl", "https://health.example").put("status", "ACTIVE")
          .put("certificatePem", Pem.encode(listedCertificate != null ? listedCertificate : city.provider().certificate()))
          .put("createdAt", "2026-01-01T00:00:00Z").put("updatedAt", "2026-01-01T00:00:00Z");
      send(exchange, 200, department.toString());
    });
    server.createContext("/v1/exchanges", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      bodies.add(body);
      headers.add(Map.of("idempotency", String.valueOf(exchange.getRequestHeaders().getFirst("Idempotency-Key")),
          "signature-input", String.valueOf(exchange.getRequestHeaders().getFirst("Signature-Input"))));
      ObjectNode parsed = (ObjectNode) JSON.readTree(body);
      relay.answer(posts.incrementAndGet(), exchange,
          new Relayed(parsed, Base64.getUrlDecoder().decode(parsed.path("request").asText())));
    });
    server.start();
  }

  @AfterEach
  void stop() {
    stopped.countDown();
    server.stop(0);
  }

  private ShuqiaoClientBuilder builder() {
    return ShuqiaoClient.builder().endpoint("http://localhost:" + server.getAddress().getPort())
        .credential(city.consumer()).trustStore(city.trust()).signingSessions(false)
        .retryOptions(new RetryOptions(3, Duration.ofMillis(10), Duration.ofMillis(50)))
        .auditRecorder(event -> {
          audit.add(event);
          return audit.size() - 1;
        })
        .subjectPseudonymizer(PSEUDONYMS).systemName("户籍管理系统");
  }

  private ShuqiaoClient client() {
    return builder().addHubExchangeCertificate(city.hub().certificate()).build();
  }

  static final SubjectPseudonymizer PSEUDONYMS =
      HmacSubjectPseudonymizer.withKey("test-only pseudonym key, 32 bytes!".getBytes(StandardCharsets.UTF_8));

  private static ExchangeRequest request() {
    return ExchangeRequest.builder().resourceCode(BIRTHS).items(List.of(NUMBER, NAME)).parameter(NUMBER, "Q450200123")
        .subject("450202201501010012").purpose("出生一件事：户籍登记").caseId("BIRTH-450200-000017").grantId("g-7")
        .timeout(Duration.ofSeconds(10)).build();
  }

  // ---- the scripted hub and provider ----

  /** Opens the query as the provider, signs a ticket as the hub, seals {@code records} as the provider. */
  private void deliver(HttpExchange exchange, Relayed relayed, UnaryOperator<ObjectNode> result) throws IOException {
    deliver(exchange, relayed, result, city.provider(), ticketFor(relayed).build().sign(city.hub()));
  }

  private void deliver(HttpExchange exchange, Relayed relayed, UnaryOperator<ObjectNode> result,
      DepartmentIdentity sealer, String ticket) throws IOException {
    OpenedEnvelope query = openQuery(relayed);
    JsonNode payload = JSON.readTree(query.payload());
    ObjectNode response = JSON.createObjectNode().put("inReplyTo", relayed.body().path("messageId").asText());
    response.set("items", relayed.body().get("items"));
    ArrayNode records = response.putArray("records");
    records.addObject().put(NUMBER, payload.path("parameters").path(NUMBER).asText()).put(NAME, "张*");
    EnvelopeContent.Builder content = EnvelopeContent.builder().addRecipient(query.sender().certificate())
        .resourceCode(BIRTHS).contentType("application/vnd.shuqiao.result+json")
        .payload(JSON.writeValueAsBytes(result.apply(response)));
    query.header().grantId().ifPresent(content::grantId);
    query.header().caseId().ifPresent(content::caseId);
    byte[] sealed = EnvelopeSealer.builder().identity(sealer).build().sealToBinary(content.build());
    send(exchange, 200, JSON.createObjectNode().put("messageId", relayed.body().path("messageId").asText())
        .put("status", "DELIVERED").put("ticket", ticket)
        .put("response", Base64.getUrlEncoder().withoutPadding().encodeToString(sealed)).toString());
  }

  private OpenedEnvelope openQuery(Relayed relayed) {
    return EnvelopeOpener.builder().addIdentity(city.provider()).trustStore(city.trust())
        .replayGuard(ReplayGuard.builder().build()).build().open(relayed.query());
  }

  private ExchangeTicket.Builder ticketFor(Relayed relayed) {
    List<String> items = new ArrayList<>();
    relayed.body().path("items").forEach(i -> items.add(i.asText()));
    Instant now = Instant.now();
    return ExchangeTicket.builder().hub(city.code(city.hub()))
        .messageId(UUID.fromString(relayed.body().path("messageId").asText())).consumer(city.code(city.consumer()))
        .provider(city.code(city.provider())).resourceCode(BIRTHS).items(items).grantId("g-7").purpose("出生一件事：户籍登记")
        .caseId("BIRTH-450200-000017").requestDigest(ExchangeTicket.digestOf(city.hub().keyAlgorithm(), relayed.query()))
        .issuedAt(now).expiresAt(now.plusSeconds(60));
  }

  private static void problem(HttpExchange exchange, int status, String type, String extra) throws IOException {
    send(exchange, status, "application/problem+json", "{\"type\":\"https://shuqiao.dev/problems/" + type
        + "\",\"title\":\"" + type + "\",\"status\":" + status + ",\"detail\":\"scripted\"" + extra + "}");
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    send(exchange, status, "application/json", body);
  }

  private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private List<String> auditTrail() {
    return audit.stream().map(e -> e.action().code() + "/" + e.outcome().code()).toList();
  }

  /** A caller's class: one field by {@code @JsonProperty}, one by its own name. */
  static final class Birth {
    @JsonProperty(NUMBER)
    String number;
    public String 新生儿姓名;
  }

  // ---- the tests ----

  @Test
  void exchange_sealsTheQueryForTheProviderAndReturnsTheCheckedRecords() throws Exception {
    ShuqiaoClient client = client();

    ExchangeResponse response = client.exchange(request());

    assertThat(response.records()).singleElement().satisfies(r -> {
      assertThat(r.path(NUMBER).asText()).isEqualTo("Q450200123");
      assertThat(r.path(NAME).asText()).isEqualTo("张*");
    });
    assertThat(response.recordsAs(Birth.class)).singleElement().satisfies(b -> {
      assertThat(b.number).isEqualTo("Q450200123");
      assertThat(b.新生儿姓名).isEqualTo("张*");
    });
    assertThat(response.items()).containsExactly(NUMBER, NAME);
    assertThat(response.provider()).isEqualTo(city.code(city.provider()));
    assertThat(response.ticket().messageId()).isEqualTo(response.messageId());

    // What the hub saw: the authenticated metadata in clear, the parameters and subject only sealed.
    ObjectNode body = (ObjectNode) JSON.readTree(bodies.get(0));
    assertThat(body.path("messageId").asText()).isEqualTo(response.messageId().toString());
    assertThat(body.path("resourceCode").asText()).isEqualTo(BIRTHS);
    assertThat(body.path("caseId").asText()).isEqualTo("BIRTH-450200-000017");
    assertThat(body.path("grantId").asText()).isEqualTo("g-7");
    assertThat(JSON.convertValue(body.get("items"), List.class)).containsExactly(NUMBER, NAME);
    assertThat(new String(bodies.get(0), StandardCharsets.UTF_8)).doesNotContain("Q450200123")
        .doesNotContain("450202201501010012");
    OpenedEnvelope query = openQuery(new Relayed(body, Base64.getUrlDecoder().decode(body.path("request").asText())));
    assertThat(query.header().messageId()).isEqualTo(response.messageId());
    assertThat(query.header().contentType()).isEqualTo("application/vnd.shuqiao.query+json");
    assertThat(query.header().grantId()).contains("g-7");
    assertThat(JSON.readTree(query.payload())).isEqualTo(JSON.readTree(
        "{\"parameters\":{\"出生医学证明编号\":\"Q450200123\"},\"subject\":\"450202201501010012\","
            + "\"items\":[\"出生医学证明编号\",\"新生儿姓名\"],\"purpose\":\"" + body.path("purpose").asText() + "\"}"));
    assertThat(headers.get(0).get("idempotency")).isEqualTo("null");

    // The consumer's audit: request then deliver, same message id and case, the subject as a pseudonym.
    assertThat(auditTrail()).containsExactly("exchange.request/success", "exchange.deliver/success");
    assertThat(audit).allSatisfy(e -> {
      assertThat(e.messageId()).contains(response.messageId().toString());
      assertThat(e.caseId()).contains("BIRTH-450200-000017");
      assertThat(e.grantId()).contains("g-7");
      assertThat(e.actor().departmentCode()).isEqualTo(city.code(city.consumer()));
      assertThat(e.actor().system()).isEqualTo("户籍管理系统");
      assertThat(e.subject()).contains(PSEUDONYMS.pseudonymize("450202201501010012"));
    });
  }

  @Test
  void exchange_inTheGmSuite_sealsWithSm2AndVerifiesTheSm2Ticket() {
    city = gm;
    ExchangeResponse response = client().exchangeAsync(request()).join();
    assertThat(response.records()).hasSize(1);
    assertThat(response.ticket().requestDigest()).startsWith("sm3:");
  }

  @Test
  void exchange_retriesResendTheSameSealedBytesUntilTheHubAnswers() {
    relay = (post, exchange, relayed) -> {
      switch (post) {
        case 1 -> exchange.close(); // connection dropped
        case 2 -> problem(exchange, 503, "unavailable", "");
        case 3 -> {
          exchange.getResponseHeaders().add("Retry-After", "0");
          problem(exchange, 409, "exchange-in-progress", "");
        }
        default -> deliver(exchange, relayed, UnaryOperator.identity());
      }
    };

    ExchangeResponse response = client().exchange(request());

    assertThat(response.records()).hasSize(1);
    assertThat(posts).hasValue(4);
    assertThat(bodies).allSatisfy(b -> assertThat(b).isEqualTo(bodies.get(0)));
    assertThat(headers).extracting(h -> h.get("signature-input")).doesNotHaveDuplicates();
    assertThat(auditTrail()).containsExactly("exchange.request/success", "exchange.deliver/success");
  }

  @Test
  void exchange_providerUnavailable_isTypedNotRetriedAndAudited() {
    relay = (post, exchange, relayed) -> {
      exchange.getResponseHeaders().add("Retry-After", "10");
      problem(exchange, 503, "provider-unavailable", ",\"circuitOpen\":true,\"messageId\":\""
          + relayed.body().path("messageId").asText() + "\"");
    };

    assertThatThrownBy(() -> client().exchange(request())).isInstanceOfSatisfying(ProviderUnavailableException.class,
        e -> {
          assertThat(e.circuitOpen()).isTrue();
          assertThat(e.retryAfter()).contains(Duration.ofSeconds(10));
          assertThat(e.messageId()).map(UUID::toString).contains(audit.get(0).messageId().orElseThrow());
        });
    assertThat(posts).hasValue(1);
    assertThat(auditTrail()).containsExactly("exchange.request/success", "exchange.refuse/failed");
  }

  @Test
  void exchange_hubProblems_becomeTypedExceptionsAndRefusalsAreAuditedAsDenied() {
    ShuqiaoClient client = client();
    relay = (post, exchange, relayed) -> problem(exchange, 504, "provider-timeout", "");
    assertThatThrownBy(() -> client.exchange(request())).isInstanceOfSatisfying(ProviderTimeoutException.class,
        e -> assertThat(e.type()).isEqualTo("provider-timeout"));
    relay = (post, exchange, relayed) -> problem(exchange, 403, "grant-expired", "");
    assertThatThrownBy(() -> client.exchange(request())).isInstanceOfSatisfying(ExchangeRefusedException.class,
        e -> assertThat(e.type()).isEqualTo("grant-expired"));
    relay = (post, exchange, relayed) -> problem(exchange, 403, "not-shared", "");
    assertThatThrownBy(() -> client.exchange(request())).isInstanceOfSatisfying(ExchangeRefusedException.class,
        e -> assertThat(e.status()).isEqualTo(403));
    relay = (post, exchange, relayed) -> problem(exchange, 502, "provider-refused", ",\"providerType\":\"query-refused\"");
    assertThatThrownBy(() -> client.exchange(request())).isInstanceOfSatisfying(ExchangeRefusedException.class,
        e -> assertThat(e.providerType()).contains("query-refused"));
    relay = (post, exchange, relayed) -> problem(exchange, 409, "message-id-reused", "");
    assertThatThrownBy(() -> client.exchange(request())).isInstanceOf(ConflictException.class);
    relay = (post, exchange, relayed) -> problem(exchange, 403, "department-suspended", "");
    assertThatThrownBy(() -> client.exchange(request())).isInstanceOf(ForbiddenException.class)
        .isNotInstanceOf(ExchangeException.class);

    assertThat(auditTrail()).containsExactly(
        "exchange.request/success", "exchange.refuse/failed",
        "exchange.request/success", "exchange.refuse/denied",
        "exchange.request/success", "exchange.refuse/denied",
        "exchange.request/success", "exchange.refuse/denied",
        "exchange.request/success", "exchange.refuse/failed",
        "exchange.request/success", "exchange.refuse/failed");
    assertThat(posts).hasValue(6);
  }

  @Test
  void exchange_aHubThatNeverAnswers_endsInProviderTimeoutAtTheRequestsDeadline() {
    relay = (post, exchange, relayed) -> {
      try {
        stopped.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    long start = System.nanoTime();

    assertThatThrownBy(() -> client().exchange(request().newBuilder().timeout(Duration.ofMillis(1500)).build()))
        .isInstanceOfSatisfying(ProviderTimeoutException.class, e -> assertThat(e.type()).isEqualTo("deadline"));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1400), Duration.ofMillis(4000));
    assertThat(auditTrail()).containsExactly("exchange.request/success", "exchange.refuse/failed");
  }

  @Test
  void exchange_failsClosedOnAnAnswerThatDoesNotVerify() {
    ShuqiaoClient client = client();
    record Case(String type, Relay relay) {}
    List<Case> cases = List.of(
        new Case("item-not-granted", (p, ex, r) -> deliver(ex, r, resp -> {
          ((ObjectNode) resp.get("records").get(0)).put("母亲身份证号", "450202199001010027");
          return resp;
        })),
        new Case("response-sender", (p, ex, r) -> deliver(ex, r, UnaryOperator.identity(), city.stranger(),
            ticketFor(r).build().sign(city.hub()))),
        new Case("response-mismatch", (p, ex, r) -> deliver(ex, r, resp -> resp.put("inReplyTo",
            UUID.randomUUID().toString()))),
        new Case("ticket-signature", (p, ex, r) -> deliver(ex, r, UnaryOperator.identity(), city.provider(),
            ticketFor(r).hub(city.code(city.stranger())).build().sign(city.stranger()))),
        new Case("ticket-mismatch", (p, ex, r) -> deliver(ex, r, UnaryOperator.identity(), city.provider(),
            ticketFor(r).items(List.of(NUMBER)).build().sign(city.hub()))),
        new Case("ticket-mismatch", (p, ex, r) -> deliver(ex, r, UnaryOperator.identity(), city.provider(),
            ticketFor(r).messageId(UUID.randomUUID()).build().sign(city.hub()))),
        new Case("envelope-invalid", (p, ex, r) -> send(ex, 200, JSON.createObjectNode()
            .put("messageId", r.body().path("messageId").asText()).put("status", "DELIVERED")
            .put("ticket", ticketFor(r).build().sign(city.hub()))
            .put("response", r.body().path("request").asText()).toString())));
    for (Case c : cases) {
      relay = c.relay();
      audit.clear();
      assertThatThrownBy(() -> client.exchange(request())).as(c.type())
          .isInstanceOfSatisfying(ExchangeProtocolException.class, e -> {
            assertThat(e.type()).isEqualTo(c.type());
            assertThat(e.getMessage()).doesNotContain("450202199001010027").doesNotContain("Q450200123");
          });
      assertThat(auditTrail()).as(c.type()).containsExactly("exchange.request/success", "exchange.refuse/failed");
    }
  }

  @Test
  void exchange_withoutAPinnedHubCertificate_matchesTheTicketButDoesNotVerifyItsSignature() {
    relay = (p, ex, r) -> deliver(ex, r, UnaryOperator.identity(), city.provider(),
        ticketFor(r).hub(city.code(city.stranger())).build().sign(city.stranger()));
    assertThat(builder().build().exchange(request()).records()).hasSize(1);
    assertThatThrownBy(() -> client().exchange(request())).isInstanceOf(ExchangeProtocolException.class);
  }

  @Test
  void exchange_refusesAProviderCertificateTheCityDoesNotTrustBeforeSendingAnything() {
    ShuqiaoClient client = client();
    listedCertificate = City.of(KeyAlgorithm.ED25519).provider().certificate(); // same name, another CA
    assertThatThrownBy(() -> client.exchange(request())).isInstanceOfSatisfying(ExchangeProtocolException.class,
        e -> assertThat(e.type()).isEqualTo("provider-certificate"));
    listedCertificate = city.stranger().certificate(); // trusted, but another department's
    assertThatThrownBy(() -> builder().build().exchange(request()))
        .isInstanceOfSatisfying(ExchangeProtocolException.class, e -> assertThat(e.getMessage())
            .contains("names department " + city.code(city.stranger())));
    assertThat(posts).hasValue(0);
    assertThat(audit).isEmpty();
  }

  @Test
  void exchange_looksTheProviderUpOnceWithinTheCacheTtl() {
    ShuqiaoClient client = client();
    client.exchange(request());
    client.exchange(request());
    assertThat(lookups).hasValue(2);
    ShuqiaoClient uncached = builder().directoryCacheTtl(Duration.ZERO).build();
    uncached.exchange(request());
    uncached.exchange(request());
    assertThat(lookups).hasValue(6);
  }

  @Test
  void builder_refusesExchangeSettingsThatCannotWork() {
    ShuqiaoClient noTrust = ShuqiaoClient.builder().endpoint("http://localhost:1").credential(city.consumer()).build();
    assertThatThrownBy(() -> noTrust.exchange(request())).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("trust store");
    assertThatThrownBy(() -> ShuqiaoClient.builder().endpoint("http://localhost:1").credential(city.consumer())
        .trustStore(city.trust()).auditRecorder(e -> 0).build()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("subjectPseudonymizer");
    assertThatThrownBy(() -> ShuqiaoClient.builder().endpoint("http://localhost:1").credential(city.consumer())
        .addHubExchangeCertificate(city.hub().certificate()).build()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("trustStore");
  }

  @Test
  void exchange_whoseAuditFails_sendsNothing() {
    ShuqiaoClient client = builder().auditRecorder(e -> {
      throw new dev.shuqiao.audit.AuditException("disk full");
    }).build();
    assertThatThrownBy(() -> client.exchange(request())).isInstanceOfSatisfying(ShuqiaoException.class,
        e -> assertThat(e.type()).isEqualTo("audit-failed"));
    assertThat(posts).hasValue(0);
  }

  @Test
  void send_ofTheSameExchangeAgain_inThisProcessOrAfterARestart_recordsItsRequestOnce(@TempDir java.nio.file.Path tmp) throws Exception {
    java.util.concurrent.atomic.AtomicBoolean dropping = new java.util.concurrent.atomic.AtomicBoolean(true);
    relay = (post, exchange, relayed) -> {
      if (dropping.get()) {
        exchange.close(); // no answer: the outcome is unknown, the same bytes must be sent again
      } else {
        deliver(exchange, relayed, UnaryOperator.identity());
      }
    };
    try (AuditLog log = AuditLog.builder().directory(tmp.resolve("audit")).origin("audit.test").open()) {
      ShuqiaoClient first = builder().auditRecorder(log).addHubExchangeCertificate(city.hub().certificate()).build();
      PreparedExchange prepared = first.prepareExchange(request());
      assertThatThrownBy(() -> first.send(prepared)).isInstanceOf(ShuqiaoException.class);
      assertThatThrownBy(() -> first.send(prepared)).isInstanceOf(ShuqiaoException.class);
      byte[] journaled = prepared.toBytes();
      // the process dies; a new one rebuilds the exchange from what it journaled and sends it again
      dropping.set(false);
      ShuqiaoClient second = builder().auditRecorder(log).addHubExchangeCertificate(city.hub().certificate()).build();
      second.send(PreparedExchange.fromBytes(journaled));

      List<String> trail = new ArrayList<>();
      for (long i = 0; i < log.size(); i++) {
        AuditEvent event = log.read(i);
        assertThat(event.messageId()).contains(prepared.messageId().toString());
        trail.add(event.action().code() + "/" + event.outcome().code());
      }
      assertThat(trail).containsExactly("exchange.request/success", "exchange.refuse/failed", "exchange.refuse/failed",
          "exchange.deliver/success");
      assertThat(posts.get()).isGreaterThan(2);
    }
  }

  @Test
  void send_ofAnExchangeRebuiltAfterARestart_recordsItsRequestWhenTheLogLacksIt(@TempDir java.nio.file.Path tmp) throws Exception {
    // the process journaled the exchange and died before recording or sending anything
    byte[] journaled = client().prepareExchange(request()).toBytes();
    try (AuditLog log = AuditLog.builder().directory(tmp.resolve("audit")).origin("audit.test").open()) {
      ShuqiaoClient restarted = builder().auditRecorder(log).addHubExchangeCertificate(city.hub().certificate()).build();

      restarted.send(PreparedExchange.fromBytes(journaled));

      assertThat(log.size()).isEqualTo(2);
      assertThat(List.of(log.read(0).action(), log.read(1).action()))
          .containsExactly(AuditAction.EXCHANGE_REQUEST, AuditAction.EXCHANGE_DELIVER);
    }
  }
}
