package dev.shuqiao.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shuqiao.client.RawRequests;
import dev.shuqiao.client.RawRequests.Answer;
import dev.shuqiao.client.ShuqiaoClient;
import dev.shuqiao.client.ValidationException;
import dev.shuqiao.client.model.SearchOptions;
import dev.shuqiao.client.model.ValidationProblem;
import dev.shuqiao.crypto.CertificateAuthority;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.KeyAlgorithm;
import dev.shuqiao.crypto.KeyRequest;
import dev.shuqiao.crypto.Pem;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import okhttp3.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Client mistakes and attacks get the right 4xx with a useful problem+json body, never a 500 or a
 * stack trace, and leave the hub's data (catalog, grants, audit log) unchanged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private HubFixture fixture;
  private DepartmentIdentity health;
  private ShuqiaoClient healthClient;
  private RawRequests raw;
  private RawRequests admin;
  private String resource;
  private long auditBefore;
  private long catalogBefore;

  @BeforeAll
  void start() {
    fixture = HubFixture.h2();
    health = fixture.register("柳州市卫生健康委员会", KeyAlgorithm.SM2);
    fixture.register("柳州市公安局", KeyAlgorithm.ED25519);
    healthClient = fixture.client(health);
    resource = HubApiContract.nextCode();
    healthClient.createResources(Descriptors.catalog(Descriptors.conditional(resource, TestCity.code(health), "出生医学证明信息")));
    raw = new RawRequests(fixture.hub().uri(), health);
    admin = new RawRequests(fixture.hub().uri(), fixture.admin);
  }

  @AfterAll
  void stop() {
    fixture.close();
  }

  @BeforeEach
  void snapshot() {
    auditBefore = fixture.hub().auditEntries();
    catalogBefore = healthClient.searchResourcesPage(SearchOptions.builder().includeRetired(true).build(), 0).total();
  }

  @AfterEach
  void dataIsUnchanged() {
    assertThat(fixture.hub().auditEntries()).as("audit entries").isEqualTo(auditBefore);
    assertThat(healthClient.searchResourcesPage(SearchOptions.builder().includeRetired(true).build(), 0).total())
        .as("catalog size").isEqualTo(catalogBefore);
  }

  @ParameterizedTest(name = "{0} {1}: {3} {4}")
  @CsvSource(delimiter = '|', value = {
      "POST|/v1/grants|{not json|400|malformed-json",
      "POST|/v1/grants|[1,2]|400|malformed-json",
      "POST|/v1/grants|{\"resourceCode\":5}|400|invalid-field",
      "POST|/v1/grants|{\"resourceCode\":\"1 01 003/000001\",\"items\":\"x\"}|400|invalid-field",
      "POST|/v1/departments|{\"code\":\"x\"}|403|admin-required",
      "GET|/v1/catalog/resources?size=1000||400|invalid-field",
      "GET|/v1/catalog/resources?page=-1||400|invalid-field",
      "GET|/v1/catalog/resources?sharingType=SOMETIMES||400|invalid-field",
      "GET|/v1/catalog/resources?updatedSince=yesterday||400|invalid-field",
      "GET|/v1/catalog/resources/9%2099%20999%2F999999||404|not-found",
      "GET|/v1/grants/00000000-0000-0000-0000-000000000000||404|not-found",
      "GET|/v1/departments/91450200MA5KXXXXX0||404|not-found",
      "GET|/v1/nothing-here||404|no-such-endpoint",
      "PATCH|/v1/grants||405|method-not-allowed",
      "POST|/v1/catalog/resources|version: 1\\ncatalog: {}|422|invalid-catalog",
  })
  void badRequest_getsProblemJson(String method, String path, String body, int status, String type) throws Exception {
    Answer answer = raw.send(method, path, body == null ? null : RawRequests.utf8(body.replace("\\n", "\n")), Map.of());
    assertProblem(answer, status, type);
  }

  @Test
  void invalidCatalog_listsEveryProblemAtOnce() {
    String broken = Descriptors.catalog(Descriptors.conditional("1 01 003/000777", TestCity.code(health), "证明"))
        .replace("format: 数据库", "format: 羊皮纸").replace("type: N", "type: Q");
    assertThatThrownBy(() -> healthClient.createResources(broken)).isInstanceOfSatisfying(ValidationException.class, e -> {
      assertThat(e.status()).isEqualTo(422);
      assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(2);
      assertThat(e.problems()).allSatisfy(p -> assertThat(p.ruleId()).isNotBlank());
      assertThat(e.problems()).extracting(ValidationProblem::line).allMatch(line -> line > 0);
    });
  }

  @Test
  void oversizeBody_is413() throws Exception {
    byte[] body = new byte[70 * 1024];
    java.util.Arrays.fill(body, (byte) 'a');
    assertProblem(raw.send("POST", "/v1/catalog/resources", body, Map.of()), 413, "body-too-large");
  }

  @Test
  void oversizeChunkedBody_is413() throws Exception {
    byte[] body = new byte[70 * 1024];
    java.util.Arrays.fill(body, (byte) 'a');
    assertProblem(raw.send("POST", "/v1/catalog/resources", body, Map.of(), BadInputIT::chunked), 413, "body-too-large");
  }

  /**
   * A client that writes its whole oversize body before reading still reads the 413: the hub drains
   * the body (bounded) instead of closing on unread bytes, which resets the connection and can destroy
   * the answer in flight. Repeated, since a reset lost the answer only some of the time.
   */
  @Test
  void oversizeBodyWrittenInFull_stillGetsA413_notAReset() throws Exception {
    java.net.URI uri = fixture.hub().uri();
    for (int round = 0; round < 20; round++) {
      try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
        socket.setSoTimeout(10_000);
        java.io.OutputStream out = socket.getOutputStream();
        int length = 1 << 20;
        out.write(("POST /v1/catalog/resources HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + "Content-Length: " + length + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write(new byte[length]);
        out.flush();
        String head = new String(socket.getInputStream().readNBytes(12), java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(head).as("round %d", round).isEqualTo("HTTP/1.1 413");
      }
    }
  }

  @Test
  void chunkedBody_isReadWhole() throws Exception {
    // Without a declared length the hub probes one byte and reads the rest: the digest still matches
    // (else 401 digest-mismatch) and the JSON is parsed, so the malformed object is what is refused.
    Answer answer = raw.send("POST", "/v1/grants", RawRequests.utf8("{\"resourceCode\":5}"), Map.of(), BadInputIT::chunked);
    assertProblem(answer, 400, "invalid-field");
  }

  /** The signed request with its body sent chunked: same bytes, no Content-Length. */
  private static Request chunked(Request signed) {
    okhttp3.RequestBody original = signed.body();
    okhttp3.RequestBody streamed = new okhttp3.RequestBody() {
      @Override
      public okhttp3.MediaType contentType() {
        return original.contentType();
      }

      @Override
      public long contentLength() {
        return -1;
      }

      @Override
      public void writeTo(okio.BufferedSink sink) throws java.io.IOException {
        original.writeTo(sink);
      }
    };
    return signed.newBuilder().method(signed.method(), streamed).build();
  }

  @Test
  void oversizeHeader_isAProblemFromJettyItself() throws Exception {
    Answer answer = raw.send("GET", "/v1/departments", null, Map.of("X-Padding", "x".repeat(20_000)));
    assertThat(answer.status()).isEqualTo(431);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(JSON.readTree(answer.body()).path("status").asInt()).isEqualTo(431);
  }

  @Test
  void overlongField_is400() throws Exception {
    String purpose = "用".repeat(2500);
    String body = "{\"resourceCode\":\"" + resource + "\",\"items\":[\"证明编号\"],\"purpose\":\"" + purpose
        + "\",\"legalBasis\":\"x\",\"validFrom\":\"2026-01-01T00:00:00Z\",\"validUntil\":\"2027-01-01T00:00:00Z\"}";
    assertProblem(raw.send("POST", "/v1/grants", RawRequests.utf8(body), Map.of()), 400, "invalid-field");
  }

  @Test
  void replayedRequest_isRefused() throws Exception {
    Answer first = raw.send("GET", "/v1/departments", null, Map.of());
    Answer replay = raw.execute(first.sent());
    assertThat(first.status()).isEqualTo(200);
    assertProblem(replay, 401, "replayed-nonce");
  }

  @Test
  void unsignedRequest_isRefused() throws Exception {
    assertProblem(raw.sendUnsigned("GET", "/v1/departments", null), 401, "signature-required");
  }

  @Test
  void requestChangedAfterSigning_isRefused() throws Exception {
    assertProblem(raw.send("GET", "/v1/departments", null, Map.of(),
        r -> r.newBuilder().url(r.url().newBuilder().addQueryParameter("page", "1").build()).build()), 401, "signature-invalid");
    assertProblem(raw.send("POST", "/v1/grants/00000000-0000-0000-0000-000000000000/approve", RawRequests.utf8("{}"), Map.of(),
        r -> r.newBuilder().post(okhttp3.RequestBody.create(RawRequests.utf8("{\"reason\":\"x\"}"), null)).build()),
        401, "digest-mismatch");
    assertProblem(raw.send("GET", "/v1/departments", null, Map.of(), BadInputIT::flipSignature), 401, "signature-invalid");
    assertProblem(raw.send("GET", "/v1/departments", null, Map.of(),
        r -> r.newBuilder().header("Signature-Input", r.header("Signature-Input").replace("\"@query\" ", "")).build()),
        401, "signature-incomplete");
  }

  @Test
  void staleSignature_isRefused() throws Exception {
    RawRequests late = new RawRequests(fixture.hub().uri(), health,
        Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-30)));
    assertProblem(late.send("GET", "/v1/departments", null, Map.of()), 401, "signature-expired");
  }

  @Test
  void certificateFromAnotherCa_isRefused() throws Exception {
    CertificateAuthority rogue = CertificateAuthority.create(KeyAlgorithm.SM2, "伪造CA", TestCity.creditCode(), Duration.ofDays(30));
    KeyRequest request = KeyRequest.generate(KeyAlgorithm.SM2, "柳州市卫生健康委员会", health.department().creditCode());
    DepartmentIdentity impostor = request.complete(rogue.issue(request.csrPem(), Duration.ofDays(30)));
    assertProblem(new RawRequests(fixture.hub().uri(), impostor).send("GET", "/v1/departments", null, Map.of()),
        401, "signature-invalid");
    String body = "{\"code\":\"" + TestCity.creditCode() + "\",\"name\":\"x\",\"certificatePem\":"
        + JSON.writeValueAsString(Pem.encode(impostor.certificate())) + ",\"endpointUrl\":\"https://x.example.gov.cn\"}";
    assertProblem(admin.send("POST", "/v1/departments", RawRequests.utf8(body), Map.of()), 422, "certificate-untrusted");
  }

  @ParameterizedTest(name = "department with {0} -> {1}")
  @CsvSource({"bad-code,invalid-credit-code", "ambiguous-code,unauditable-credit-code",
      "mismatched-certificate,certificate-mismatch",
      "garbage-certificate,invalid-certificate", "ftp-endpoint,invalid-endpoint"})
  void invalidDepartment_isRefused(String mistake, String type) throws Exception {
    DepartmentIdentity identity = fixture.city.department("新部门", KeyAlgorithm.ED25519);
    // "ambiguous-code" is a valid credit code that is also a well-formed resident identity number.
    String code = mistake.equals("bad-code") ? "91450200MA5K000000" : mistake.equals("ambiguous-code")
        ? "914501199001012293" : mistake.equals("mismatched-certificate")
        ? TestCity.creditCode().toString() : TestCity.code(identity);
    String pem = mistake.equals("garbage-certificate") ? "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"
        : Pem.encode(identity.certificate());
    String endpoint = mistake.equals("ftp-endpoint") ? "ftp://x.example.gov.cn" : "https://x.example.gov.cn";
    String body = "{\"code\":\"" + code + "\",\"name\":\"新部门\",\"certificatePem\":" + JSON.writeValueAsString(pem)
        + ",\"endpointUrl\":\"" + endpoint + "\"}";
    assertProblem(admin.send("POST", "/v1/departments", RawRequests.utf8(body), Map.of()), 422, type);
  }

  /** Issue 15 item 8: faults below authentication were 500s with an ERROR stack trace. */
  /** Each request is written as is; {@code ~} stands for CRLF. */
  @ParameterizedTest(name = "raw HTTP: {0}")
  @CsvSource(delimiter = '|', value = {
      "invalid chunk size|POST /v1/grants HTTP/1.1~Host: h~Transfer-Encoding: chunked~~zz~ab~0~~",
      "negative-looking chunk size|POST /v1/grants HTTP/1.1~Host: h~Transfer-Encoding: chunked~~-1~ab~0~~",
      "chunk longer than declared|POST /v1/grants HTTP/1.1~Host: h~Transfer-Encoding: chunked~~2~abcdef~0~~",
      "truncated chunked body|POST /v1/grants HTTP/1.1~Host: h~Transfer-Encoding: chunked~~10~ab",
      "Content-Length larger than body|POST /v1/grants HTTP/1.1~Host: h~Content-Length: 100~~{}",
      "Content-Length larger than body on sessions|POST /v1/sessions HTTP/1.1~Host: h~Content-Length: 5000~~{\"a\":1}",
  })
  void brokenHttpFraming_is4xxProblemWithoutErrorLog(String what, String request) throws Exception {
    String logged = capturingStderr(() -> {
      String answer = rawSocket(request.replace("~", "\r\n"));
      int status = Integer.parseInt(answer.substring(9, 12));
      assertThat(status).as(answer).isBetween(400, 499);
      assertThat(answer).containsIgnoringCase("content-type: application/problem+json").doesNotContain("Exception");
    });
    assertThat(logged).doesNotContain("ERROR").doesNotContain("\tat ");
  }

  @ParameterizedTest(name = "expires={0}")
  @CsvSource(delimiter = '|', value = {"\"1700000000\"", "\"soon\"", "abc", "-5", "1e10", "99999999999999999999", "?1", "@1700000000"})
  void malformedExpires_is401Malformed(String expires) throws Exception {
    String logged = capturingStderr(() -> {
      Answer answer = raw.send("GET", "/v1/departments", null, Map.of(), r -> r.newBuilder()
          .header("Signature-Input", r.header("Signature-Input") + ";expires=" + expires).build());
      assertThat(answer.status()).as(answer.body()).isBetween(400, 401);
      assertThat(answer.contentType()).startsWith("application/problem+json");
    });
    assertThat(logged).doesNotContain("ERROR");
  }

  @ParameterizedTest(name = "body: {0}")
  @CsvSource({"long number", "long negative number", "long fraction", "deep arrays", "deep objects", "deep mixed"})
  void jsonBeyondReaderLimits_is400(String what) throws Exception {
    String body = switch (what) {
      case "long number" -> "{\"resourceCode\":" + "9".repeat(1500) + "}";
      case "long negative number" -> "{\"x\":-" + "1".repeat(5000) + "}";
      case "long fraction" -> "{\"x\":0." + "1".repeat(3000) + "e5}";
      case "deep arrays" -> "{\"x\":" + "[".repeat(2000) + "]".repeat(2000) + "}";
      case "deep objects" -> "{\"x\":".repeat(1500) + "1" + "}".repeat(1500);
      default -> "{\"x\":" + "[{\"y\":".repeat(800) + "1" + "}]".repeat(800) + "}";
    };
    String logged = capturingStderr(() -> {
      assertProblem(raw.send("POST", "/v1/grants", RawRequests.utf8(body), Map.of()), 400, "malformed-json");
      assertProblem(raw.send("POST", "/v1/grants/00000000-0000-0000-0000-000000000000/approve", RawRequests.utf8(body),
          Map.of()), 400, "malformed-json");
    });
    assertThat(logged).doesNotContain("ERROR");
  }

  private interface Check {
    void run() throws Exception;
  }

  /** What the hub logs (slf4j-simple writes to System.err) while {@code check} runs. */
  private static synchronized String capturingStderr(Check check) throws Exception {
    java.io.PrintStream original = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      check.run();
    } finally {
      System.setErr(original);
    }
    String text = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
    original.print(text);
    return text;
  }

  /** Writes {@code request} as is, closes the sending side, and reads the whole answer. */
  private String rawSocket(String request) throws Exception {
    try (java.net.Socket socket = new java.net.Socket(fixture.hub().uri().getHost(), fixture.hub().uri().getPort())) {
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      socket.shutdownOutput();
      return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private static Request flipSignature(Request r) {
    String signature = r.header("Signature");
    int i = signature.indexOf(":") + 5;
    char flipped = signature.charAt(i) == 'A' ? 'B' : 'A';
    return r.newBuilder().header("Signature", signature.substring(0, i) + flipped + signature.substring(i + 1)).build();
  }

  private static void assertProblem(Answer answer, int status, String type) throws Exception {
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    JsonNode problem = JSON.readTree(answer.body());
    assertThat(problem.path("type").asText()).isEqualTo("https://shuqiao.dev/problems/" + type);
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("title").asText()).isNotBlank();
    assertThat(problem.path("detail").asText()).isNotBlank();
    assertThat(answer.body()).doesNotContain("Exception").doesNotContain("at dev.shuqiao");
  }
}
