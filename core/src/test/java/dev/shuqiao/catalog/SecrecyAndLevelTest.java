package dev.shuqiao.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** 涉密属性 (only non-secret resources belong in the shared catalog) and the catalog level (部门 / 国家). */
class SecrecyAndLevelTest {

  @ParameterizedTest
  @ValueSource(strings = {"涉密", "SECRET", "secret", "classified"})
  void aSecretResource_isAnError_andNoCatalogIsReturned(String value) {
    ValidationReport report = Descriptors.reader().read("catalog.yaml",
        Descriptors.mutate("    updateCycle: 实时\n", "    updateCycle: 实时\n    secrecy: " + value + "\n"));
    assertThat(report.problems()).singleElement().satisfies(p -> {
      assertThat(p.rule()).isEqualTo(CatalogRule.SECRET_RESOURCE);
      assertThat(p.path()).isEqualTo("resources[0].secrecy");
      assertThat(p.severity()).isEqualTo(Severity.ERROR);
    });
    assertThat(report.catalog()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"非涉密", "NON_SECRET", "non-secret", "not_secret"})
  void aNonSecretResource_isAccepted(String value) {
    ValidationReport report = Descriptors.reader().read("catalog.yaml",
        Descriptors.mutate("    updateCycle: 实时\n", "    updateCycle: 实时\n    secrecy: " + value + "\n"));
    assertThat(report.problems()).isEmpty();
    assertThat(report.catalog().orElseThrow().resources().get(0).secrecy()).isEqualTo(Secrecy.NON_SECRET);
  }

  @ParameterizedTest
  @ValueSource(strings = {"内部", "TOP_SECRET", "true", "机密"})
  void anUnknownSecrecyValue_isRefused(String value) {
    ValidationReport report = Descriptors.reader().read("catalog.yaml",
        Descriptors.mutate("    updateCycle: 实时\n", "    updateCycle: 实时\n    secrecy: \"" + value + "\"\n"));
    assertThat(report.problems()).anySatisfy(p -> assertThat(p.path()).isEqualTo("resources[0].secrecy"));
    assertThat(report.catalog()).isEmpty();
  }

  @Test
  void theModel_refusesToBuildASecretResource_andDefaultsToNonSecret() {
    DataResource resource = Descriptors.reader().read("catalog.yaml", Descriptors.VALID).catalog().orElseThrow()
        .resources().get(0);
    assertThat(resource.secrecy()).isEqualTo(Secrecy.NON_SECRET);
    assertThatThrownBy(() -> resource.newBuilder().secrecy(Secrecy.SECRET).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("涉密");
    assertThat(resource.newBuilder().publishedOn(LocalDate.of(2024, 3, 2)).build().secrecy()).isEqualTo(Secrecy.NON_SECRET);
  }

  @ParameterizedTest
  @CsvSource({"国家, NATIONAL", "NATIONAL, NATIONAL", "national, NATIONAL", "部门, DEPARTMENT", "DEPARTMENT, DEPARTMENT"})
  void theCatalogLevel_isRead_andWrittenBack(String value, CatalogLevel expected) {
    ValidationReport report = Descriptors.reader().read("catalog.yaml",
        Descriptors.mutate("  publisher: 柳州市大数据发展局\n", "  publisher: 柳州市大数据发展局\n  level: " + value + "\n"));
    assertThat(report.problems()).isEmpty();
    Catalog catalog = report.catalog().orElseThrow();
    assertThat(catalog.info().level()).isEqualTo(expected);
    String written = CatalogWriter.tree(catalog, ResourceCodeFormat.DEFAULT).toString();
    Catalog reread = Descriptors.reader().read("catalog.json", written).catalog().orElseThrow();
    assertThat(reread.info().level()).isEqualTo(expected);
  }

  @Test
  void aCatalogWithoutLevel_isADepartmentCatalog() {
    Catalog catalog = Descriptors.reader().read("catalog.yaml", Descriptors.VALID).catalog().orElseThrow();
    assertThat(catalog.info().level()).isEqualTo(CatalogLevel.DEPARTMENT);
    assertThat(new CatalogInfo("t", "d", "p").level()).isEqualTo(CatalogLevel.DEPARTMENT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"省级", "CITY", "0"})
  void anUnknownLevel_isRefused(String value) {
    ValidationReport report = Descriptors.reader().read("catalog.yaml",
        Descriptors.mutate("  publisher: 柳州市大数据发展局\n", "  publisher: 柳州市大数据发展局\n  level: \"" + value + "\"\n"));
    assertThat(report.problems()).anySatisfy(p -> {
      assertThat(p.rule()).isEqualTo(CatalogRule.UNKNOWN_VALUE);
      assertThat(p.path()).isEqualTo("catalog.level");
    });
  }
}
