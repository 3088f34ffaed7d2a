package dev.shuqiao.provider;

import static dev.shuqiao.provider.ExchangeFixture.relay;
import static dev.shuqiao.provider.TestCity.BIRTH;
import static dev.shuqiao.provider.TestCity.code;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shuqiao.audit.AuditAction;
import dev.shuqiao.audit.AuditEvent;
import dev.shuqiao.audit.AuditOutcome;
import dev.shuqiao.exchange.ExchangeTicket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The push mode over a real socket: Jetty on port 0 hosting {@link ProviderServlet}, real envelopes
 * and tickets signed by a test hub identity of a test city CA. The provider-side authorization
 * matrix of docs/exchange.md §3, item filtering and masking (§7), idempotency (§6), statuses (§5).
 */
class ProviderServletIT {

  private static final List<String> ITEMS = List.of("出生医学证明编号", "新生儿姓名", "母亲姓名", "母亲身份证号", "父亲身份证号", "出生体重");
  private static ExchangeFixture fixture;
  private static Server server;
  private static URI endpoint;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    fixture = new ExchangeFixture();
    ExchangeProvider provider = fixture.providerBuilder().maxRelayBytes(64 * 1024).build();
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(new ProviderServlet(provider)), "/shuqiao/exchange");
    server.setHandler(context);
    server.start();
    endpoint = URI.create("http://localhost:" + connector.getLocalPort() + "/shuqiao/exchange");
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
  }

  @BeforeEach
  void reset() {
    fixture.audit.clear();
    fixture.handlerRuns.set(0);
  }

  private static HttpResponse<byte[]> post(byte[] body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(endpoint).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static void assertRefused(HttpResponse<byte[]> response, int status, String type) throws Exception {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        v -> assertThat(v).startsWith("application/problem+json"));
    Map<String, Object> problem = ExchangeFixture.problem(response.body());
    assertThat(problem).containsEntry("type", "https://shuqiao.dev/problems/" + type).containsEntry("status", status);
    assertThat(fixture.handlerRuns).hasValue(0);
  }

  @Test
  void delivers_onlyTheTicketsItems_maskedPerCatalog_sealedForTheConsumer() throws Exception {
    byte[] envelope = fixture.query();
    ExchangeTicket ticket = fixture.ticket(envelope, ITEMS).build();
    HttpResponse<byte[]> response = post(relay(ticket.sign(fixture.hub), envelope));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode result = fixture.openResponse(response.body());
    assertThat(result.get("inReplyTo").textValue()).isEqualTo(ticket.messageId().toString());
    JsonNode record = result.get("records").get(0);
    List<String> names = new java.util.ArrayList<>();
    record.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactlyElementsOf(ITEMS); // 签发日期 and internalNote were returned too, never delivered
    assertThat(record.get("出生医学证明编号").textValue()).isEqualTo(ExchangeFixture.CERTIFICATE);
    assertThat(record.get("新生儿姓名").textValue()).isEqualTo("张**"); // catalog: name
    assertThat(record.get("母亲姓名").textValue()).isEqualTo("***"); // @Masked, no catalog rule: full
    assertThat(record.get("母亲身份证号").textValue()).isEqualTo("450202********1234"); // id-number
    assertThat(record.get("父亲身份证号").textValue()).isEqualTo(fixture.pseudonymKey.pseudonym("父亲身份证号",
        "450202198805052345")).doesNotContain("450202198805052345");
    assertThat(record.get("出生体重").intValue()).isEqualTo(3250);
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain("院内备注", "张小明");
  }

  @Test
  void delivery_isAuditedAsRequestThenDeliver_withTheTicketsConsumerAndAPseudonymousSubject() throws Exception {
    byte[] envelope = fixture.query();
    ExchangeTicket ticket = fixture.ticket(envelope, ITEMS).build();
    assertThat(post(relay(ticket.sign(fixture.hub), envelope)).statusCode()).isEqualTo(200);

    assertThat(fixture.audit).extracting(AuditEvent::action)
        .containsExactly(AuditAction.EXCHANGE_REQUEST, AuditAction.EXCHANGE_DELIVER);
    for (AuditEvent event : fixture.audit) {
      assertThat(event.actor().departmentCode()).isEqualTo(code(fixture.consumer));
      assertThat(event.messageId()).hasValue(ticket.messageId().toString());
      assertThat(event.caseId()).hasValue(ExchangeFixture.CASE);
      assertThat(event.grantId()).hasValue(ExchangeFixture.GRANT);
      assertThat(event.resourceCode()).hasValue(BIRTH);
      assertThat(event.outcome()).isEqualTo(AuditOutcome.SUCCESS);
      assertThat(event.subject()).isPresent();
      assertThat(event.toString()).doesNotContain(ExchangeFixture.SUBJECT);
    }
  }

  @Test
  void forgedTicket_signedByAnotherKey_isRefused() throws Exception {
    byte[] envelope = fixture.query();
    // A valid city key, not pinned, naming itself as hub ...
    String forged = fixture.ticket(envelope, ITEMS).hub(code(fixture.outsider)).build().sign(fixture.outsider);
    assertRefused(post(relay(forged, envelope)), 401, "ticket-signature");
    // ... or naming the real hub, with its own signature over the exact signed bytes.
    String genuine = fixture.ticket(envelope, ITEMS).build().sign(fixture.hub);
    String payload = genuine.substring(0, genuine.indexOf('.'));
    byte[] signed = ("shuqiao exchange ticket v1\n" + new String(Base64.getUrlDecoder().decode(payload),
        StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    String resigned = payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(fixture.outsider.sign(signed));
    assertRefused(post(relay(resigned, envelope)), 401, "ticket-signature");
    assertThat(fixture.audit).isEmpty(); // not an exchange of the hub's
  }

  @Test
  void alteredTicket_onePayloadByteFlipped_isRefused() throws Exception {
    byte[] envelope = fixture.query();
    String ticket = fixture.ticket(envelope, List.of("出生医学证明编号")).build().sign(fixture.hub);
    int dot = ticket.indexOf('.');
    byte[] payload = Base64.getUrlDecoder().decode(ticket.substring(0, dot));
    String json = new String(payload, StandardCharsets.UTF_8);
    byte[] altered = json.replace("\"出生医学证明编号\"", "\"出生医学证明编号\",\"新生儿姓名\"").getBytes(StandardCharsets.UTF_8);
    String widened = Base64.getUrlEncoder().withoutPadding().encodeToString(altered) + ticket.substring(dot);
    assertRefused(post(relay(widened, envelope)), 401, "ticket-signature");

    payload[payload.length / 2] ^= 0x01;
    String flipped = Base64.getUrlEncoder().withoutPadding().encodeToString(payload) + ticket.substring(dot);
    HttpResponse<byte[]> response = post(relay(flipped, envelope));
    assertThat(response.statusCode()).isIn(400, 401);
    assertThat(ExchangeFixture.problem(response.body()).get("type").toString()).matches(".*/ticket-(signature|malformed)");
    assertThat(fixture.handlerRuns).hasValue(0);
  }

  @Test
  void replayedTicket_withOtherEnvelopeBytes_isRefused() throws Exception {
    byte[] envelope = fixture.query();
    String ticket = fixture.ticket(envelope, ITEMS).build().sign(fixture.hub);
    byte[] other = fixture.query();
    assertRefused(post(relay(ticket, other)), 403, "ticket-mismatch");
    assertThat(fixture.audit).singleElement().satisfies(e -> assertThat(e.action()).isEqualTo(AuditAction.EXCHANGE_REFUSE));
  }

  @Test
  void expiredTicket_isRefused_andAuditedUnderItsMessageId() throws Exception {
    byte[] envelope = fixture.query();
    Instant past = Instant.now().minus(Duration.ofMinutes(5));
    ExchangeTicket ticket = fixture.ticket(envelope, ITEMS).issuedAt(past).expiresAt(past.plusSeconds(60)).build();
    assertRefused(post(relay(ticket.sign(fixture.hub), envelope)), 401, "ticket-expired");
    assertThat(fixture.audit).singleElement().satisfies(e -> {
      assertThat(e.action()).isEqualTo(AuditAction.EXCHANGE_REFUSE);
      assertThat(e.outcome()).isEqualTo(AuditOutcome.DENIED);
      assertThat(e.messageId()).hasValue(ticket.messageId().toString());
    });
  }

  @Test
  void ticketForAnotherProvider_isRefused_withoutARecordOfAForeignExchangeInThisLog() throws Exception {
    byte[] envelope = fixture.query();
    String ticket = fixture.ticket(envelope, ITEMS).provider(code(fixture.outsider)).build().sign(fixture.hub);
    assertRefused(post(relay(ticket, envelope)), 403, "ticket-mismatch");
    assertThat(fixture.audit).isEmpty();
  }

  /**
   * Items and purpose travel in clear to the hub, so the consumer also signs them inside the query:
   * a ticket that widens the items, reorders or drops one, or changes the purpose is not the
   * consumer's request, whoever signed the ticket.
   */
  @Test
  void ticketWhoseItemsOrPurposeAreNotTheConsumerSignedOnes_isRefused_handlerNeverRuns() throws Exception {
    List<String> asked = List.of("出生医学证明编号", "新生儿姓名");
    List<List<String>> otherItems = List.of(ITEMS, List.of("出生医学证明编号"), List.of("新生儿姓名", "出生医学证明编号"),
        List.of("出生医学证明编号", "母亲姓名"));
    for (List<String> items : otherItems) {
      byte[] envelope = fixture.query(asked); // a new message id each time: an answered id only replays its answer
      String ticket = fixture.ticket(envelope, items).build().sign(fixture.hub);
      HttpResponse<byte[]> response = post(relay(ticket, envelope));
      assertRefused(response, 403, "ticket-mismatch");
      assertThat(ExchangeFixture.problem(response.body()).get("detail").toString()).contains("items");
    }
    byte[] envelope = fixture.query(asked);
    String otherPurpose = fixture.ticket(envelope, asked).purpose("其他用途").build().sign(fixture.hub);
    HttpResponse<byte[]> response = post(relay(otherPurpose, envelope));
    assertRefused(response, 403, "ticket-mismatch");
    assertThat(ExchangeFixture.problem(response.body()).get("detail").toString()).contains("purpose");
    byte[] fresh = fixture.query(asked);
    assertThat(post(relay(fixture.ticket(fresh, asked).build().sign(fixture.hub), fresh)).statusCode()).isEqualTo(200);
  }

  @Test
  void queryWithoutSignedItemsOrPurpose_isRefusedAsAnInvalidEnvelope() throws Exception {
    for (String payload : new String[] {"{\"parameters\":{},\"purpose\":\"出生一件事：户籍登记\"}",
        "{\"parameters\":{},\"items\":[\"出生医学证明编号\"]}",
        "{\"items\":\"出生医学证明编号\",\"purpose\":\"出生一件事：户籍登记\"}",
        "{\"items\":[1],\"purpose\":\"出生一件事：户籍登记\"}"}) {
      byte[] envelope = fixture.consumerSealer.sealToBinary(dev.shuqiao.crypto.EnvelopeContent.builder()
          .addRecipient(fixture.provider.certificate()).resourceCode(BIRTH).grantId(ExchangeFixture.GRANT)
          .caseId(ExchangeFixture.CASE).contentType(RelayProcessor.QUERY_TYPE)
          .payload(payload.getBytes(StandardCharsets.UTF_8)).build());
      String ticket = fixture.ticket(envelope, List.of("出生医学证明编号")).build().sign(fixture.hub);
      assertRefused(post(relay(ticket, envelope)), 400, "envelope-invalid");
    }
  }

  @Test
  void replaysOfAnAnsweredExchange_withOtherBytes_areRefusedWithoutContradictingItsAuditRecords() throws Exception {
    byte[] envelope = fixture.query();
    String ticket = fixture.ticket(envelope, ITEMS).build().sign(fixture.hub);
    assertThat(post(relay(ticket, envelope)).statusCode()).isEqualTo(200);
    fixture.handlerRuns.set(0);
    assertRefused(post(relay(ticket, fixture.query())), 403, "ticket-mismatch");
    assertThat(fixture.audit).extracting(AuditEvent::action)
        .containsExactly(AuditAction.EXCHANGE_REQUEST, AuditAction.EXCHANGE_DELIVER);
  }

  @Test
  void envelopeSenderOtherThanTheTicketsConsumer_isRefused() throws Exception {
    byte[] envelope = fixture.query(fixture.outsider, fixture.provider, BIRTH);
    String ticket = fixture.ticket(envelope, ITEMS).build().sign(fixture.hub); // names the consumer
    assertRefused(post(relay(ticket, envelope)), 403, "ticket-mismatch");
    assertThat(fixture.audit).singleElement().satisfies(e -> assertThat(e.action()).isEqualTo(AuditAction.EXCHANGE_REFUSE));
  }

  @Test
  void envelopeForAnotherDepartment_isRefused() throws Exception {
    byte[] envelope = fixture.query(fixture.consumer, fixture.outsider, BIRTH);
    String ticket = fixture.ticket(envelope, ITEMS).build().sign(fixture.hub);
    assertRefused(post(relay(ticket, envelope)), 400, "envelope-invalid");
  }

  @Test
  void envelopeForAnotherResourceThanTheTicket_isRefused() throws Exception {
    byte[] envelope = fixture.query(fixture.consumer, fixture.provider, "1 01 001/000001");
    String ticket = fixture.ticket(envelope, ITEMS).build().sign(fixture.hub);
    assertRefused(post(relay(ticket, envelope)), 403, "ticket-mismatch");
  }

  @Test
  void resourceWithoutHandler_is404NoHandler() throws Exception {
    byte[] envelope = fixture.query(fixture.consumer, fixture.provider, "1 01 001/000001");
    String ticket = fixture.ticket(envelope, ITEMS).resourceCode("1 01 001/000001").build().sign(fixture.hub);
    assertRefused(post(relay(ticket, envelope)), 404, "no-handler");
  }

  @Test
  void sameRelayMessageTwice_getsTheSameReply_handlerRunsOnce_auditedOnce() throws Exception {
    byte[] relay = fixture.relay(ITEMS);
    HttpResponse<byte[]> first = post(relay);
    HttpResponse<byte[]> second = post(relay);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(fixture.handlerRuns).hasValue(1);
    assertThat(fixture.audit).hasSize(2);
  }

  @Test
  void clientMistakes_getProblemsNever5xx() throws Exception {
    assertThat(post("{\"ticket\":".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(400);
    assertThat(post("{\"ticket\":\"a.b\",\"request\":\"!!\"}".getBytes(StandardCharsets.UTF_8)).statusCode())
        .isEqualTo(400);
    assertThat(post("{\"ticket\":\"a.b\",\"request\":\"AAAA\",\"x\":1}".getBytes(StandardCharsets.UTF_8)).statusCode())
        .isEqualTo(400);
    assertRefused(post("{\"ticket\":\"bm90IGpzb24.AAAA\",\"request\":\"AAAA\"}".getBytes(StandardCharsets.UTF_8)), 400,
        "ticket-malformed");
    assertRefused(post(new byte[64 * 1024 + 1]), 413, "body-too-large");
    HttpResponse<byte[]> get = HTTP.send(HttpRequest.newBuilder(endpoint).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(get.statusCode()).isEqualTo(405);
    HttpResponse<byte[]> text = HTTP.send(HttpRequest.newBuilder(endpoint).header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(text.statusCode()).isEqualTo(415);
  }

  /**
   * A client that writes its whole oversize body before reading (as most do) still reads the 413:
   * the servlet drains the body instead of closing on unread bytes, which resets the connection and
   * can destroy the answer in flight. Repeated, since a reset lost the answer only some of the time.
   */
  @Test
  void oversizeBodyWrittenInFull_stillGetsA413_notAReset() throws Exception {
    for (int declaredLength : new int[] {64 * 1024 + 1, 1 << 20}) {
      for (int round = 0; round < 20; round++) {
        try (java.net.Socket socket = new java.net.Socket(endpoint.getHost(), endpoint.getPort())) {
          socket.setSoTimeout(10_000);
          java.io.OutputStream out = socket.getOutputStream();
          out.write(("POST " + endpoint.getPath() + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
              + "Content-Length: " + declaredLength + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write(new byte[declaredLength]);
          out.flush();
          String head = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
          assertThat(head).as("length %d, round %d", declaredLength, round).isEqualTo("HTTP/1.1 413");
        }
      }
    }
    assertThat(fixture.handlerRuns).hasValue(0);
  }

  @Test
  void handlerRefusal_is422WithTheVendorsText_andFailure_is500WithoutItsMessage() throws Exception {
    fixture.handler = query -> {
      throw new QueryRefusedException("出生医学证明编号 Q450200123 未找到");
    };
    HttpResponse<byte[]> refused = post(fixture.relay(ITEMS));
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(ExchangeFixture.problem(refused.body())).containsEntry("detail", "出生医学证明编号 Q450200123 未找到");

    fixture.handler = query -> {
      throw new IllegalStateException("db password=hunter2 for 张小明");
    };
    HttpResponse<byte[]> failed = post(fixture.relay(ITEMS));
    assertThat(failed.statusCode()).isEqualTo(500);
    assertThat(ExchangeFixture.problem(failed.body())).containsEntry("type", "https://shuqiao.dev/problems/handler-failed");
    assertThat(new String(failed.body(), StandardCharsets.UTF_8)).doesNotContain("hunter2", "张小明");
    assertThat(fixture.audit).extracting(AuditEvent::outcome).containsExactly(AuditOutcome.SUCCESS, AuditOutcome.DENIED,
        AuditOutcome.SUCCESS, AuditOutcome.FAILED);
    fixture.handler = query -> List.of(ExchangeFixture.BirthRecord.sample());
  }
}
