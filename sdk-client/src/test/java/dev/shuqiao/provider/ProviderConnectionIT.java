package dev.shuqiao.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shuqiao.client.RetryOptions;
import dev.shuqiao.client.ShuqiaoClient;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pull mode's loop against a small stand-in of the hub's two endpoints (Jetty on port 0), until
 * the real hub has them: signed polls, relay messages answered and replied per docs/exchange.md §4,
 * backoff after errors, replies the hub no longer waits for dropped, a clean close.
 */
class ProviderConnectionIT {

  /** The hub's poll and reply endpoints, scripted. */
  static final class StandInHub extends HttpServlet {
    private static final long serialVersionUID = 1L;
    final transient BlockingQueue<byte[]> waiting = new LinkedBlockingQueue<>();
    final transient Map<String, JsonNode> replies = new ConcurrentHashMap<>();
    final AtomicInteger polls = new AtomicInteger();
    final AtomicInteger failPolls = new AtomicInteger();
    final AtomicInteger unsigned = new AtomicInteger();
    volatile int replyStatus = 200;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
      if (request.getHeader("Signature") == null || request.getHeader("Content-Digest") == null) {
        unsigned.incrementAndGet();
      }
      byte[] body = request.getInputStream().readAllBytes();
      String path = request.getPathInfo();
      if (path.equals("/poll")) {
        polls.incrementAndGet();
        if (failPolls.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
          response.sendError(500);
          return;
        }
        JsonNode poll = ExchangeFixture.JSON.readTree(body);
        List<byte[]> items = new ArrayList<>();
        try {
          byte[] first = waiting.poll(poll.get("waitSeconds").asLong(), TimeUnit.SECONDS);
          if (first != null) {
            items.add(first);
            waiting.drainTo(items, poll.get("max").asInt() - 1);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        StringBuilder json = new StringBuilder("{\"items\":[");
        for (int i = 0; i < items.size(); i++) {
          json.append(i == 0 ? "" : ",").append(new String(items.get(i), StandardCharsets.UTF_8));
        }
        write(response, 200, json.append("]}").toString());
      } else if (path.endsWith("/reply")) {
        String messageId = path.substring(1, path.length() - "/reply".length());
        replies.put(messageId, ExchangeFixture.JSON.readTree(body));
        write(response, replyStatus, replyStatus == 200 ? "{}"
            : "{\"type\":\"https://shuqiao.dev/problems/not-found\",\"title\":\"Not found\",\"status\":404}");
      } else {
        response.sendError(404);
      }
    }

    private static void write(HttpServletResponse response, int status, String json) throws IOException {
      response.setStatus(status);
      response.setContentType(status == 200 ? "application/json" : "application/problem+json");
      response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static final List<String> ITEMS = List.of("出生医学证明编号", "新生儿姓名");
  private final ExchangeFixture fixture = new ExchangeFixture();
  private final StandInHub hub = new StandInHub();
  private Server server;
  private ShuqiaoClient client;
  private ProviderConnection connection;

  @BeforeEach
  void start() throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(hub), "/v1/exchanges/*");
    server.setHandler(context);
    server.start();
    client = ShuqiaoClient.builder().endpoint("http://localhost:" + connector.getLocalPort())
        .credential(fixture.provider).retryOptions(RetryOptions.none()).build();
  }

  @AfterEach
  void stop() throws Exception {
    if (connection != null) {
      connection.close();
    }
    server.stop();
  }

  private static void await(BooleanSupplier condition, Duration within) throws InterruptedException {
    Instant deadline = Instant.now().plus(within);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("condition not met within " + within);
      }
      Thread.sleep(10);
    }
  }

  @Test
  void relayMessages_areAnsweredAndRepliedUnderTheirMessageIds_withSignedRequests() throws Exception {
    ExchangeProvider provider = fixture.providerBuilder().build();
    connection = ProviderConnection.builder(provider, client).workers(3).pollWait(Duration.ofSeconds(1)).start();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      byte[] envelope = fixture.query(ITEMS);
      var ticket = fixture.ticket(envelope, ITEMS).build();
      ids.add(ticket.messageId().toString());
      hub.waiting.add(ExchangeFixture.relay(ticket.sign(fixture.hub), envelope));
    }
    await(() -> hub.replies.size() == 10, Duration.ofSeconds(30));

    assertThat(hub.replies.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    for (String id : ids) {
      JsonNode reply = hub.replies.get(id);
      assertThat(reply.get("messageId").textValue()).isEqualTo(id);
      JsonNode result = fixture.openResponse(ExchangeFixture.JSON.writeValueAsBytes(reply));
      assertThat(result.get("inReplyTo").textValue()).isEqualTo(id);
      assertThat(result.get("records").get(0).get("新生儿姓名").textValue()).isEqualTo("张**");
    }
    assertThat(fixture.handlerRuns).hasValue(10);
    assertThat(hub.unsigned).hasValue(0);
  }

  @Test
  void aRefusal_isRepliedAsAProblemUnderTheTicketsMessageId() throws Exception {
    ExchangeProvider provider = fixture.providerBuilder().build();
    connection = ProviderConnection.builder(provider, client).workers(1).pollWait(Duration.ofSeconds(1)).start();
    byte[] envelope = fixture.query(ITEMS);
    var ticket = fixture.ticket(envelope, ITEMS).build();
    hub.waiting.add(ExchangeFixture.relay(ticket.sign(fixture.hub), fixture.query())); // other envelope bytes
    await(() -> hub.replies.size() == 1, Duration.ofSeconds(30));

    JsonNode problem = hub.replies.get(ticket.messageId().toString()).get("problem");
    assertThat(problem.get("type").textValue()).isEqualTo("https://shuqiao.dev/problems/ticket-mismatch");
    assertThat(problem.get("status").intValue()).isEqualTo(403);
    assertThat(fixture.handlerRuns).hasValue(0);
  }

  @Test
  void afterPollErrors_theWorkerBacksOffAndRecovers_andA404ReplyDoesNotStopIt() throws Exception {
    hub.failPolls.set(3);
    hub.replyStatus = 404;
    ExchangeProvider provider = fixture.providerBuilder().build();
    Instant started = Instant.now();
    connection = ProviderConnection.builder(provider, client).workers(1).pollWait(Duration.ofSeconds(1)).start();
    hub.waiting.add(fixture.relay(ITEMS));
    await(() -> hub.replies.size() == 1, Duration.ofSeconds(30));
    // three failures wait at least 0.25 + 0.5 + 1 s (backoff 0.5, 1, 2 s, jitter down to half)
    assertThat(Duration.between(started, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(1750));
    hub.waiting.add(fixture.relay(ITEMS));
    await(() -> hub.replies.size() == 2, Duration.ofSeconds(30));
    assertThat(connection.isOpen()).isTrue();
  }

  @Test
  void close_stopsPollingAndReturnsWithinThePollWait() throws Exception {
    ExchangeProvider provider = fixture.providerBuilder().build();
    connection = ProviderConnection.builder(provider, client).workers(2).pollWait(Duration.ofSeconds(1)).start();
    await(() -> hub.polls.get() >= 2, Duration.ofSeconds(10));
    Instant closing = Instant.now();
    connection.close();
    assertThat(Duration.between(closing, Instant.now())).isLessThan(Duration.ofSeconds(5));
    int after = hub.polls.get();
    Thread.sleep(1500); // nothing may poll any more; a sleep is the only way to observe an absence
    assertThat(hub.polls.get()).isEqualTo(after);
    assertThat(connection.isOpen()).isFalse();
  }

  @Test
  void backoff_growsExponentiallyWithJitterUpToThirtySeconds() {
    for (int i = 0; i < 100; i++) {
      assertThat(ProviderConnection.backoff(1).toMillis()).isBetween(250L, 500L);
      assertThat(ProviderConnection.backoff(3).toMillis()).isBetween(1000L, 2000L);
      assertThat(ProviderConnection.backoff(40).toMillis()).isBetween(15_000L, 30_000L);
    }
  }
}
