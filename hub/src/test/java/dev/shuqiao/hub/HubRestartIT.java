package dev.shuqiao.hub;

import static org.assertj.core.api.Assertions.assertThat;

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
      assertThat(rows.getInt(1)).as("V1 schema, V2 search index, V3 grant deadline, V4 catalog changes, each once")
          .isEqualTo(4);
      assertThat(rows.getInt(2)).isEqualTo(4);
    }
  }

  private HubServer start(TestCity city, DepartmentIdentity admin) {
    return HubServer.builder().port(0).dataDirectory(dir).trustStore(city.trust).addAdmin(admin.certificate()).build().start();
  }

  private static ShuqiaoClient client(HubServer hub, DepartmentIdentity identity) {
    return ShuqiaoClient.builder().endpoint(hub.uri().toString()).credential(identity).build();
  }
}
