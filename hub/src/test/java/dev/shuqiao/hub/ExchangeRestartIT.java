package dev.shuqiao.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shuqiao.audit.AuditAction;
import dev.shuqiao.audit.AuditEvent;
import dev.shuqiao.client.RawRequests;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.KeyAlgorithm;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A hub restart in the middle of an exchange ends, after the client's retry with the same bytes, in exactly one delivery. */
class ExchangeRestartIT {

  @Test
  void aPendingExchangeLeftByARestart_isRelayedAgainOnRetry_andDeliveredOnce() throws Exception {
    TestCity city = new TestCity();
    DepartmentIdentity hubIdentity = city.department("柳州市大数据发展局数据交换", KeyAlgorithm.ED25519);
    try (HubFixture fixture = HubFixture.h2(city, b -> b.exchangeIdentity(hubIdentity).providerTimeout(Duration.ofSeconds(5)))) {
      DepartmentIdentity health = city.department("柳州市卫生健康委员会", KeyAlgorithm.ED25519);
      try (ProviderStandIn provider = new ProviderStandIn(health, hubIdentity.certificate(), city.trust)) {
        fixture.register(health, provider.start());
        String code = "1 01 005/000001";
        fixture.client(health).createResources(Descriptors.catalog(Descriptors.unconditional(code, TestCity.code(health), "出生医学证明")));
        DepartmentIdentity police = fixture.register("柳州市公安局", KeyAlgorithm.ED25519);
        ExchangeParty before = new ExchangeParty(police, fixture.hub().uri(), city.trust);
        ExchangeParty.Query q = before.query(code, health.certificate(), x -> { });

        provider.mode.set(ProviderStandIn.Mode.SLOW);
        CompletableFuture<RawRequests.Answer> lost = CompletableFuture.supplyAsync(() -> before.send(q));
        assertThat(provider.slowArrived.await(10, TimeUnit.SECONDS)).isTrue();
        HubServer restarted = fixture.restart(0);
        assertThat(state(fixture, q)).isEqualTo("PENDING");
        lost.handle((answer, failure) -> null).get(10, TimeUnit.SECONDS);

        // The provider finishes the first relay it had received (its answer goes nowhere) and keeps its reply.
        provider.mode.set(ProviderStandIn.Mode.ANSWER);
        provider.slowRelease.countDown();
        long auditFrom = restarted.auditEntries();
        ExchangeParty after = new ExchangeParty(police, restarted.uri(), city.trust);
        RawRequests.Answer retry = after.send(q);
        assertThat(retry.status()).as(retry.body()).isEqualTo(200);
        assertThat(after.open(retry).path("records").get(0).path("证明编号").asText()).isEqualTo("Q4502-XYZZY-0042");
        assertThat(after.send(q).body()).isEqualTo(retry.body());

        assertThat(provider.handlerRuns.get()).as("the provider's handler ran once").isEqualTo(1);
        assertThat(state(fixture, q)).isEqualTo("DELIVERED");
        List<AuditEvent> events = new ArrayList<>();
        for (long i = auditFrom; i < restarted.auditEntries(); i++) {
          events.add(restarted.auditEvent(i));
        }
        assertThat(events).filteredOn(e -> e.action() == AuditAction.EXCHANGE_DELIVER).singleElement()
            .satisfies(e -> assertThat(e.messageId()).contains(q.messageId().toString()));
      }
    }
  }

  private static String state(HubFixture fixture, ExchangeParty.Query q) throws Exception {
    try (Connection c = DriverManager.getConnection(fixture.databaseUrl(0));
        PreparedStatement s = c.prepareStatement("SELECT state FROM exchange WHERE message_id = ?")) {
      s.setString(1, q.messageId().toString());
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    }
  }
}
