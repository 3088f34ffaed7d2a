package dev.shuqiao.hub;

import static dev.shuqiao.hub.ExchangeWorld.BIRTH_OPEN;
import static dev.shuqiao.hub.ExchangeWorld.CERTIFICATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shuqiao.audit.AuditEvent;
import dev.shuqiao.audit.AuditLog;
import dev.shuqiao.audit.ExchangeAuditReport;
import dev.shuqiao.client.ExchangeRequest;
import dev.shuqiao.client.ExchangeResponse;
import dev.shuqiao.client.ProviderTimeoutException;
import dev.shuqiao.client.ProviderUnavailableException;
import dev.shuqiao.crypto.KeyAlgorithm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Faults of the exchange channel end to end (docs/exchange.md §5, §6): a provider that is down or
 * slow, and a hub that restarts in the middle of an exchange. Run in both suites ({@link
 * ExchangeFaultsGmIT}, {@link ExchangeFaultsIntlIT}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ExchangeFaultsContract {

  /** Long enough that a hub restart (its graceful stop waits up to 2 s) cuts the relay before the hub times out. */
  static final Duration HUB_PROVIDER_TIMEOUT = Duration.ofSeconds(5);

  ExchangeWorld world;

  abstract KeyAlgorithm algorithm();

  @BeforeAll
  void start() throws Exception {
    world = new ExchangeWorld(algorithm(), true, HUB_PROVIDER_TIMEOUT);
  }

  @AfterAll
  void stop() throws Exception {
    if (world != null) {
      world.close();
    }
  }

  private static ExchangeRequest open(Duration timeout) {
    return ExchangeRequest.builder().resourceCode(BIRTH_OPEN).items(List.of("出生医学证明编号", "签发日期"))
        .parameter("出生医学证明编号", CERTIFICATE).purpose("出生一件事：户籍登记").caseId("BIRTH-450200-000099")
        .timeout(timeout).build();
  }

  private static List<String> trail(AuditLog log, UUID messageId) {
    List<String> out = new ArrayList<>();
    for (long i = 0; i < log.size(); i++) {
      AuditEvent e = log.read(i);
      if (e.messageId().equals(java.util.Optional.of(messageId.toString()))) {
        out.add(e.action().code() + "/" + e.outcome().code());
      }
    }
    return out;
  }

  private List<String> hubTrail(UUID messageId) {
    List<String> out = new ArrayList<>();
    HubServer hub = world.fixture.hub();
    for (long i = 0; i < hub.auditEntries(); i++) {
      AuditEvent e = hub.auditEvent(i);
      if (e.messageId().equals(java.util.Optional.of(messageId.toString()))) {
        out.add(e.action().code() + "/" + e.outcome().code());
      }
    }
    return out;
  }

  private static void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      Thread.sleep(20); // polling a condition with a deadline
    }
  }

  @Test
  void aProviderThatIsDown_givesProviderUnavailableWithinTheDeadline_auditedByConsumerAndHub() throws Exception {
    world.health.stopProvider();
    UUID messageId;
    try {
      long start = System.nanoTime();
      ProviderUnavailableException thrown = (ProviderUnavailableException) org.assertj.core.api.Assertions.catchThrowable(
          () -> world.police.client().exchange(open(Duration.ofSeconds(10))));
      assertThat(thrown).isNotNull();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
      assertThat(thrown.type()).isEqualTo("provider-unavailable");
      messageId = thrown.messageId().orElseThrow();
    } finally {
      world.health.restartProvider();
    }
    assertThat(trail(world.police.audit, messageId)).containsExactly("exchange.request/success", "exchange.refuse/failed");
    assertThat(hubTrail(messageId)).contains("exchange.refuse/failed").doesNotContain("exchange.deliver/success");
    assertThat(trail(world.health.audit, messageId)).isEmpty();
    ExchangeAuditReport report = world.crossCheck();
    assertThat(report.discrepancies()).filteredOn(d -> d.messageId().equals(messageId.toString())).isEmpty();

    // and once it is back, the next exchange is delivered
    assertThat(world.police.client().exchange(open(Duration.ofSeconds(10))).records()).hasSize(1);
  }

  @Test
  void aSlowProvider_givesProviderTimeout_fromTheHubOrAtTheRequestsOwnDeadline() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    world.health.gate = gate;
    try {
      long start = System.nanoTime();
      assertThatThrownBy(() -> world.police.client().exchange(open(Duration.ofSeconds(20))))
          .isInstanceOfSatisfying(ProviderTimeoutException.class, e -> {
            assertThat(e.type()).isEqualTo("provider-timeout");
            assertThat(e.status()).isEqualTo(504);
          });
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(HUB_PROVIDER_TIMEOUT.minusMillis(100),
          Duration.ofSeconds(15));

      start = System.nanoTime();
      assertThatThrownBy(() -> world.police.client().exchange(open(Duration.ofMillis(800))))
          .isInstanceOfSatisfying(ProviderTimeoutException.class, e -> {
            assertThat(e.type()).isEqualTo("deadline");
            assertThat(e.messageId()).isPresent();
          });
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(700), HUB_PROVIDER_TIMEOUT);
    } finally {
      world.health.gate = null;
      gate.countDown();
    }
  }

  /**
   * docs/exchange.md §2: no answer leaves the hub for an exchange it could not audit. The hub's log is
   * closed under it (it then refuses appends as after a failed write or fsync): the consumer gets 503
   * {@code audit-unavailable} and none of the provider's records, on every one of its retries; after a
   * restart on the same data the channel works again.
   */
  @Test
  void aHubWhoseAuditLogFails_answers503AuditUnavailable_andDeliversNothing() throws Exception {
    world.fixture.hub().closeAuditLog();
    try {
      assertThatThrownBy(() -> world.police.client().exchange(open(Duration.ofSeconds(20))))
          .isInstanceOfSatisfying(dev.shuqiao.client.ShuqiaoException.class, e -> {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.type()).isEqualTo("audit-unavailable");
            assertThat(e.getMessage()).doesNotContain(CERTIFICATE);
          });
    } finally {
      world.restartHub();
    }
    assertThat(world.police.audit.size()).isPositive();
    ExchangeResponse after = world.police.client().exchange(open(Duration.ofSeconds(20)));
    assertThat(after.records()).singleElement().satisfies(r ->
        assertThat(r.path("出生医学证明编号").asText()).isEqualTo(CERTIFICATE));
    assertThat(hubTrail(after.messageId())).containsExactly("exchange.request/success", "exchange.deliver/success");
  }

  @Test
  void aHubRestartMidExchange_endsAfterTheClientsRetryInExactlyOneDelivery() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    int entries = world.health.handlerEntries.get();
    int runs = world.health.handlerRuns.get();
    world.health.gate = gate;
    CompletableFuture<ExchangeResponse> exchange;
    try {
      exchange = CompletableFuture.supplyAsync(() -> world.police.client().exchange(open(Duration.ofSeconds(60))));
      await("the provider's handler to be running", Duration.ofSeconds(20),
          () -> world.health.handlerEntries.get() > entries);
      int relays = world.health.proxy().received.get();

      world.restartHub();

      CompletableFuture<ExchangeResponse> pending = exchange;
      await("the restarted hub to relay the consumer's retry", Duration.ofSeconds(40),
          () -> world.health.proxy().received.get() > relays || pending.isDone());
      if (pending.isCompletedExceptionally()) {
        pending.join(); // the exchange failed: say how
      }
    } finally {
      world.health.gate = null;
      gate.countDown();
    }
    ExchangeResponse response = exchange.get(60, TimeUnit.SECONDS);

    assertThat(response.records()).singleElement().satisfies(r ->
        assertThat(r.path("出生医学证明编号").asText()).isEqualTo(CERTIFICATE));
    UUID id = response.messageId();
    assertThat(world.health.handlerRuns.get() - runs).as("the provider's handler ran once").isEqualTo(1);
    assertThat(trail(world.health.audit, id)).containsExactly("exchange.request/success", "exchange.deliver/success");
    assertThat(trail(world.police.audit, id)).containsExactly("exchange.request/success", "exchange.deliver/success");
    assertThat(hubTrail(id)).filteredOn(a -> a.startsWith("exchange.deliver")).containsExactly("exchange.deliver/success");
    // The stopped hub may have audited its cut relay as failed; the restarted one relayed again and delivered.
    assertThat(hubTrail(id)).endsWith("exchange.request/success", "exchange.deliver/success");
    assertThat(world.crossCheck().discrepancies()).filteredOn(d -> d.messageId().equals(id.toString())).isEmpty();
  }
}
