package dev.shuqiao.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.KeyAlgorithm;
import dev.shuqiao.hub.internal.service.ExchangeSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubConfigExchangeTest {

  private static DepartmentIdentity identity;
  private static byte[] pkcs12;

  @TempDir
  Path dir;

  @BeforeAll
  static void issue() {
    identity = new TestCity().department("柳州市大数据发展局数据交换", KeyAlgorithm.ED25519);
    pkcs12 = identity.toPkcs12("s3cret-pass".toCharArray());
  }

  private HubConfig config(String yaml, Map<String, String> env) throws Exception {
    Files.write(dir.resolve("hub-exchange.p12"), pkcs12);
    Path file = dir.resolve("hub.yaml");
    Files.writeString(file, yaml);
    return HubConfig.load(file, env::get);
  }

  @Test
  void exchange_readsTheIdentityWithAPasswordFromTheEnvironment_andEveryLimit() throws Exception {
    HubConfig config = config("""
        exchange:
          identity: {pkcs12: hub-exchange.p12, passwordEnv: HUB_EXCHANGE_PASSWORD}
          ticketLifetimeSeconds: 120
          providerTimeoutMillis: 2500
          rateLimit: {perSecond: 50, burst: 80}
          circuit: {failures: 3, openSeconds: 20}
          maxHeldPolls: 8
          retentionDays: 90
        """, Map.of("HUB_EXCHANGE_PASSWORD", "s3cret-pass"));
    ExchangeSettings settings = config.apply(HubServer.builder()).exchangeSettings();
    assertThat(settings.identity().certificate()).isEqualTo(identity.certificate());
    assertThat(settings.ticketLifetime()).isEqualTo(Duration.ofSeconds(120));
    assertThat(settings.providerTimeout()).isEqualTo(Duration.ofMillis(2500));
    assertThat(settings.ratePerSecond()).isEqualTo(50);
    assertThat(settings.burst()).isEqualTo(80);
    assertThat(settings.circuitFailures()).isEqualTo(3);
    assertThat(settings.circuitOpen()).isEqualTo(Duration.ofSeconds(20));
    assertThat(settings.maxHeldPolls()).isEqualTo(8);
    assertThat(settings.retention()).isEqualTo(Duration.ofDays(90));
  }

  @Test
  void exchange_readsThePasswordFromAFile_andDefaultsTheRest() throws Exception {
    Files.writeString(dir.resolve("password"), "s3cret-pass\n");
    ExchangeSettings settings = config("exchange:\n  identity: {pkcs12: hub-exchange.p12, passwordFile: password}\n", Map.of())
        .apply(HubServer.builder()).exchangeSettings();
    assertThat(settings.enabled()).isTrue();
    assertThat(settings.ticketLifetime()).isEqualTo(Duration.ofSeconds(60));
    assertThat(settings.providerTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.ratePerSecond()).isEqualTo(200);
    assertThat(settings.burst()).isEqualTo(400);
    assertThat(settings.circuitFailures()).isEqualTo(5);
    assertThat(settings.retention()).isEqualTo(Duration.ofDays(30));
  }

  @Test
  void withoutAnExchangeSection_theChannelIsOff() throws Exception {
    assertThat(config("port: 0\n", Map.of()).apply(HubServer.builder()).exchangeSettings().enabled()).isFalse();
  }

  @Test
  void mistakes_areNamed_andTheSecretIsNeverQuoted() throws Exception {
    assertThatThrownBy(() -> config("exchange:\n  identity: {pkcs12: hub-exchange.p12, passwordEnv: MISSING}\n", Map.of())
        .apply(HubServer.builder())).hasMessageContaining("exchange.identity.passwordEnv").hasMessageContaining("MISSING");
    assertThatThrownBy(() -> config("exchange:\n  identity: {pkcs12: hub-exchange.p12}\n", Map.of())
        .apply(HubServer.builder())).hasMessageContaining("exactly one of passwordEnv and passwordFile");
    assertThatThrownBy(() -> config("exchange:\n  identity: {pkcs12: hub-exchange.p12, passwordEnv: P}\n",
        Map.of("P", "wrong-password")).apply(HubServer.builder()))
        .hasMessageContaining("exchange.identity.pkcs12").hasMessageNotContaining("wrong-password");
    assertThatThrownBy(() -> config("exchange:\n  timeout: 3\n", Map.of()).apply(HubServer.builder()))
        .hasMessageContaining("exchange: unknown key 'timeout'");
    assertThatThrownBy(() -> config("exchange:\n  ticketLifetimeSeconds: 3600\n", Map.of()).apply(HubServer.builder()))
        .hasMessageContaining("10 minutes");
    assertThatThrownBy(() -> config("exchange:\n  rateLimit: {perSecond: fast, burst: 3}\n", Map.of())
        .apply(HubServer.builder())).hasMessageContaining("exchange.rateLimit.perSecond");
    assertThatThrownBy(() -> config("exchange:\n  retentionDays: 0\n", Map.of()).apply(HubServer.builder()))
        .hasMessageContaining("retention");
  }
}
