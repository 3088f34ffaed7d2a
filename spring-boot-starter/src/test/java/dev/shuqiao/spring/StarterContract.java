package dev.shuqiao.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shuqiao.audit.Actor;
import dev.shuqiao.audit.AuditAction;
import dev.shuqiao.audit.AuditEvent;
import dev.shuqiao.audit.AuditLog;
import dev.shuqiao.audit.AuditOutcome;
import dev.shuqiao.audit.hook.AuditScope;
import dev.shuqiao.client.ExchangeRequest;
import dev.shuqiao.client.ExchangeResponse;
import dev.shuqiao.client.ShuqiaoClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What a departmental Spring Boot application gets from the starter, checked over real sockets
 * against a real hub: run with Spring Security ({@link StarterWithSpringSecurityIT}) and without
 * it on the class path ({@link StarterWithoutSpringSecurityIT}).
 */
abstract class StarterContract {

  static StarterCity city;
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  int port;
  @Autowired
  AuditLog auditLog;
  @Autowired
  ShuqiaoClient client;
  @Autowired
  BirthRegistryApp.BirthService births;
  @Autowired
  BirthRegistryApp.StatisticsService statistics;

  /** Starts the city once per class, before the application reads its properties. */
  static void cityProperties(DynamicPropertyRegistry registry, boolean pkcs12) {
    if (city == null) {
      city = new StarterCity();
    }
    city.properties(pkcs12).forEach((name, value) -> registry.add(name, () -> value));
  }

  @AfterAll
  static void closeCity() throws IOException {
    if (city != null) {
      city.close();
      city = null;
    }
  }

  /** The request as the authenticated user {@link #operator()}. */
  abstract HttpRequest.Builder asUser(HttpRequest.Builder request);

  abstract String operator();

  /** A path the application lets anyone reach, where the audit filter must still identify the caller. */
  abstract String pathOpenToNobody();

  HttpResponse<String> get(String path, boolean authenticated) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30));
    return HTTP.send((authenticated ? asUser(request) : request).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The events appended from {@code from} on, once {@code count} of them are there (the filter records after answering). */
  List<AuditEvent> eventsFrom(long from, int count) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(10);
    while (auditLog.size() < from + count && Instant.now().isBefore(deadline)) {
      Thread.sleep(10);
    }
    List<AuditEvent> events = new ArrayList<>();
    for (long i = from; i < auditLog.size(); i++) {
      events.add(auditLog.read(i));
    }
    return events;
  }

  @Test
  void aRequestOfAnAuthenticatedUser_isAudited_withTheUserAsOperatorOfTheDepartment() throws Exception {
    long before = auditLog.size();

    HttpResponse<String> response = get("/api/births/" + StarterCity.CERTIFICATE_NUMBER, true);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).contains("2026-11-30");
    Actor expected = Actor.of(StarterCity.PROVIDER_CODE, "出生医学证明管理系统", operator());
    assertThat(eventsFrom(before, 2)).satisfiesExactly(
        audited -> {
          assertThat(audited.actor()).as("@Audited service, in the filter's scope").isEqualTo(expected);
          assertThat(audited.resourceCode()).contains("出生医学证明");
          assertThat(audited.outcome()).isEqualTo(AuditOutcome.SUCCESS);
        },
        request -> {
          assertThat(request.actor()).isEqualTo(expected);
          assertThat(request.action()).isEqualTo(AuditAction.DATA_ACCESS);
          assertThat(request.resourceCode()).contains("/api/births/" + StarterCity.CERTIFICATE_NUMBER);
          assertThat(request.outcome()).isEqualTo(AuditOutcome.SUCCESS);
        });
  }

  @Test
  void aRequestOfNobody_isRefusedWith401_recordedAsDenied_andTheServiceNeverRuns() throws Exception {
    long before = auditLog.size();
    int calls = births.calls();

    HttpResponse<String> response = get(pathOpenToNobody(), false);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(births.calls()).as("the endpoint was not reached").isEqualTo(calls);
    assertThat(eventsFrom(before, 1)).singleElement().satisfies(e -> {
      assertThat(e.actor().operatorId()).isEmpty();
      assertThat(e.actor().departmentCode()).isEqualTo("unidentified");
      assertThat(e.outcome()).isEqualTo(AuditOutcome.DENIED);
    });
  }

  @Test
  void anAuditedBean_calledOutsideAnyAuditScope_isNotRun() {
    int calls = births.calls();

    assertThatThrownBy(() -> births.find(StarterCity.CERTIFICATE_NUMBER))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("outside an audit scope");
    assertThatThrownBy(() -> statistics.births()).isInstanceOf(IllegalStateException.class);
    assertThat(births.calls()).isEqualTo(calls);
  }

  @Test
  void anAuditedClass_recordsEachMethod_successOrDeniedForASecurityException() throws Exception {
    long before = auditLog.size();
    Actor job = Actor.of(StarterCity.PROVIDER_CODE, "nightly-statistics");

    try (AuditScope scope = AuditScope.builder(auditLog, job).caseId("STAT-2026-12").open()) {
      assertThat(statistics.births()).isEqualTo(1);
      assertThatThrownBy(() -> statistics.refused()).isInstanceOf(SecurityException.class);
    }

    assertThat(eventsFrom(before, 2)).satisfiesExactly(
        e -> {
          assertThat(e.actor()).isEqualTo(job);
          assertThat(e.caseId()).contains("STAT-2026-12");
          assertThat(e.resourceCode()).contains("StatisticsService.births");
          assertThat(e.outcome()).isEqualTo(AuditOutcome.SUCCESS);
        },
        e -> {
          assertThat(e.resourceCode()).contains("StatisticsService.refused");
          assertThat(e.outcome()).isEqualTo(AuditOutcome.DENIED);
        });
  }

  @Test
  void health_isDownUntilTheHubKnowsTheDepartment_thenAnExchangeThroughTheHubReachesTheProviderEndpoint()
      throws Exception {
    HttpResponse<String> down = get("/actuator/health/shuqiao", false);
    assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
    JsonNode downDetails = JSON.readTree(down.body()).path("details");
    assertThat(downDetails.path("hubReachable").asBoolean()).isTrue();
    assertThat(downDetails.path("hubDepartmentStatus").asText()).isEqualTo("not registered");

    city.registerProvider("http://127.0.0.1:" + port + "/shuqiao/exchange");

    HttpResponse<String> up = get("/actuator/health/shuqiao", false);
    assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
    JsonNode details = JSON.readTree(up.body()).path("details");
    assertThat(details.path("hubReachable").asBoolean()).isTrue();
    assertThat(details.path("auditLogWritable").asBoolean()).isTrue();
    assertThat(details.path("certificateValid").asBoolean()).isTrue();
    assertThat(details.path("certificateDaysLeft").asInt()).isBetween(398, 400);
    assertThat(details.path("certificateExpiringSoon").asBoolean()).isFalse();

    // The starter's client signs as the department: it registers the department's catalog.
    assertThat(client.createResources(city.catalogText())).hasSize(1);
    long before = auditLog.size();

    ExchangeResponse response = city.consumerClient().exchange(ExchangeRequest.builder()
        .resourceCode(StarterCity.BIRTH_OPEN).items(List.of("出生医学证明编号", "签发日期"))
        .parameter("出生医学证明编号", StarterCity.CERTIFICATE_NUMBER).subject("450202202611300012")
        .purpose("出生一件事：户籍登记").caseId("BIRTH-450200-000017").timeout(Duration.ofSeconds(20)).build());

    assertThat(response.provider()).isEqualTo(StarterCity.PROVIDER_CODE);
    assertThat(response.records()).singleElement().satisfies(r -> {
      assertThat(r.path("签发日期").asText()).isEqualTo("2026-11-30");
      assertThat(r.has("新生儿姓名")).as("not asked for").isFalse();
    });
    Predicate<AuditEvent> ofThisCase = e -> e.caseId().equals(java.util.Optional.of("BIRTH-450200-000017"));
    assertThat(eventsFrom(before, 2)).filteredOn(ofThisCase).extracting(AuditEvent::action)
        .containsExactly(AuditAction.EXCHANGE_REQUEST, AuditAction.EXCHANGE_DELIVER);
  }
}
