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
}
