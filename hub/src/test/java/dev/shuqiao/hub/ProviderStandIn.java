package dev.shuqiao.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.EnvelopeContent;
import dev.shuqiao.crypto.EnvelopeOpener;
import dev.shuqiao.crypto.EnvelopeSealer;
import dev.shuqiao.crypto.OpenedEnvelope;
import dev.shuqiao.crypto.ReplayGuard;
import dev.shuqiao.crypto.TrustStore;
import dev.shuqiao.exchange.ExchangeTicket;
import dev.shuqiao.exchange.TicketException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A provider for the hub's exchange tests, standing in for E2's SDK: a small Jetty servlet (push) or
 * a handler fed by a poller (pull) that verifies the ticket with {@link ExchangeTicket#verify} against
 * the pinned hub certificate, checks the envelope's digest and binding, opens it, runs a "handler"
 * (once per message id: a repeat gets the same reply), keeps only the ticket's items and seals the
 * result for the consumer.
 */
final class ProviderStandIn implements AutoCloseable {

  static final String RESULT_TYPE = "application/vnd.shuqiao.result+json";
  /** A value only the provider's data holds: it must never appear at the hub in clear. */
  static final String WEIGHT = "体重三点四-W7731";

  /** What the stand-in does with the next relay messages. */
  enum Mode { ANSWER, FAIL, REFUSE, SLOW }

  private static final ObjectMapper JSON = new ObjectMapper();

  final DepartmentIdentity identity;
  final AtomicReference<Mode> mode = new AtomicReference<>(Mode.ANSWER);
  final AtomicInteger received = new AtomicInteger();
  final AtomicInteger handlerRuns = new AtomicInteger();
  final List<byte[]> relayed = new CopyOnWriteArrayList<>();
  final CountDownLatch slowArrived = new CountDownLatch(1);
  volatile CountDownLatch slowRelease = new CountDownLatch(1);
  private final X509Certificate hubCertificate;
  private final TrustStore trust;
  private final EnvelopeOpener opener;
  private final EnvelopeSealer sealer;
  private final Map<String, CompletableFuture<byte[]>> replies = new ConcurrentHashMap<>();
  private Server jetty;

  ProviderStandIn(DepartmentIdentity identity, X509Certificate hubCertificate, TrustStore trust) {
    this.identity = identity;
    this.hubCertificate = hubCertificate;
    this.trust = trust;
    this.opener = EnvelopeOpener.builder().addIdentity(identity).trustStore(trust)
        .replayGuard(ReplayGuard.builder().window(Duration.ofMinutes(5)).build()).build();
    this.sealer = EnvelopeSealer.builder().identity(identity).build();
  }

  /** Serves push mode on a free port; returns the endpoint URL to register. */
  String start() throws Exception {
    jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServlet(new ServletHolder(new HttpServlet() {
      @Override
      protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Answer answer = handle(request.getInputStream().readAllBytes());
        response.setStatus(answer.status());
        response.setContentType(answer.status() == 200 ? "application/json" : "application/problem+json");
        response.getOutputStream().write(answer.body());
      }
    }), "/*");
    jetty.setHandler(context);
    jetty.start();
    return "http://127.0.0.1:" + connector.getLocalPort() + "/shuqiao/exchange";
  }

  /** An HTTP answer: 200 with a reply, or a problem. */
  record Answer(int status, byte[] body) {}

  /** Handles one relay message as the provider SDK would. */
  Answer handle(byte[] relayMessage) {
    received.incrementAndGet();
    relayed.add(relayMessage);
    Mode now = mode.get();
    if (now == Mode.FAIL) {
      return problem(500, "handler-failed");
    }
    if (now == Mode.REFUSE) {
      return problem(422, "query-refused");
    }
    try {
      JsonNode message = JSON.readTree(relayMessage);
      byte[] request = Base64.getUrlDecoder().decode(message.get("request").asText());
      ExchangeTicket ticket;
      try {
        ticket = ExchangeTicket.verify(message.get("ticket").asText(), List.of(hubCertificate), trust, Instant.now());
      } catch (TicketException e) {
        return problem(403, e.problemType());
      }
      if (!ticket.provider().equals(TestCity.code(identity)) || !ticket.matchesRequest(request)) {
        return problem(403, "ticket-mismatch");
      }
      if (now == Mode.SLOW) {
        slowArrived.countDown();
        slowRelease.await(30, TimeUnit.SECONDS);
      }
      CompletableFuture<byte[]> mine = new CompletableFuture<>();
      CompletableFuture<byte[]> reply = replies.putIfAbsent(ticket.messageId() + "/" + ticket.requestDigest(), mine);
      if (reply == null) {
        try {
          mine.complete(run(ticket, request));
        } catch (RuntimeException e) {
          mine.completeExceptionally(e);
        }
        reply = mine;
      }
      return new Answer(200, reply.get(30, TimeUnit.SECONDS));
    } catch (Exception e) {
      return problem(400, "envelope-invalid");
    }
  }

  private byte[] run(ExchangeTicket ticket, byte[] request) throws IOException {
    OpenedEnvelope opened = opener.open(request);
    if (!opened.sender().creditCode().toString().equals(ticket.consumer())
        || !opened.header().messageId().equals(ticket.messageId())
        || !opened.header().resourceCode().equals(ticket.resourceCode())) {
      throw new IllegalStateException("ticket-mismatch");
    }
    handlerRuns.incrementAndGet();
    JsonNode query = JSON.readTree(opened.payload());
    ObjectNode all = JSON.createObjectNode();
    all.put("证明编号", query.path("parameters").path("证明编号").asText());
    all.put("出生体重", WEIGHT);
    ObjectNode record = JSON.createObjectNode();
    ticket.items().forEach(item -> record.set(item, all.get(item)));
    ObjectNode result = JSON.createObjectNode();
    result.put("inReplyTo", ticket.messageId().toString());
    ticket.items().forEach(result.putArray("items")::add);
    result.putArray("records").add(record);
    EnvelopeContent.Builder content = EnvelopeContent.builder().addRecipient(opened.sender().certificate())
        .resourceCode(ticket.resourceCode()).contentType(RESULT_TYPE)
        .payload(result.toString().getBytes(StandardCharsets.UTF_8));
    ticket.grantId().ifPresent(content::grantId);
    ticket.caseId().ifPresent(content::caseId);
    byte[] sealed = sealer.seal(content.build()).toBinary();
    ObjectNode reply = JSON.createObjectNode();
    reply.put("messageId", ticket.messageId().toString());
    reply.put("response", Base64.getUrlEncoder().withoutPadding().encodeToString(sealed));
    return reply.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static Answer problem(int status, String type) {
    String body = "{\"type\":\"https://shuqiao.dev/problems/" + type + "\",\"title\":\"" + type + "\",\"status\":" + status
        + ",\"detail\":\"stand-in\"}";
    return new Answer(status, body.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() throws Exception {
    slowRelease.countDown();
    if (jetty != null) {
      jetty.stop();
    }
  }
}
