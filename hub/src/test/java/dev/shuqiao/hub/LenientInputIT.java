package dev.shuqiao.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shuqiao.client.RawRequests;
import dev.shuqiao.client.RawRequests.Answer;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.KeyAlgorithm;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 15 item 9: the hub refused nothing it did not understand; now it says what is wrong. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LenientInputIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GRANT = "{\"resourceCode\":5}";

  private HubFixture fixture;
  private RawRequests raw;

  @BeforeAll
  void start() {
    fixture = HubFixture.h2();
    DepartmentIdentity health = fixture.register("柳州市卫生健康委员会", KeyAlgorithm.ED25519);
    raw = new RawRequests(fixture.hub().uri(), health);
  }

  @AfterAll
  void stop() {
    fixture.close();
  }

  @ParameterizedTest(name = "Content-Type {0}")
  @ValueSource(strings = {"text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data",
      "application/json; charset=gbk", "application/json; charset=utf-16", "application/jsonx", "application/yaml",
      "application/octet-stream"})
  void bodyOfAnotherType_is415(String type) {
    Answer answer = raw.send("POST", "/v1/grants", RawRequests.utf8(GRANT), Map.of(), r -> retyped(r, type));
    assertProblem(answer, 415, "unsupported-media-type");
  }

  @Test
  void bodyWithoutType_is415() {
    Answer answer = raw.send("POST", "/v1/grants", RawRequests.utf8(GRANT), Map.of(), r -> retyped(r, null));
    assertProblem(answer, 415, "unsupported-media-type");
  }

  @ParameterizedTest(name = "Content-Type {0}")
  @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "Application/JSON; charset=\"UTF-8\""})
  void jsonBody_isStillRead(String type) {
    Answer answer = raw.send("POST", "/v1/grants", RawRequests.utf8(GRANT), Map.of(), r -> retyped(r, type));
    assertProblem(answer, 400, "invalid-field");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"format=PARCHMENT", "format=数据库x", "format=SPREADSHEETS", "includeRetired=2", "includeRetired=yes",
      "includeRetired=TRUE", "includeRetired=1", "includeRetired=on"})
  void unknownFilterValue_is400(String query) {
    Answer answer = raw.send("GET", "/v1/catalog/resources?" + query.replace("数据库x", "%E6%95%B0%E6%8D%AEx"), null, Map.of());
    assertProblem(answer, 400, "invalid-field");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"format=DATABASE", "format=spreadsheet", "includeRetired=true", "includeRetired=false"})
  void knownFilterValue_isAccepted(String query) {
    assertThat(raw.send("GET", "/v1/catalog/resources?" + query, null, Map.of()).status()).isEqualTo(200);
  }

  @Test
  void repeatedAuthenticationFailures_areLimitedPerSource() {
    try (HubFixture own = HubFixture.h2()) {
      DepartmentIdentity police = own.register("柳州市公安局", KeyAlgorithm.ED25519);
      RawRequests mine = new RawRequests(own.hub().uri(), police);
      for (int i = 0; i < 30; i++) {
        assertThat(mine.sendUnsigned("GET", "/v1/departments", null).status()).isEqualTo(401);
      }
      Answer limited = mine.sendUnsigned("GET", "/v1/departments", null);
      assertProblem(limited, 429, "too-many-authentication-failures");
      assertThat(limited.header("Retry-After")).isNotNull();
      // While limited, even a valid signature from that source is refused, so guessing cannot go on.
      assertProblem(mine.send("GET", "/v1/departments", null, Map.of()), 429, "too-many-authentication-failures");
      assertProblem(mine.send("GET", "/v1/departments", null, Map.of(), r -> r.newBuilder()
          .header("Signature", r.header("Signature").replace(":", ":A")).build()), 429, "too-many-authentication-failures");
    }
  }

  @Test
  void aSuccessClearsTheCount() {
    try (HubFixture own = HubFixture.h2()) {
      DepartmentIdentity police = own.register("柳州市公安局", KeyAlgorithm.ED25519);
      RawRequests mine = new RawRequests(own.hub().uri(), police);
      for (int round = 0; round < 3; round++) {
        for (int i = 0; i < 20; i++) {
          assertThat(mine.sendUnsigned("GET", "/v1/departments", null).status()).isEqualTo(401);
        }
        assertThat(mine.send("GET", "/v1/departments", null, Map.of()).status()).isEqualTo(200);
      }
    }
  }

  private static Request retyped(Request r, String type) {
    try {
      okio.Buffer buffer = new okio.Buffer();
      r.body().writeTo(buffer);
      return r.newBuilder().method(r.method(), RequestBody.create(buffer.readByteArray(),
          type == null ? null : MediaType.get(type))).build();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void assertProblem(Answer answer, int status, String type) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    try {
      JsonNode problem = JSON.readTree(answer.body());
      assertThat(problem.path("type").asText()).isEqualTo("https://shuqiao.dev/problems/" + type);
      assertThat(problem.path("detail").asText()).isNotBlank();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
