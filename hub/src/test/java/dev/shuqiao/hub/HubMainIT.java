package dev.shuqiao.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shuqiao.client.NotFoundException;
import dev.shuqiao.client.ShuqiaoClient;
import dev.shuqiao.client.model.CreateDepartmentOptions;
import dev.shuqiao.client.model.SearchOptions;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.KeyAlgorithm;
import dev.shuqiao.crypto.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: flags and a YAML configuration start a working hub; mistakes are reported. */
class HubMainIT {

  @TempDir
  Path dir;

  @Test
  void start_withConfigFile_servesSignedRequests() throws Exception {
    TestCity city = new TestCity();
    DepartmentIdentity admin = city.department("柳州市大数据发展局", KeyAlgorithm.SM2);
    Files.writeString(dir.resolve("root.pem"), Pem.encode(city.ca.certificate()));
    Files.writeString(dir.resolve("root.crl.pem"), Pem.encode(city.ca.crl(List.of(), Duration.ofDays(1))));
    Files.writeString(dir.resolve("admin.pem"), Pem.encode(admin.certificate()));
    Files.writeString(dir.resolve("hub.yaml"), "trust:\n  roots: root.pem\n  crl: root.crl.pem\nadmins:\n  - admin.pem\n"
        + "limits:\n  maxBodyBytes: 65536\naudit:\n  origin: hub.test.example\n");

    try (HubServer hub = HubMain.start(List.of("--config", dir.resolve("hub.yaml").toString(), "--port", "0",
        "--data", dir.resolve("data").toString()))) {
      ShuqiaoClient client = ShuqiaoClient.builder().endpoint(hub.uri().toString()).credential(admin).build();
      assertThat(client.searchResourcesPage(SearchOptions.builder().build(), 0).total()).isZero();
      assertThatThrownBy(client::getAuditCheckpoint).isInstanceOf(NotFoundException.class);
      DepartmentIdentity health = city.department("柳州市卫生健康委员会", KeyAlgorithm.SM2);
      client.createDepartment(new CreateDepartmentOptions(TestCity.code(health), "柳州市卫生健康委员会",
          Pem.encode(health.certificate()), "https://wjw.example.gov.cn"));
      assertThat(client.getAuditCheckpoint()).startsWith("hub.test.example\n1\n");
    }
    assertThat(dir.resolve("data").resolve("hub.mv.db")).exists();
  }

  @Test
  void start_withMistakes_explainsThem() throws Exception {
    Files.writeString(dir.resolve("bad.yaml"), "prot: 8080\n");
    assertThatThrownBy(() -> HubMain.start(List.of("--config", dir.resolve("bad.yaml").toString())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown key 'prot'");
    assertThatThrownBy(() -> HubMain.start(List.of("--port"))).hasMessageContaining("--port needs a value");
    assertThatThrownBy(() -> HubMain.start(List.of("--port", "x", "--data", dir.toString())))
        .hasMessageContaining("--port needs a number");
    assertThatThrownBy(() -> HubMain.start(List.of("--data", dir.toString())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trust store");
  }
}
