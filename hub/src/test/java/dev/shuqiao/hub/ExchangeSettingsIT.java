package dev.shuqiao.hub;

import static dev.shuqiao.hub.ExchangeParty.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shuqiao.audit.AuditAction;
import dev.shuqiao.audit.AuditOutcome;
import dev.shuqiao.client.RawRequests;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.KeyAlgorithm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exchange channel's switches: off without an identity, an untrusted identity refused at start, the rate limit. */
class ExchangeSettingsIT {

  @TempDir
  Path dir;

  @Test
  void withoutAnExchangeIdentity_theExchangeEndpointsAre503ExchangeDisabled() {
    try (HubFixture fixture = HubFixture.h2()) {
      DepartmentIdentity police = fixture.register("柳州市公安局", KeyAlgorithm.SM2);
      RawRequests raw = new RawRequests(fixture.hub().uri(), police);
      for (String path : new String[] {"v1/exchanges", "v1/exchanges/poll"}) {
        RawRequests.Answer answer = raw.send("POST", path, "{}".getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(answer.status()).isEqualTo(503);
        assertThat(ExchangeParty.type(answer)).isEqualTo("exchange-disabled");
      }
    }
  }

  @Test
  void anExchangeIdentityTheTrustStoreDoesNotVouchFor_stopsTheStart() {
    TestCity city = new TestCity();
    DepartmentIdentity foreign = new TestCity().department("外市交换", KeyAlgorithm.SM2);
    assertThatThrownBy(() -> HubServer.builder().port(0).dataDirectory(dir).trustStore(city.trust)
        .exchangeIdentity(foreign).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("exchange identity is not valid");
  }

  @Test
  void theRateLimit_perConsumer_is429WithRetryAfter_auditedAsDenied_andRepeatsOfAnAnswerAreFree() throws Exception {
    TestCity city = new TestCity();
    DepartmentIdentity hubIdentity = city.department("柳州市大数据发展局数据交换", KeyAlgorithm.SM2);
    try (HubFixture fixture = HubFixture.h2(city, b -> b.exchangeIdentity(hubIdentity).exchangeRateLimit(0.2, 2))) {
      DepartmentIdentity health = city.department("柳州市卫生健康委员会", KeyAlgorithm.SM2);
      try (ProviderStandIn provider = new ProviderStandIn(health, hubIdentity.certificate(), city.trust)) {
        fixture.register(health, provider.start());
        String code = "1 01 006/000001";
        fixture.client(health).createResources(Descriptors.catalog(Descriptors.unconditional(code, TestCity.code(health), "出生医学证明")));
        ExchangeParty police = new ExchangeParty(fixture.register("柳州市公安局", KeyAlgorithm.SM2), fixture.hub().uri(), city.trust);
        ExchangeParty insurance = new ExchangeParty(fixture.register("柳州市医疗保障局", KeyAlgorithm.SM2), fixture.hub().uri(),
            city.trust);

        ExchangeParty.Query first = police.query(code, health.certificate(), x -> { });
        assertThat(police.send(first).status()).isEqualTo(200);
        assertThat(police.send(police.query(code, health.certificate(), x -> { })).status()).isEqualTo(200);
        long before = fixture.hub().auditEntries();
        RawRequests.Answer limited = police.send(police.query(code, health.certificate(), x -> { }));

        assertThat(limited.status()).isEqualTo(429);
        assertThat(ExchangeParty.type(limited)).isEqualTo("rate-limited");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 5);
        assertThat(fixture.hub().auditEvent(before).action()).isEqualTo(AuditAction.EXCHANGE_REFUSE);
        assertThat(fixture.hub().auditEvent(before).outcome()).isEqualTo(AuditOutcome.DENIED);
        assertThat(police.send(first).status()).as("a stored answer is not a new exchange").isEqualTo(200);
        assertThat(insurance.send(insurance.query(code, health.certificate(), x -> { })).status())
            .as("the limit is per consumer").isEqualTo(200);
        assertThat(json(limited).path("messageId").asText()).isNotEmpty();
      }
    }
  }

  /**
   * docs/exchange.md §6: a finished exchange answers repeats for the hub's retention and is purged
   * after it; a query older than half of it is refused as {@code envelope-stale} unless its exchange is
   * still kept, so a purged exchange is never relayed to the provider a second time.
   */
  @Test
  void oldExchangesArePurgedAfterTheRetention_andAStaleQueryIsNeverRelayedAgain() throws Exception {
    TestCity city = new TestCity();
    DepartmentIdentity hubIdentity = city.department("柳州市大数据发展局数据交换", KeyAlgorithm.SM2);
    java.time.Duration retention = java.time.Duration.ofHours(2);
    try (HubFixture fixture = HubFixture.h2(city, b -> b.exchangeIdentity(hubIdentity).exchangeRetention(retention))) {
      DepartmentIdentity health = city.department("柳州市卫生健康委员会", KeyAlgorithm.SM2);
      try (ProviderStandIn provider = new ProviderStandIn(health, hubIdentity.certificate(), city.trust)) {
        fixture.register(health, provider.start());
        String code = "1 01 006/000001";
        fixture.client(health).createResources(Descriptors.catalog(Descriptors.unconditional(code, TestCity.code(health), "出生医学证明")));
        ExchangeParty police = new ExchangeParty(fixture.register("柳州市公安局", KeyAlgorithm.SM2), fixture.hub().uri(),
            city.trust, fixture.clock);

        ExchangeParty.Query kept = police.query(code, health.certificate(), x -> { });
        RawRequests.Answer first = police.send(kept);
        assertThat(first.status()).isEqualTo(200);
        int relayed = provider.handlerRuns.get();

        // Older than half the retention but still kept: the stored answer, not a refusal.
        fixture.clock.runAhead(retention.dividedBy(2).plusMinutes(10));
        RawRequests.Answer repeat = police.send(kept);
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.body()).isEqualTo(first.body());
        // A new query that old: refused before anything is recorded or relayed.
        ExchangeParty.Query late = police.query(code, health.certificate(),
            x -> x.createdAt = fixture.clock.instant().minus(retention.dividedBy(2)).minusSeconds(1));
        RawRequests.Answer stale = police.send(late);
        assertThat(stale.status()).isEqualTo(422);
        assertThat(ExchangeParty.type(stale)).isEqualTo("envelope-stale");
        assertThat(json(stale).path("messageId").asText()).isEqualTo(late.messageId().toString());
        // (Younger queries are still taken: every other exchange test. One relayed now would meet the
        // provider's own freshness check, which runs on real time while the hub's clock is ahead.)

        // Past the retention the kept exchange is purged: its repeat is now stale, never relayed again.
        fixture.clock.runAhead(retention.plusHours(2));
        RawRequests.Answer afterPurge = police.send(kept);
        assertThat(afterPurge.status()).isEqualTo(422);
        assertThat(ExchangeParty.type(afterPurge)).isEqualTo("envelope-stale");
        assertThat(provider.handlerRuns.get()).as("nothing relayed after the first").isEqualTo(relayed);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(fixture.databaseUrl(0));
            java.sql.ResultSet rows = c.createStatement().executeQuery("SELECT message_id FROM exchange")) {
          java.util.List<String> ids = new java.util.ArrayList<>();
          while (rows.next()) {
            ids.add(rows.getString(1));
          }
          assertThat(ids).doesNotContain(kept.messageId().toString(), late.messageId().toString());
        }
      } finally {
        fixture.clock.run();
      }
    }
  }
}
