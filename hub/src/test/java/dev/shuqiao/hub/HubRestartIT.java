package dev.shuqiao.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shuqiao.client.ShuqiaoClient;
import dev.shuqiao.client.model.CreateDepartmentOptions;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.KeyAlgorithm;
import dev.shuqiao.crypto.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** State survives a restart on the same data directory; migrations run once; the checkpoint key is kept. */
class HubRestartIT {

  @TempDir
  Path dir;

  @Test
  void restart_keepsDepartmentsAuditLogAndCheckpointKey_andMigratesOnce() throws Exception {
    TestCity city = new TestCity();
    DepartmentIdentity admin = city.department("柳州市大数据发展局", KeyAlgorithm.SM2);
    DepartmentIdentity health = city.department("柳州市卫生健康委员会", KeyAlgorithm.ED25519);
    String key;
    try (HubServer hub = start(city, admin)) {
      client(hub, admin).createDepartment(new CreateDepartmentOptions(TestCity.code(health), "柳州市卫生健康委员会",
          Pem.encode(health.certificate()), "https://wjw.example.gov.cn"));
      key = Files.readString(dir.resolve("checkpoint-key"));
    }
    try (HubServer hub = start(city, admin)) {
      assertThat(client(hub, health).getDepartment(TestCity.code(health)).active()).isTrue();
      assertThat(hub.auditEntries()).isEqualTo(1);
      assertThat(Files.readString(dir.resolve("checkpoint-key"))).isEqualTo(key);
    }
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("hub"));
        ResultSet rows = c.createStatement().executeQuery("SELECT COUNT(*), MAX(version) FROM schema_version")) {
      rows.next();
      assertThat(rows.getInt(1)).as("V1 schema, V2 search index, V3 grant deadline, V4 catalog changes,"
          + " V5 hub instances, V6 exchanges, V7 witnessed logs, V8 mailbox deliveries, V9 console officials, V10 exchange retention, each once").isEqualTo(10);
      assertThat(rows.getInt(2)).isEqualTo(10);
    }
  }

  @Test
  void aReplacedCheckpointKey_mayNotPublishUnderTheOldOrigin_aNewOriginMay() throws Exception {
    TestCity city = new TestCity();
    DepartmentIdentity admin = city.department("柳州市大数据发展局", KeyAlgorithm.SM2);
    String firstKey;
    try (HubServer hub = start(city, admin)) {
      firstKey = http(hub, "/v1/audit/verifier-key").strip();
    }
    Files.delete(dir.resolve("checkpoint-key")); // e.g. the data directory was lost and recreated
    Files.walk(dir.resolve("audit")).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());

    assertThatThrownBy(() -> start(city, admin)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the audit origin 'hub.shuqiao.dev' already belongs to a hub instance with another checkpoint key")
        .hasMessageContaining("audit.origin");
    try (HubServer hub = HubServer.builder().port(0).dataDirectory(dir).trustStore(city.trust)
        .addAdmin(admin.certificate()).auditOrigin("hub-2.liuzhou.example.gov.cn").build().start()) {
      JsonNode instances = new ObjectMapper().readTree(http(hub, "/v1/audit/instances")).path("items");
      assertThat(instances).extracting(i -> i.path("origin").asText())
          .containsExactly("hub-2.liuzhou.example.gov.cn", "hub.shuqiao.dev");
      assertThat(instances.get(1).path("verifierKey").asText()).isEqualTo(firstKey);
      assertThat(instances).extracting(i -> i.path("self").asBoolean()).containsExactly(true, false);
    }
  }

  private static String http(HubServer hub, String path) throws Exception {
    java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(hub.uri().resolve(path)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  private HubServer start(TestCity city, DepartmentIdentity admin) {
    return HubServer.builder().port(0).dataDirectory(dir).trustStore(city.trust).addAdmin(admin.certificate()).build().start();
  }

  private static ShuqiaoClient client(HubServer hub, DepartmentIdentity identity) {
    return ShuqiaoClient.builder().endpoint(hub.uri().toString()).credential(identity).build();
  }
}
