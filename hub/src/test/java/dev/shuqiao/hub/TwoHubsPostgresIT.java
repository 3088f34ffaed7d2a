package dev.shuqiao.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shuqiao.client.ConflictException;
import dev.shuqiao.client.RawRequests;
import dev.shuqiao.client.ShuqiaoClient;
import dev.shuqiao.client.model.CreateGrantOptions;
import dev.shuqiao.client.model.Grant;
import dev.shuqiao.client.model.GrantStatus;
import dev.shuqiao.client.model.SearchOptions;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.KeyAlgorithm;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two hub instances on one PostgreSQL (runs with {@code -Dshuqiao.test.postgres.url}): concurrent
 * registrations and decisions through both stay consistent, and an idempotency key holds across them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoHubsPostgresIT {

  private HubFixture fixture;
  private DepartmentIdentity health;
  private DepartmentIdentity insurance;
  private DepartmentIdentity police;
  private final ExecutorService pool = Executors.newFixedThreadPool(8);

  @BeforeAll
  void start() {
    assumeTrue(HubFixture.postgresUrl().isPresent(), "no -D" + HubFixture.POSTGRES_PROPERTY + "=jdbc:postgresql://...");
    fixture = HubFixture.postgres(2);
    health = fixture.register("柳州市卫生健康委员会", KeyAlgorithm.SM2);
    insurance = fixture.register("柳州市医疗保障局", KeyAlgorithm.ECDSA_P256);
    police = fixture.register("柳州市公安局", KeyAlgorithm.ED25519);
  }

  @AfterAll
  void stop() {
    pool.shutdownNow();
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void concurrentRegistrationsThroughBothHubs_areAllKept() throws Exception {
    List<Callable<Object>> work = new ArrayList<>();
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      DepartmentIdentity provider = i % 2 == 0 ? health : insurance;
      ShuqiaoClient client = fixture.client(provider, i % 4 < 2 ? 0 : 1);
      String code = HubApiContract.nextCode();
      codes.add(code);
      work.add(() -> client.createResources(Descriptors.catalog(
          Descriptors.conditional(code, TestCity.code(provider), "并发登记资源"))));
    }
    for (Future<Object> f : pool.invokeAll(work)) {
      f.get();
    }
    ShuqiaoClient reader = fixture.client(police, 1);
    assertThat(reader.searchResourcesPage(SearchOptions.builder().provider(TestCity.code(health)).text("并发登记").build(), 0)
        .total()).isEqualTo(12);
    assertThat(fixture.client(police, 0).searchResourcesPage(SearchOptions.builder().text("并发登记").build(), 0).total())
        .isEqualTo(24);
    for (String code : codes) {
      assertThat(reader.listResourceVersions(code)).hasSize(1);
    }
  }

  @Test
  void sameResourceRegisteredThroughBothHubsAtOnce_existsOnce() throws Exception {
    for (int round = 0; round < 6; round++) {
      String code = HubApiContract.nextCode();
      String descriptor = Descriptors.catalog(Descriptors.conditional(code, TestCity.code(health), "抢先登记资源"));
      List<Object> outcomes = race(() -> fixture.client(health, 0).createResources(descriptor),
          () -> fixture.client(health, 1).createResources(descriptor));
      assertThat(outcomes).filteredOn(o -> o instanceof ConflictException).hasSize(1);
      assertThat(outcomes).filteredOn(o -> o instanceof List).hasSize(1);
      assertThat(fixture.client(police, 1).listResourceVersions(code)).hasSize(1);
    }
  }

  @Test
  void concurrentDecisionsThroughBothHubs_decideEachGrantOnce() throws Exception {
    String code = HubApiContract.nextCode();
    fixture.client(health, 0).createResources(Descriptors.catalog(Descriptors.conditional(code, TestCity.code(health), "决定资源")));
    for (int round = 0; round < 6; round++) {
      Grant grant = fixture.client(police, round % 2).createGrant(new CreateGrantOptions(code, List.of("证明编号"),
          "户籍登记", "《户口登记条例》", Instant.now(), Instant.now().plus(Duration.ofDays(10))));
      List<Object> outcomes = race(() -> fixture.client(health, 0).approveGrant(grant.id(), "同意"),
          () -> fixture.client(health, 1).refuseGrant(grant.id(), "不同意"));
      assertThat(outcomes).filteredOn(o -> o instanceof ConflictException).hasSize(1);
      Grant winner = (Grant) outcomes.stream().filter(o -> o instanceof Grant).findFirst().orElseThrow();
      GrantStatus stored = fixture.client(police, 1).getGrant(grant.id()).status();
      assertThat(stored).isEqualTo(winner.status()).isIn(GrantStatus.APPROVED, GrantStatus.REFUSED);
    }
  }

  /**
   * Signing sessions live in one instance's memory. Behind a balancer that alternates strictly, a
   * session opened on one instance is always unknown to the next: every read must still succeed,
   * with the client falling back to full signatures instead of handshaking on every read.
   */
  @Test
  void readsBehindABalancerWithoutAffinity_succeed_andTheClientStopsHandshaking() throws Exception {
    try (RoundRobinProxy proxy = new RoundRobinProxy(fixture.hubs.stream().map(HubServer::uri).toList())) {
      ShuqiaoClient client = ShuqiaoClient.builder().endpoint(proxy.uri().toString()).credential(police)
          .retryOptions(dev.shuqiao.client.RetryOptions.none()).build();
      String code = TestCity.code(health);
      for (int i = 0; i < 8; i++) {
        assertThat(client.getDepartment(code).code()).isEqualTo(code);
      }
      List<Map.Entry<Integer, String>> forwarded = List.copyOf(proxy.forwarded);
      assertThat(forwarded).extracting(Map.Entry::getKey).contains(0, 1);
      assertThat(forwarded).extracting(Map.Entry::getValue).filteredOn(line -> line.startsWith("POST /v1/sessions"))
          .as("handshakes: two failed sessions, then full signatures for a minute").hasSizeLessThanOrEqualTo(2);
    }
  }

  /**
   * Each instance keeps its own audit log, so each publishes its own checkpoint series under its
   * own origin; every instance lists all of them, and a third instance may not reuse an origin.
   */
  @Test
  void everyInstanceListsEveryCheckpointSeries_andAnOriginCannotBeShared() throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    for (int i = 0; i < 2; i++) {
      java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(fixture.hubs.get(i).uri().resolve("/v1/audit/instances")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      com.fasterxml.jackson.databind.JsonNode items = json.readTree(answer.body()).path("items");
      assertThat(items).extracting(n -> n.path("origin").asText())
          .containsExactly("hub-1.it.shuqiao.dev", "hub-2.it.shuqiao.dev");
      assertThat(items.get(0).path("verifierKey").asText()).isNotEqualTo(items.get(1).path("verifierKey").asText())
          .startsWith("hub-1.it.shuqiao.dev+");
      assertThat(items.get(i).path("self").asBoolean()).isTrue();
      assertThat(items.get(1 - i).path("self").asBoolean()).isFalse();
    }
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("shuqiao-hub-it-third");
    try {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> HubServer.builder().port(0).dataDirectory(dir)
              .trustStore(fixture.city.trust).jdbcUrl(fixture.jdbcUrl(), null, null).auditOrigin("hub-1.it.shuqiao.dev")
              .build())
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("already belongs to a hub instance");
    } finally {
      try (var files = java.nio.file.Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void idempotencyKey_holdsAcrossHubs() {
    String code = HubApiContract.nextCode();
    fixture.client(health, 0).createResources(Descriptors.catalog(Descriptors.conditional(code, TestCity.code(health), "幂等资源")));
    // Dated from now: a fixed validUntil (it was 2027-06-01) fails once that day has passed.
    byte[] body = RawRequests.utf8("{\"resourceCode\":\"" + code + "\",\"items\":[\"证明编号\"],\"purpose\":\"户籍登记\","
        + "\"legalBasis\":\"《户口登记条例》\",\"validFrom\":\"" + Instant.now().minus(Duration.ofDays(1))
        + "\",\"validUntil\":\"" + Instant.now().plus(Duration.ofDays(180)) + "\"}");
    Map<String, String> key = Map.of("Idempotency-Key", "cross-hub-" + code.replace(" ", "").replace("/", "-"));
    RawRequests.Answer first = new RawRequests(fixture.hubs.get(0).uri(), police).send("POST", "/v1/grants", body, key);
    RawRequests.Answer second = new RawRequests(fixture.hubs.get(1).uri(), police).send("POST", "/v1/grants", body, key);
    assertThat(first.status()).isEqualTo(201);
    assertThat(second.body()).isEqualTo(first.body());
  }

  /** Runs both calls at the same moment; each outcome is the result or the exception. */
  private List<Object> race(Callable<Object> a, Callable<Object> b) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Object>> futures = new ArrayList<>();
    for (Callable<Object> call : List.of(a, b)) {
      futures.add(pool.submit(() -> {
        go.await();
        try {
          return call.call();
        } catch (RuntimeException e) {
          return e;
        }
      }));
    }
    go.countDown();
    List<Object> outcomes = new ArrayList<>();
    for (Future<Object> f : futures) {
      outcomes.add(f.get());
    }
    return outcomes;
  }
}
