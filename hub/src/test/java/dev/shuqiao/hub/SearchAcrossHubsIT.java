package dev.shuqiao.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shuqiao.client.ShuqiaoClient;
import dev.shuqiao.client.model.CatalogResource;
import dev.shuqiao.client.model.CreateDepartmentOptions;
import dev.shuqiao.client.model.SearchOptions;
import dev.shuqiao.client.model.SearchPage;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.KeyAlgorithm;
import dev.shuqiao.crypto.Pem;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each hub instance searches its own in-memory index, yet a search sees every catalog write
 * committed before it, whichever instance made it; a restarted hub rebuilds its index.
 */
class SearchAcrossHubsIT {

  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void writesThroughOneHub_areSearchableThroughTheOtherAtOnce(String database) {
    if (database.equals("postgres")) {
      assumeTrue(HubFixture.postgresUrl().isPresent(), "no -D" + HubFixture.POSTGRES_PROPERTY + "=jdbc:postgresql://...");
    }
    try (HubFixture fixture = database.equals("h2") ? HubFixture.h2(2) : HubFixture.postgres(2)) {
      DepartmentIdentity health = fixture.register("柳州市卫生健康委员会", KeyAlgorithm.SM2);
      DepartmentIdentity police = fixture.register("柳州市公安局", KeyAlgorithm.ED25519);
      ShuqiaoClient writer = fixture.client(health, 0);
      ShuqiaoClient reader = fixture.client(police, 1);
      String provider = TestCity.code(health);
      assertThat(total(reader, "跨实例㐅", false)).as("builds hub B's index before any write").isZero();

      String code = HubApiContract.nextCode();
      writer.createResources(Descriptors.catalog(Descriptors.unconditional(code, provider, "跨实例㐅资源")));
      SearchPage registered = reader.searchResourcesPage(SearchOptions.builder().text("跨实例㐅").build(), 0);
      assertThat(registered.items()).extracting(CatalogResource::code).containsExactly(code);
      assertThat(registered.facets().get("sharingType")).containsExactly(Map.entry("UNCONDITIONAL", 1L));

      writer.updateResource(code, Descriptors.catalog(Descriptors.conditional(code, provider, "改名㐆资源")));
      assertThat(total(reader, "跨实例㐅", false)).isZero();
      SearchPage updated = reader.searchResourcesPage(SearchOptions.builder().text("改名㐆").build(), 0);
      assertThat(updated.items()).extracting(CatalogResource::code).containsExactly(code);
      assertThat(updated.facets().get("sharingType")).containsExactly(Map.entry("CONDITIONAL", 1L));

      writer.deleteResource(code);
      assertThat(total(reader, "改名㐆", false)).isZero();
      assertThat(total(reader, "改名㐆", true)).isEqualTo(1);
      assertThat(total(fixture.client(police, 0), "改名㐆", true)).as("the writing hub too").isEqualTo(1);
    }
  }

  @Test
  void restartedHub_rebuildsItsIndexFromTheDatabase() {
    TestCity city = new TestCity();
    DepartmentIdentity admin = city.department("柳州市大数据发展局", KeyAlgorithm.SM2);
    DepartmentIdentity health = city.department("柳州市卫生健康委员会", KeyAlgorithm.ED25519);
    String code = HubApiContract.nextCode();
    try (HubServer hub = start(city, admin)) {
      client(hub, admin).createDepartment(new CreateDepartmentOptions(TestCity.code(health), "柳州市卫生健康委员会",
          Pem.encode(health.certificate()), "https://wjw.example.gov.cn"));
      client(hub, health).createResources(Descriptors.catalog(
          Descriptors.conditional(code, TestCity.code(health), "重启㐇资源")));
      assertThat(total(client(hub, health), "重启㐇", false)).isEqualTo(1);
    }
    try (HubServer hub = start(city, admin)) {
      SearchPage page = client(hub, health).searchResourcesPage(SearchOptions.builder().text("重启㐇").build(), 0);
      assertThat(page.items()).extracting(CatalogResource::code).containsExactly(code);
      assertThat(page.facets().get("provider")).containsExactly(Map.entry(TestCity.code(health), 1L));
    }
  }

  private static long total(ShuqiaoClient client, String text, boolean includeRetired) {
    return client.searchResourcesPage(SearchOptions.builder().text(text).includeRetired(includeRetired).build(), 0).total();
  }

  private HubServer start(TestCity city, DepartmentIdentity admin) {
    return HubServer.builder().port(0).dataDirectory(dir).trustStore(city.trust).addAdmin(admin.certificate()).build().start();
  }

  private static ShuqiaoClient client(HubServer hub, DepartmentIdentity identity) {
    return ShuqiaoClient.builder().endpoint(hub.uri().toString()).credential(identity).build();
  }
}
