package dev.shuqiao.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Problems name the resource they are in (code and name) and can be read in Chinese; English stays. */
class ProblemMessagesTest {

  private static List<Problem> read(String descriptor) {
    return Descriptors.reader().read("catalog.yaml", descriptor).problems();
  }

  @Test
  void aProblemInsideAResource_namesItsCodeAndName() {
    Problem problem = read(Descriptors.mutate("format: 数据库", "format: 数据仓库")).get(0);
    assertThat(problem.resourceCode()).contains("1 01 003/000001");
    assertThat(problem.resourceName()).contains("出生医学证明信息");
    assertThat(problem.toString()).endsWith("(resource 1 01 003/000001 出生医学证明信息)")
        .contains("resources[0].format: '数据仓库' is not a known value");
  }

  @Test
  void problemsInTheSecondResource_andDeepInside_nameTheSecondResource() {
    List<Problem> problems = read(Descriptors.mutate("type: CHARACTER", "type: STRING")
        .replace("      type: NOT_OPEN", "      type: CONDITIONAL"));
    assertThat(problems).hasSize(2).allSatisfy(p -> {
      assertThat(p.path()).startsWith("resources[1].");
      assertThat(p.resourceCode()).contains("1 01 001/000001");
      assertThat(p.resourceName()).contains("户籍登记信息");
    });
  }

  @Test
  void aRelationResolvedAfterReading_namesTheResourceHoldingIt() {
    Problem problem = read(Descriptors.mutate("- \"1 01 001/000001\"", "- \"1 01 001/000077\"")).get(0);
    assertThat(problem.rule()).isEqualTo(CatalogRule.RELATED_CODE_UNRESOLVED);
    assertThat(problem.resourceCode()).contains("1 01 003/000001");
  }

  @Test
  void aResourceWithoutName_isNamedByItsCode_andABadCodeIsStillShownAsWritten() {
    Problem noName = read(Descriptors.mutate("    name: 出生医学证明信息\n", "")).get(0);
    assertThat(noName.resourceCode()).contains("1 01 003/000001");
    assertThat(noName.resourceName()).isEmpty();
    assertThat(noName.toString()).endsWith("(resource 1 01 003/000001)");
    Problem badCode = read(Descriptors.mutate("- code: \"1 01 003/000001\"", "- code: \"1 1 003/000001\"")).get(0);
    assertThat(badCode.resourceCode()).contains("1 1 003/000001");
    assertThat(badCode.resourceName()).contains("出生医学证明信息");
  }

  @Test
  void aProblemOutsideAnyResource_namesNone() {
    Problem problem = read(Descriptors.mutate("  title: 测试目录\n", "")).get(0);
    assertThat(problem.path()).isEqualTo("catalog.title");
    assertThat(problem.resourceCode()).isEmpty();
    assertThat(problem.toString()).doesNotContain("(resource");
  }

  @Test
  void chineseMessages_areSelectable_andEnglishIsKept() {
    Problem problem = read(Descriptors.mutate("format: 数据库", "format: 数据仓库")).get(0);
    assertThat(problem.message()).startsWith("'数据仓库' is not a known value");
    assertThat(problem.message(Locale.ENGLISH)).isEqualTo(problem.message());
    assertThat(problem.message(Locale.SIMPLIFIED_CHINESE)).contains("受控词表").contains("'数据仓库'");
    assertThat(problem.toString(Locale.forLanguageTag("zh-CN"))).contains("错误 [unknown-value] resources[0].format: ")
        .endsWith("（资源 1 01 003/000001 出生医学证明信息）");
  }

  @ParameterizedTest
  @EnumSource(CatalogRule.class)
  void everyRule_hasAChineseSentence(CatalogRule rule) {
    assertThat(ProblemMessages.chinese(rule)).as(rule.id()).hasValueSatisfying(text ->
        assertThat(text.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN)).isTrue());
  }

  @Test
  void theDocs_sayPathIndexesCountFromZero() throws Exception {
    assertThat(Files.readString(Path.of("../docs/catalog.md"))).contains("count from zero");
  }
}
