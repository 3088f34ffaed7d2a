package dev.shuqiao.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.shuqiao.catalog.CreditCode;
import dev.shuqiao.client.model.CreateGrantOptions;
import dev.shuqiao.client.model.Grant;
import dev.shuqiao.crypto.CertificateAuthority;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.KeyAlgorithm;
import dev.shuqiao.crypto.KeyRequest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client's retries, signing and error mapping against a real HTTP server on a real socket (the
 * JDK's), which answers from a script: 503s, dropped connections, problem+json bodies.
 */
class ShuqiaoClientRetryIT {

  private static DepartmentIdentity identity;
  private HttpServer server;
  private final List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
  private final AtomicInteger calls = new AtomicInteger();
  private volatile Script script;

  interface Script {
    void answer(int call, HttpExchange exchange) throws IOException;
  }

  @BeforeAll
  static void identity() {
    CertificateAuthority ca = CertificateAuthority.create(KeyAlgorithm.ED25519, "测试CA",
        CreditCode.parse("11450200MB15337658"), Duration.ofDays(30));
    KeyRequest request = KeyRequest.generate(KeyAlgorithm.SM2, "柳州市公安局", CreditCode.parse("11450200075623181Q"));
    identity = request.complete(ca.issue(request.csrPem(), Duration.ofDays(30)));
  }

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
    server.createContext("/", exchange -> {
      seen.add(Map.of("request-id", header(exchange, "X-Request-Id"), "idempotency-key", header(exchange, "Idempotency-Key"),
          "signature-input", header(exchange, "Signature-Input"), "content-digest", header(exchange, "Content-Digest")));
      exchange.getRequestBody().readAllBytes();
      script.answer(calls.incrementAndGet(), exchange);
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private ShuqiaoClient client(RetryOptions retry) {
    return ShuqiaoClient.builder().endpoint("http://localhost:" + server.getAddress().getPort()).credential(identity)
        .retryOptions(retry).signingSessions(false).build(); // the scripted server knows no sessions
  }

  @Test
  void write_retriedAfter503_keepsRequestIdAndIdempotencyKeyButSignsAfresh() {
    script = (call, exchange) -> {
      if (call < 3) {
        exchange.getResponseHeaders().add("Retry-After", "1");
        send(exchange, 503, "application/problem+json", "{\"type\":\"x/unavailable\",\"status\":503}");
      } else {
        send(exchange, 201, "application/json", grantJson());
      }
    };
    long start = System.nanoTime();
    Grant grant = client(RetryOptions.defaults()).createGrant(new CreateGrantOptions("1 01 003/000001",
        List.of("证明编号"), "户籍登记", "《户口登记条例》", Instant.now(), Instant.now().plusSeconds(3600)));

    assertThat(grant.id()).isEqualTo("g-1");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("Retry-After: 1 honoured twice").isGreaterThan(Duration.ofMillis(1900));
    assertThat(seen).hasSize(3);
    assertThat(seen).extracting(m -> m.get("request-id")).containsOnly(seen.get(0).get("request-id"));
    assertThat(seen).extracting(m -> m.get("idempotency-key")).containsOnly(seen.get(0).get("idempotency-key"))
        .allMatch(k -> !k.isEmpty());
    assertThat(seen).extracting(m -> m.get("signature-input")).doesNotHaveDuplicates()
        .allMatch(s -> s.contains("\"@method\" \"@path\" \"@query\" \"content-digest\" \"idempotency-key\"")
            && s.contains("keyid=\"11450200075623181Q\"") && s.contains("alg=\"sm2-sm3\""));
    assertThat(seen.get(0).get("content-digest")).startsWith("sha-256=:");
  }

  @Test
  void persistent503_givesUpAfterThreeRetries() {
    script = (call, exchange) ->
      send(exchange, 503, "application/problem+json", "{\"type\":\"https://shuqiao.dev/problems/unavailable\",\"status\":503}");
    assertThatThrownBy(() -> client(new RetryOptions(3, Duration.ofMillis(10), Duration.ofMillis(50))).getGrant("g-1"))
        .isInstanceOf(ServiceUnavailableException.class);
    assertThat(calls).hasValue(4);
  }

  @Test
  void okHttpsOwnResendOf503WithRetryAfterZero_isSignedWithAFreshNonce() {
    script = (call, exchange) -> {
      if (call == 1) {
        exchange.getResponseHeaders().add("Retry-After", "0");
        send(exchange, 503, "application/problem+json", "{\"status\":503}");
      } else {
        send(exchange, 200, "application/json", grantJson());
      }
    };
    assertThat(client(RetryOptions.none()).getGrant("g-1").id()).isEqualTo("g-1");
    assertThat(seen).hasSize(2);
    assertThat(seen).extracting(m -> m.get("signature-input")).doesNotHaveDuplicates();
  }

  @Test
  void droppedConnection_isRetried() {
    script = (call, exchange) -> {
      if (call == 1) {
        exchange.close();
      } else {
        send(exchange, 200, "application/json", grantJson());
      }
    };
    assertThat(client(new RetryOptions(3, Duration.ofMillis(10), Duration.ofMillis(50))).getGrant("g-1").id()).isEqualTo("g-1");
    assertThat(calls).hasValue(2);
  }

  @Test
  void problems_becomeTypedExceptions() {
    script = (call, exchange) -> send(exchange, call == 1 ? 404 : 422, "application/problem+json", call == 1
        ? "{\"type\":\"https://shuqiao.dev/problems/not-found\",\"title\":\"No such grant\",\"status\":404,\"detail\":\"d\"}"
        : "{\"type\":\"https://shuqiao.dev/problems/invalid-catalog\",\"title\":\"t\",\"status\":422,\"detail\":\"d\","
            + "\"problems\":[{\"path\":\"resources[0].format\",\"ruleId\":\"format.unknown\",\"severity\":\"ERROR\","
            + "\"message\":\"m\",\"line\":7,\"column\":13}]}");
    ShuqiaoClient client = client(RetryOptions.none());
    assertThatThrownBy(() -> client.getGrant("nope")).isInstanceOfSatisfying(NotFoundException.class,
        e -> assertThat(e.type()).isEqualTo("not-found"));
    assertThatThrownBy(() -> client.createResources("version: 1")).isInstanceOfSatisfying(ValidationException.class, e -> {
      assertThat(e.problems()).singleElement().satisfies(p -> {
        assertThat(p.ruleId()).isEqualTo("format.unknown");
        assertThat(p.line()).isEqualTo(7);
      });
    });
    assertThat(calls).hasValue(2);
  }

  private static String grantJson() {
    return "{\"id\":\"g-1\",\"resourceCode\":\"1 01 003/000001\",\"consumerCode\":\"11450200075623181Q\","
        + "\"providerCode\":\"11450200MB15337658\",\"items\":[\"证明编号\"],\"purpose\":\"p\",\"legalBasis\":\"b\","
        + "\"validFrom\":\"2026-01-01T00:00:00Z\",\"validUntil\":\"2027-01-01T00:00:00Z\",\"status\":\"PENDING\","
        + "\"reason\":null,\"decidedBy\":null,\"decidedAt\":null,\"createdAt\":\"2026-01-01T00:00:00Z\"}";
  }

  private static String header(HttpExchange exchange, String name) {
    String value = exchange.getRequestHeaders().getFirst(name);
    return value == null ? "" : value;
  }

  private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
