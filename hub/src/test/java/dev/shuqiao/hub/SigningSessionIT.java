package dev.shuqiao.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shuqiao.client.ForbiddenException;
import dev.shuqiao.client.RawRequests;
import dev.shuqiao.client.RawRequests.Answer;
import dev.shuqiao.client.ShuqiaoClient;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.KeyAlgorithm;
import java.util.Base64;
import java.util.Map;
import java.util.function.UnaryOperator;
import okhttp3.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Signing sessions (docs/hub-api.md): a fully signed handshake yields an HMAC key for reads; the
 * MAC, alg, nonce and method rules fail closed with 401, a bad handshake is a 4xx, suspension ends
 * the session, and the real client uses sessions transparently.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SigningSessionIT {

  private HubFixture fixture;

  @BeforeAll
  void start() {
    fixture = HubFixture.h2();
  }

  @AfterAll
  void stop() {
    fixture.close();
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void sessionSignedRead_isAcceptedOnceAndTamperingIsRefused(KeyAlgorithm algorithm) throws Exception {
    DepartmentIdentity department = fixture.register("柳州市测试局" + algorithm, algorithm);
    RawRequests raw = new RawRequests(fixture.hub().uri(), department);
    Answer opened = raw.openSession();
    assertThat(opened.status()).as(opened.body()).isEqualTo(201);
    assertThat(opened.body()).contains(algorithm == KeyAlgorithm.SM2 ? "\"hmac-sm3\"" : "\"hmac-sha256\"")
        .doesNotContain("\"key\"");
    // SM2 departments agree on the SM2 curve (an uncompressed point), the others with X25519.
    byte[] hubKey = Base64.getDecoder().decode(new com.fasterxml.jackson.databind.ObjectMapper().readTree(opened.body()).path("publicKey").asText());
    if (algorithm == KeyAlgorithm.SM2) {
      assertThat(hubKey).hasSize(65).startsWith(4);
    } else {
      assertThat(hubKey).hasSize(32);
    }
    String path = "v1/departments/" + TestCity.code(department);

    Answer read = raw.send("GET", path, null, Map.of());
    assertThat(read.status()).as(read.body()).isEqualTo(200);
    assertThat(read.sent().header("Signature-Input")).contains("keyid=\"s-").contains("alg=\"hmac-");
    assertThat(raw.execute(read.sent()).body()).contains("replayed-nonce");

    assertThat(raw.send("GET", path, null, Map.of(), flipLastSignatureByte()).body()).contains("signature-invalid");
    assertThat(raw.send("GET", path, null, Map.of(), r -> r.newBuilder().url(r.url().toString() + "?x=1").build()).body())
        .contains("signature-invalid");
    assertThat(raw.send("GET", path, null, Map.of(), r -> r.newBuilder().header("Signature-Input",
        r.header("Signature-Input").replaceFirst("alg=\"hmac-[a-z0-9]+\"", "alg=\"hmac-md5\"")).build()).body())
        .contains("signature-invalid");
    assertThat(raw.send("GET", path, null, Map.of(), r -> r.newBuilder().header("Signature-Input",
        r.header("Signature-Input").replaceFirst("keyid=\"s-[A-Za-z0-9_-]+\"", "keyid=\"s-AAAAAAAAAAAAAAAAAAAAAAAA\"")).build()).body())
        .contains("session-unknown");
    Answer write = raw.sendInSession("POST", "v1/sessions", RawRequests.utf8("{\"publicKey\":\"" + "A".repeat(43) + "=\"}"),
        UnaryOperator.identity());
    assertThat(write.status()).isEqualTo(401);
    assertThat(write.body()).contains("full-signature-required");
    Answer change = raw.sendInSession("POST", "v1/catalog/resources", RawRequests.utf8("version: 1"),
        UnaryOperator.identity());
    assertThat(change.body()).as("a change other than an exchange post").contains("full-signature-required");
    Answer poll = raw.sendInSession("POST", "v1/exchanges/poll", RawRequests.utf8("{\"waitSeconds\":0}"),
        UnaryOperator.identity());
    assertThat(poll.body()).as("the exchange channel's posts may be signed within a session")
        .doesNotContain("full-signature-required").doesNotContain("signature-invalid");
    assertThat(poll.status()).isNotEqualTo(401);
    assertThat(raw.send("GET", path, null, Map.of()).status()).as("the session survives refused requests").isEqualTo(200);
  }

  @org.junit.jupiter.api.Test
  void sessionNonces_areRequestCounters_eachUsedOnce_withinAWindowOf1024() {
    DepartmentIdentity department = fixture.register("柳州市计数局", KeyAlgorithm.SM2);
    RawRequests raw = new RawRequests(fixture.hub().uri(), department);
    assertThat(raw.openSession().status()).isEqualTo(201);
    String path = "v1/departments/" + TestCity.code(department);

    assertThat(raw.sendInSessionWithNonce(path, "0000000000002000").status()).isEqualTo(200);
    // Out of order but within the window: accepted once.
    assertThat(raw.sendInSessionWithNonce(path, "0000000000001500").status()).isEqualTo(200);
    assertThat(raw.sendInSessionWithNonce(path, "0000000000001500").body()).contains("replayed-nonce");
    assertThat(raw.sendInSessionWithNonce(path, "0000000000002000").body()).contains("replayed-nonce");
    // 1,024 or more behind the latest: refused, it can no longer be told from a replay.
    assertThat(raw.sendInSessionWithNonce(path, "0000000000000976").body()).contains("replayed-nonce");
    assertThat(raw.sendInSessionWithNonce(path, "0000000000000977").status()).isEqualTo(200);
    Answer random = raw.sendInSessionWithNonce(path, "AAAAAAAAAAAAAAAAAAAAAAAA");
    assertThat(random.status()).isEqualTo(401);
    assertThat(random.body()).contains("signature-malformed");
    assertThat(raw.sendInSessionWithNonce(path, "0000000000000000").body()).contains("replayed-nonce");
    assertThat(raw.sendInSessionWithNonce(path, "0000000000002001").status()).as("the session still works")
        .isEqualTo(200);
  }

  @org.junit.jupiter.api.Test
  void aDepartmentHoldsAtMostFourSessions_openingAFifthClosesTheOldest() {
    DepartmentIdentity department = fixture.register("柳州市会话上限局", KeyAlgorithm.ED25519);
    String path = "v1/departments/" + TestCity.code(department);
    java.util.List<RawRequests> holders = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      RawRequests raw = new RawRequests(fixture.hub().uri(), department);
      assertThat(raw.openSession().status()).isEqualTo(201);
      holders.add(raw);
    }
    assertThat(holders.get(0).send("GET", path, null, Map.of()).body()).contains("session-unknown");
    for (RawRequests raw : holders.subList(1, 5)) {
      assertThat(raw.send("GET", path, null, Map.of()).status()).isEqualTo(200);
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"EMPTY", "SHORT", "NOT_BASE64", "MISSING", "LOW_ORDER"})
  void badHandshake_isA4xxProblem(BadKey key) {
    DepartmentIdentity department = fixture.register("柳州市握手局" + key, KeyAlgorithm.ED25519);
    RawRequests raw = new RawRequests(fixture.hub().uri(), department);
    Answer answer = raw.send("POST", "v1/sessions", RawRequests.utf8(key.body), Map.of());
    assertThat(answer.status()).as(answer.body()).isBetween(400, 499);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(raw.sendUnsigned("POST", "v1/sessions", RawRequests.utf8(BadKey.VALID.body)).status()).isEqualTo(401);
  }

  @ParameterizedTest
  @EnumSource(names = {"SHORT", "X25519_KEY", "NOT_ON_CURVE", "COMPRESSED"})
  void badSm2Handshake_isA422NamingTheSm2Point(BadSm2Key key) {
    DepartmentIdentity department = fixture.register("柳州市国密握手局" + key, KeyAlgorithm.SM2);
    RawRequests raw = new RawRequests(fixture.hub().uri(), department);
    Answer answer = raw.send("POST", "v1/sessions", RawRequests.utf8("{\"publicKey\":\""
        + Base64.getEncoder().encodeToString(key.bytes) + "\"}"), Map.of());
    assertThat(answer.status()).as(answer.body()).isEqualTo(422);
    assertThat(answer.body()).contains("bad-public-key").contains("SM2-curve point");
  }

  enum BadSm2Key {
    SHORT(new byte[33]), X25519_KEY(x25519BasePoint()), NOT_ON_CURVE(notOnCurve()),
    COMPRESSED(compressedPadded());

    final byte[] bytes;

    BadSm2Key(byte[] bytes) {
      this.bytes = bytes;
    }

    private static byte[] x25519BasePoint() {
      byte[] u = new byte[32];
      u[0] = 9;
      return u;
    }

    /** 0x04 then x = 1, y = 1: right length and form, not on the curve. */
    private static byte[] notOnCurve() {
      byte[] point = new byte[65];
      point[0] = 4;
      point[32] = 1;
      point[64] = 1;
      return point;
    }

    /** A compressed-point prefix in a 65-byte key. */
    private static byte[] compressedPadded() {
      byte[] point = notOnCurve();
      point[0] = 2;
      return point;
    }
  }

  enum BadKey {
    EMPTY("{\"publicKey\":\"\"}"), SHORT("{\"publicKey\":\"AAAA\"}"), NOT_BASE64("{\"publicKey\":\"%%%\"}"),
    MISSING("{}"), LOW_ORDER("{\"publicKey\":\"" + Base64.getEncoder().encodeToString(new byte[32]) + "\"}"),
    VALID("{\"publicKey\":\"CQ" + "A".repeat(41) + "=\"}"); // u = 9, the X25519 base point

    final String body;

    BadKey(String body) {
      this.body = body;
    }
  }

  @ParameterizedTest
  @EnumSource(names = "SM2")
  void suspension_endsTheSession_andTheClientUsesSessionsTransparently(KeyAlgorithm algorithm) {
    DepartmentIdentity department = fixture.register("柳州市暂停局", algorithm);
    ShuqiaoClient client = fixture.client(department);
    String code = TestCity.code(department);
    for (int i = 0; i < 3; i++) {
      assertThat(client.getDepartment(code).code()).isEqualTo(code);
    }
    RawRequests raw = new RawRequests(fixture.hub().uri(), department);
    assertThat(raw.openSession().status()).isEqualTo(201);
    assertThat(raw.send("GET", "v1/departments/" + code, null, Map.of()).status()).isEqualTo(200);

    fixture.adminClient.suspendDepartment(code);
    Answer afterSuspension = raw.send("GET", "v1/departments/" + code, null, Map.of());
    assertThat(afterSuspension.status()).isEqualTo(401);
    assertThat(afterSuspension.body()).contains("session-unknown");
    assertThatThrownBy(() -> client.getDepartment(code)).isInstanceOf(ForbiddenException.class);
  }

  private static UnaryOperator<Request> flipLastSignatureByte() {
    return r -> {
      String header = r.header("Signature");
      byte[] mac = Base64.getDecoder().decode(header.substring(header.indexOf(":") + 1, header.length() - 1));
      mac[mac.length - 1] ^= 1;
      return r.newBuilder().header("Signature", "sig1=:" + Base64.getEncoder().encodeToString(mac) + ":").build();
    };
  }
}
