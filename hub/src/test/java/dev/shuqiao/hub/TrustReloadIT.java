package dev.shuqiao.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shuqiao.client.AuthenticationException;
import dev.shuqiao.client.RetryOptions;
import dev.shuqiao.client.ShuqiaoClient;
import dev.shuqiao.client.model.CreateDepartmentOptions;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.KeyAlgorithm;
import dev.shuqiao.crypto.Pem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new CRL takes effect without a restart: the configured CRL file is reloaded when it changes
 * (a revoked department gets 401 certificate-revoked, also within an open signing session), and a
 * CRL file that does not load keeps the previous trust store.
 */
class TrustReloadIT {

  @TempDir
  Path dir;

  @Test
  void changedCrlFile_revokesWithoutRestart_andAnUnreadableOneKeepsThePreviousStore() throws Exception {
    TestCity city = new TestCity();
    DepartmentIdentity admin = city.department("柳州市大数据发展局", KeyAlgorithm.SM2);
    DepartmentIdentity revoked = city.department("柳州市被吊销局", KeyAlgorithm.SM2);
    DepartmentIdentity kept = city.department("柳州市公安局", KeyAlgorithm.ED25519);
    Files.writeString(dir.resolve("root.pem"), Pem.encode(city.ca.certificate()), StandardCharsets.US_ASCII);
    Path crl = dir.resolve("city.crl");
    Files.writeString(crl, Pem.encode(city.ca.crl(List.of(), Duration.ofDays(1))), StandardCharsets.US_ASCII);
    Files.writeString(dir.resolve("hub.yaml"), "trust:\n  roots: root.pem\n  crl: city.crl\n", StandardCharsets.UTF_8);
    HubConfig config = HubConfig.load(dir.resolve("hub.yaml"));

    try (HubServer hub = config.apply(HubServer.builder().port(0).dataDirectory(dir.resolve("data")))
        .addAdmin(admin.certificate()).build().start()) {
      CrlWatcher watcher = new CrlWatcher(hub, config, crl);
      ShuqiaoClient adminClient = client(hub, admin);
      for (DepartmentIdentity d : List.of(revoked, kept)) {
        adminClient.createDepartment(new CreateDepartmentOptions(TestCity.code(d), d.department().name(),
            Pem.encode(d.certificate()), "https://d.example.gov.cn"));
      }
      ShuqiaoClient revokedClient = client(hub, revoked);
      ShuqiaoClient keptClient = client(hub, kept);
      assertThat(revokedClient.getDepartment(TestCity.code(revoked)).active()).isTrue(); // opens a session

      watcher.run();
      assertThat(revokedClient.getDepartment(TestCity.code(revoked)).active()).as("unchanged file, no reload").isTrue();

      Files.writeString(crl, Pem.encode(city.ca.crl(List.of(revoked.certificate().getSerialNumber()), Duration.ofDays(1))),
          StandardCharsets.US_ASCII);
      Files.setLastModifiedTime(crl, FileTime.from(Instant.now().plusSeconds(5)));
      watcher.run();
      assertThatThrownBy(() -> revokedClient.getDepartment(TestCity.code(revoked)))
          .isInstanceOfSatisfying(AuthenticationException.class, e -> assertThat(e.type()).isEqualTo("certificate-revoked"));
      assertThat(keptClient.getDepartment(TestCity.code(kept)).active()).isTrue();

      Files.writeString(crl, "-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n", StandardCharsets.US_ASCII);
      Files.setLastModifiedTime(crl, FileTime.from(Instant.now().plusSeconds(10)));
      watcher.run();
      assertThat(keptClient.getDepartment(TestCity.code(kept)).active()).isTrue();
      assertThatThrownBy(() -> revokedClient.getDepartment(TestCity.code(revoked)))
          .isInstanceOfSatisfying(AuthenticationException.class, e -> assertThat(e.type()).isEqualTo("certificate-revoked"));
    }
  }

  /** Issue 15 item 10: an older CRL replacing a newer one (rollback) was accepted. */
  @Test
  void olderCrl_isRefusedAsRollback_andANearNextUpdateWarns() throws Exception {
    TestCity city = new TestCity();
    DepartmentIdentity admin = city.department("柳州市大数据发展局", KeyAlgorithm.SM2);
    DepartmentIdentity revoked = city.department("柳州市被吊销局", KeyAlgorithm.SM2);
    Files.writeString(dir.resolve("root.pem"), Pem.encode(city.ca.certificate()), StandardCharsets.US_ASCII);
    Path crl = dir.resolve("city.crl");
    String older = Pem.encode(city.ca.crl(List.of(), Duration.ofDays(7)));
    Files.writeString(crl, older, StandardCharsets.US_ASCII);
    Files.writeString(dir.resolve("hub.yaml"), "trust:\n  roots: root.pem\n  crl: city.crl\n", StandardCharsets.UTF_8);
    HubConfig config = HubConfig.load(dir.resolve("hub.yaml"));
    try (HubServer hub = config.apply(HubServer.builder().port(0).dataDirectory(dir.resolve("data")))
        .addAdmin(admin.certificate()).build().start()) {
      CrlWatcher watcher = new CrlWatcher(hub, config, crl);
      ShuqiaoClient adminClient = client(hub, admin);
      adminClient.createDepartment(new CreateDepartmentOptions(TestCity.code(revoked), revoked.department().name(),
          Pem.encode(revoked.certificate()), "https://d.example.gov.cn"));
      ShuqiaoClient revokedClient = client(hub, revoked);
      assertThat(revokedClient.getDepartment(TestCity.code(revoked)).active()).isTrue();
      // thisUpdate has whole-second precision: wait (polling the clock) until a later second has begun.
      Instant after = Instant.now().plusSeconds(1);
      while (Instant.now().isBefore(after)) {
        Thread.onSpinWait();
      }
      String newer = Pem.encode(city.ca.crl(List.of(revoked.certificate().getSerialNumber()), Duration.ofHours(2)));
      Files.writeString(crl, newer, StandardCharsets.US_ASCII);
      Files.setLastModifiedTime(crl, FileTime.from(Instant.now().plusSeconds(5)));
      watcher.run();
      assertThatThrownBy(() -> revokedClient.getDepartment(TestCity.code(revoked)))
          .isInstanceOfSatisfying(AuthenticationException.class, e -> assertThat(e.type()).isEqualTo("certificate-revoked"));

      // Two rollbacks: the older CRL alone, and the older CRL listed twice; both would un-revoke.
      List<String> rollbacks = List.of(older, older + older);
      for (int i = 0; i < rollbacks.size(); i++) {
        Files.writeString(crl, rollbacks.get(i), StandardCharsets.US_ASCII);
        Files.setLastModifiedTime(crl, FileTime.from(Instant.now().plusSeconds(10 + i)));
        watcher.run();
        assertThatThrownBy(() -> revokedClient.getDepartment(TestCity.code(revoked)))
            .as("rollback %d", i).isInstanceOfSatisfying(AuthenticationException.class,
                e -> assertThat(e.type()).isEqualTo("certificate-revoked"));
      }
      // The accepted CRL's nextUpdate is 2 h away, within the 1-day warning: the gauge says so.
      assertThat(watcher.nextUpdateNear(Instant.now())).isTrue();
      assertThat(metrics(hub)).contains("shuqiao_hub_crl_next_update_near 1");
      assertThat(watcher.nextUpdateNear(Instant.now().minus(Duration.ofDays(2)))).isFalse();
      assertThat(metrics(hub)).contains("shuqiao_hub_crl_next_update_near 0");
    }
  }

  private static String metrics(HubServer hub) throws Exception {
    return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(hub.uri().resolve("/metrics")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
  }

  private static ShuqiaoClient client(HubServer hub, DepartmentIdentity identity) {
    return ShuqiaoClient.builder().endpoint(hub.uri().toString()).credential(identity).retryOptions(RetryOptions.none()).build();
  }
}
