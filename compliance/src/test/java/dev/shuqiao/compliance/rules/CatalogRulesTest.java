package dev.shuqiao.compliance.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shuqiao.catalog.Catalog;
import dev.shuqiao.catalog.CatalogReader;
import dev.shuqiao.compliance.ComplianceRule;
import dev.shuqiao.compliance.Finding;
import dev.shuqiao.compliance.RuleContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CatalogRulesTest {

  private static Catalog catalog;
  private static List<Finding> findings;

  @BeforeAll
  static void scanFixturesWithTheBirthCatalog() {
    catalog = CatalogReader.create().read(Path.of("../examples/catalogs/birth-catalog.yaml")).catalog().orElseThrow();
    List<ComplianceRule> rules = new ArrayList<>(BuiltInRules.catalog());
    rules.addAll(BuiltInRules.privacy());
    findings = scan(rules, catalog);
  }

  private static List<Finding> scan(List<ComplianceRule> rules, Catalog withCatalog) {
    RuleContext.Builder builder = RuleContext.builder().addClassDirectory(Fixtures.CLASSES);
    if (withCatalog != null) {
      builder.catalog(withCatalog, "src/main/shuqiao/catalog.yaml");
    }
    RuleContext context = builder.build();
    rules.forEach(rule -> rule.execute(context));
    return context.findings();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"LeakyBirthRecord", "UnknownResource", "BirthLogging"})
  void reportsExactlyTheMarkedLines(String fixture) {
    assertThat(Fixtures.actual(findings, fixture)).isEqualTo(Fixtures.expected(fixture));
  }

  @Test
  void cleanResourceClass_withChineseFieldName_isNotReported() {
    assertThat(Fixtures.actual(findings, "BirthCertificateRecord")).isEmpty();
  }

  @Test
  void messages_nameTheFieldTheItemAndTheFix() {
    assertThat(findings).extracting(Finding::message).contains(
        "field LeakyBirthRecord.internalNote maps to item 'internalNote', which resource 1 01 003/000001 does not "
            + "declare; declare it in the catalog or map the field with @Item(\"…\")",
        "field LeakyBirthRecord.weight is java.lang.String but item '出生体重' is N (数值型); make the field a number "
            + "or correct the catalog",
        "field LeakyBirthRecord.fatherIdNumber serves sensitive item '父亲身份证号' in clear; annotate it @Masked or @Encrypted",
        "personal data BirthCertificateRecord.motherIdNumber (item '母亲身份证号') is passed to SLF4J Logger.warn; "
            + "log a pseudonym or masked value instead");
  }

  @Test
  void withoutACatalog_onlyFieldsMarkedForProtectionCountAsPersonal() {
    List<Finding> withoutCatalog = scan(BuiltInRules.all(), null);

    assertThat(withoutCatalog).noneMatch(f -> f.ruleId().startsWith("catalog."));
    assertThat(Fixtures.actual(withoutCatalog, "BirthLogging")).containsOnlyKeys(12, 16, 21, 29);
  }

  @Test
  void gmRequired_reportsNonSmAlgorithms_onlyWhenTheCatalogHoldsImportantData() {
    List<Finding> gm = scan(List.of(new GmRequiredRule()), catalog);

    assertThat(Fixtures.actual(gm, "CleanDigests")).containsOnlyKeys(17, 35);
    assertThat(gm).filteredOn(f -> f.location().file().endsWith("CleanDigests.java"))
        .extracting(Finding::message).containsExactly(
            "MessageDigest.getInstance uses SHA-256 but the catalog holds important or sensitive data; use SM2, SM3 or SM4 instead",
            "Mac.getInstance uses HmacSHA256 but the catalog holds important or sensitive data; use SM2, SM3 or SM4 instead");
    assertThat(scan(List.of(new GmRequiredRule()), null)).isEmpty();
  }
}
