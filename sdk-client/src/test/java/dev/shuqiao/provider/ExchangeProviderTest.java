package dev.shuqiao.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shuqiao.audit.AuditException;
import dev.shuqiao.audit.HmacSubjectPseudonymizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The container-free entry point: idempotency (docs/exchange.md §6), failing closed, building. */
class ExchangeProviderTest {

  private static final List<String> ITEMS = List.of("出生医学证明编号", "新生儿姓名");
  private final ExchangeFixture fixture = new ExchangeFixture();

  @Test
  void handle_sameRelayFromManyThreadsAtOnce_runsTheHandlerOnce_andGivesEveryoneTheSameReply() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    fixture.handler = query -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return List.of(ExchangeFixture.BirthRecord.sample());
    };
    ExchangeProvider provider = fixture.providerBuilder().build();
    byte[] relay = fixture.relay(ITEMS);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<ProviderReply>> replies = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        replies.add(pool.submit(() -> provider.handle(relay)));
      }
      Instant deadline = Instant.now().plusSeconds(10);
      while (fixture.handlerRuns.get() == 0 && Instant.now().isBefore(deadline)) {
        Thread.sleep(5);
      }
      release.countDown();
      byte[] first = replies.get(0).get().body();
      for (Future<ProviderReply> reply : replies) {
        assertThat(reply.get().status()).isEqualTo(200);
        assertThat(reply.get().body()).isEqualTo(first);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(fixture.handlerRuns).hasValue(1);
    assertThat(fixture.audit).hasSize(2);
  }

  @Test
  void handle_aDurableStoreSurvivesARestart_theNewInstanceRepeatsTheReplyWithoutRunningTheHandler() {
    IdempotencyStore store = IdempotencyStore.inMemory(10, Duration.ofMinutes(5));
    byte[] relay = fixture.relay(ITEMS);
    ProviderReply before = fixture.providerBuilder().idempotencyStore(store).build().handle(relay);
    ProviderReply after = fixture.providerBuilder().idempotencyStore(store).build().handle(relay);
    assertThat(after.body()).isEqualTo(before.body());
    assertThat(fixture.handlerRuns).hasValue(1);
  }

  @Test
  void handle_whenTheAuditLogFails_deliversNothingAndRunsNoHandler() {
    ExchangeProvider provider = fixture.providerBuilder().auditRecorder(event -> {
      throw new AuditException("disk full");
    }).build();
    ProviderReply reply = provider.handle(fixture.relay(ITEMS));
    assertThat(reply.status()).isEqualTo(503);
    assertThat(reply.problemType()).hasValue("audit-unavailable");
    assertThat(reply.responseEnvelope()).isEmpty();
    assertThat(fixture.handlerRuns).hasValue(0);
  }

  @Test
  void handle_aReplayedEnvelopeWhoseReplyWasForgotten_isRefusedByTheReplayGuard_notAnsweredTwice() {
    ExchangeProvider provider = fixture.providerBuilder().idempotencyStore(new IdempotencyStore() {
      @Override
      public java.util.Optional<byte[]> find(String key) {
        return java.util.Optional.empty(); // remembers nothing
      }

      @Override
      public void put(String key, byte[] reply, Instant keepUntil) {}
    }).build();
    byte[] relay = fixture.relay(ITEMS);
    assertThat(provider.handle(relay).status()).isEqualTo(200);
    ProviderReply again = provider.handle(relay);
    assertThat(again.problemType()).hasValue("envelope-invalid");
    assertThat(fixture.handlerRuns).hasValue(1);
  }

  @Test
  void handle_refusesRelayMessagesWithTrailingBytesDuplicateOrUnknownMembers_asMalformed() {
    ExchangeProvider provider = fixture.providerBuilder().build();
    String good = new String(fixture.relay(ITEMS), java.nio.charset.StandardCharsets.UTF_8);
    String ticket = good.substring(good.indexOf(":\"") + 2, good.indexOf("\","));
    for (String bad : List.of(good + "x", good + "{}", "{\"ticket\":\"" + ticket + "\"," + good.substring(1),
        good.replace("}", ",\"extra\":1}"), "[]", "", "null")) {
      ProviderReply reply = provider.handle(bad.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      assertThat(reply.problemType()).as(bad).hasValue("malformed-json");
      assertThat(reply.status()).isEqualTo(400);
    }
    assertThat(fixture.handlerRuns).hasValue(0);
    assertThat(fixture.audit).isEmpty();
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(value = dev.shuqiao.crypto.KeyAlgorithm.class,
      names = {"ED25519", "ECDSA_P256"})
  void handle_deliversInTheIntlSuite_withSha256RequestDigests(dev.shuqiao.crypto.KeyAlgorithm algorithm) throws Exception {
    ExchangeFixture intl = new ExchangeFixture(algorithm);
    ProviderReply reply = intl.providerBuilder().build().handle(intl.relay(ITEMS));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(intl.openResponse(reply.body()).get("records").get(0).get("新生儿姓名").textValue()).isEqualTo("张**");
  }

  @Test
  void build_namesEverythingMissing() {
    assertThatThrownBy(() -> ExchangeProvider.builder().build()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("identity").hasMessageContaining("trustStore").hasMessageContaining("addHubCertificate")
        .hasMessageContaining("catalog").hasMessageContaining("handler").hasMessageContaining("auditRecorder");
  }

  @Test
  void build_refusesAHandlerForAResourceOutsideTheCatalog_andAPseudonymRuleWithoutKey() {
    assertThatThrownBy(() -> fixture.providerBuilder().handler("9 99 999/000009", q -> List.of()).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("9 99 999/000009");
    assertThatThrownBy(() -> ExchangeProvider.builder().identity(fixture.provider).trustStore(fixture.city.trust)
        .addHubCertificate(fixture.hub.certificate()).catalog(TestCity.catalog()).auditRecorder(fixture.recorder())
        .subjectPseudonymizer(HmacSubjectPseudonymizer.withKey(new byte[32])).handler(TestCity.BIRTH, q -> List.of())
        .build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("pseudonymKey");
  }

  @Test
  void inMemoryStore_isBounded_andForgetsExpiredReplies() {
    Instant[] now = {Instant.parse("2026-12-07T10:00:00Z")};
    Clock clock = new Clock() {
      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now[0];
      }
    };
    InMemoryIdempotencyStore store = new InMemoryIdempotencyStore(3, Duration.ofMinutes(1), clock);
    for (int i = 0; i < 5; i++) {
      store.put("m" + i, new byte[] {(byte) i}, now[0].plusSeconds(60));
    }
    assertThat(store.size()).isEqualTo(3);
    assertThat(store.find("m0")).isEmpty();
    assertThat(store.find("m4")).hasValueSatisfying(v -> assertThat(v).containsExactly(4));
    now[0] = now[0].plusSeconds(121);
    assertThat(store.find("m4")).isEmpty();
  }
}
