package dev.shuqiao.catalog;

import static dev.shuqiao.catalog.Descriptors.lineOf;
import static dev.shuqiao.catalog.Descriptors.mutate;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every {@link CatalogRule}: a mutation of the valid descriptor that breaks it, and its passing twin. */
class CatalogRulesTest {

  private final CatalogReader reader = Descriptors.reader();

  @Test
  void validDescriptor_hasNoProblems() {
    ValidationReport report = reader.read("valid.yaml", Descriptors.VALID);

    assertThat(report.problems()).isEmpty();
    assertThat(report.catalog()).hasValueSatisfying(c -> assertThat(c.resources()).hasSize(2));
  }

  static Stream<Arguments> violations() {
    return Stream.of(
        // description, find, replace, rule, path, text marking the reported line (null: don't check)
        Arguments.of("missing name", "    name: 出生医学证明信息\n", "", CatalogRule.REQUIRED_FIELD, "resources[0].name", null),
        Arguments.of("missing catalog title", "  title: 测试目录\n", "", CatalogRule.REQUIRED_FIELD, "catalog.title", null),
        Arguments.of("blank abstract", "abstract: 出生医学证明签发信息", "abstract: \"  \"", CatalogRule.REQUIRED_FIELD, "resources[0].abstract", null),
        Arguments.of("unknown format", "format: 数据库", "format: 数据仓库", CatalogRule.UNKNOWN_VALUE, "resources[0].format", "数据仓库"),
        Arguments.of("unknown item type", "type: CHARACTER", "type: STRING", CatalogRule.UNKNOWN_VALUE, "resources[1].items[0].type", "STRING"),
        Arguments.of("unknown masking", "masking: id-number", "masking: blur", CatalogRule.UNKNOWN_VALUE, "resources[0].items[1].masking", "blur"),
        Arguments.of("bad code shape", "- code: \"1 01 003/000001\"", "- code: \"1 1 003/000001\"", CatalogRule.RESOURCE_CODE_FORMAT, "resources[0].code", "1 1 003"),
        Arguments.of("short sequence", "- code: \"1 01 003/000001\"", "- code: \"1 01 003/001\"", CatalogRule.RESOURCE_CODE_FORMAT, "resources[0].code", "003/001"),
        Arguments.of("duplicate code", "- code: \"1 01 001/000001\"", "- code: \"1 01 003/000001\"", CatalogRule.RESOURCE_CODE_DUPLICATE, "resources[1].code", "- code: \"1 01 003/000001\"\n    name: 户籍"),
        Arguments.of("bad classification shape", "code: \"1 01 003\"\n", "code: \"1 01 03\"\n", CatalogRule.CLASSIFICATION_CODE_FORMAT, "resources[0].classification.code", "\"1 01 03\""),
        Arguments.of("classification digit outside 1-3", "- code: \"1 01 003/000001\"", "- code: \"9 01 003/000001\"", CatalogRule.CLASSIFICATION_MISMATCH, "resources[0].classification.code", "code: \"1 01 003\"\n"),
        Arguments.of("view disagrees with code", "view: 基础", "view: 主题", CatalogRule.CLASSIFICATION_MISMATCH, "resources[0].classification.view", "主题"),
        Arguments.of("classification not prefix of code", "code: \"1 01 003\"\n", "code: \"1 01 004\"\n", CatalogRule.CLASSIFICATION_MISMATCH, "resources[0].classification.code", "\"1 01 004\""),
        Arguments.of("credit code check character", "11450200075623181Q", "11450200007562318N", CatalogRule.CREDIT_CODE, "resources[0].provider.code", "11450200007562318N"),
        Arguments.of("credit code length", "11450200075623181Q", "1145020000756231", CatalogRule.CREDIT_CODE, "resources[0].provider.code", "1145020000756231"),
        Arguments.of("credit code alphabet", "114502000756245X4M", "1145020000756245IG", CatalogRule.CREDIT_CODE, "resources[1].provider.code", "1145020000756245IG"),
        Arguments.of("conditional without conditions", "      conditions: 限出生一件事联办\n", "", CatalogRule.SHARING_CONDITIONS, "resources[0].sharing", null),
        Arguments.of("conditional without basis", "      basis: 《母婴保健法》\n", "", CatalogRule.SHARING_BASIS, "resources[0].sharing", null),
        Arguments.of("not shared without basis", "type: UNCONDITIONAL\n      method: INTERFACE", "type: NOT_SHARED", CatalogRule.SHARING_BASIS, "resources[1].sharing", null),
        Arguments.of("not shared with a method", "type: UNCONDITIONAL", "type: NOT_SHARED\n      basis: 《户口登记条例》", CatalogRule.SHARING_METHOD, "resources[1].sharing.method", "method: INTERFACE"),
        Arguments.of("shared without a method", "      method: INTERFACE\n", "", CatalogRule.SHARING_METHOD, "resources[1].sharing", null),
        Arguments.of("unconditional sharing with conditions", "type: UNCONDITIONAL\n", "type: UNCONDITIONAL\n      conditions: 仅限政务\n", CatalogRule.SHARING_CONDITIONS, "resources[1].sharing.conditions", "conditions: 仅限政务"),
        Arguments.of("not-open openness with conditions", "      type: 不予开放\n", "      type: 不予开放\n      conditions: 申请后开放\n", CatalogRule.OPENNESS_CONDITIONS, "resources[0].openness.conditions", "conditions: 申请后开放"),
        Arguments.of("conditional openness without conditions", "type: NOT_OPEN", "type: CONDITIONAL", CatalogRule.OPENNESS_CONDITIONS, "resources[1].openness", null),
        Arguments.of("not shared but open", "type: UNCONDITIONAL\n      method: INTERFACE\n    openness:\n      type: NOT_OPEN",
            "type: NOT_SHARED\n      basis: 《户口登记条例》\n    openness:\n      type: UNCONDITIONAL", CatalogRule.OPENNESS_EXCEEDS_SHARING, "resources[1].openness.type", "type: UNCONDITIONAL"),
        Arguments.of("no items", "      - name: 姓名\n        type: CHARACTER\n        length: 50\n        personal: true\n", "        []\n", CatalogRule.ITEMS_EMPTY, "resources[1].items", null),
        Arguments.of("duplicate item name", "- name: 母亲身份证号", "- name: 证明编号", CatalogRule.ITEM_NAME_DUPLICATE, "resources[0].items[1].name", "- name: 证明编号\n        type: C\n        length: 18"),
        Arguments.of("secret resource", "    updateCycle: DAILY\n", "    updateCycle: DAILY\n    secrecy: 涉密\n", CatalogRule.SECRET_RESOURCE, "resources[1].secrecy", "secrecy: 涉密"),
        Arguments.of("character item without length", "        length: 10\n", "", CatalogRule.ITEM_LENGTH, "resources[0].items[0].length", null),
        Arguments.of("zero length", "length: 10", "length: 0", CatalogRule.ITEM_LENGTH, "resources[0].items[0].length", "length: 0"),
        Arguments.of("non-numeric length", "length: 10", "length: ten", CatalogRule.ITEM_LENGTH, "resources[0].items[0].length", "length: ten"),
        Arguments.of("sensitive but not personal", "        sensitive: true\n", "        sensitive: true\n        personal: false\n", CatalogRule.SENSITIVE_NOT_PERSONAL, "resources[0].items[1].personal", "personal: false"),
        Arguments.of("sensitive without masking", "        masking: id-number\n", "", CatalogRule.MASKING_MISSING, "resources[0].items[1]", "- name: 母亲身份证号"),
        Arguments.of("related code unknown", "- \"1 01 001/000001\"", "- \"1 01 001/000009\"", CatalogRule.RELATED_CODE_UNRESOLVED, "resources[0].related[0]", "000009"),
        Arguments.of("impossible date", "2024-03-01", "2024-02-30", CatalogRule.DATE_INVALID, "resources[0].publishedOn", "2024-02-30"),
        Arguments.of("date in another format", "2024-03-01", "2024/03/01", CatalogRule.DATE_INVALID, "resources[0].publishedOn", "2024/03/01"),
        Arguments.of("date in the future", "2024-03-01", "2999-03-01", CatalogRule.DATE_IN_FUTURE, "resources[0].publishedOn", "2999-03-01"),
        Arguments.of("endpoint not http", "    updateCycle: 实时\n", "    updateCycle: 实时\n    endpoint: ftp://files.example.gov.cn/x\n", CatalogRule.ENDPOINT_INVALID, "resources[0].endpoint", "ftp://"),
        Arguments.of("misspelt key", "abstract: 户籍登记信息", "abstrct: 户籍登记信息", CatalogRule.UNKNOWN_FIELD, "resources[1].abstrct", "abstrct"),
        Arguments.of("duplicate key", "    name: 户籍登记信息\n", "    name: 户籍登记信息\n    name: 户籍\n", CatalogRule.DUPLICATE_KEY, "", "name: 户籍\n"),
        Arguments.of("list where a number belongs", "length: 10", "length: [10]", CatalogRule.WRONG_TYPE, "resources[0].items[0].length", "[10]"),
        Arguments.of("a YAML boolean word where text belongs", "abstract: 户籍登记信息", "abstract: no", CatalogRule.WRONG_TYPE, "resources[1].abstract", "abstract: no"),
        Arguments.of("text where a boolean belongs", "personal: true", "personal: maybe", CatalogRule.WRONG_TYPE, "resources[1].items[0].personal", "maybe"),
        Arguments.of("text where an object belongs", "    openness:\n      type: NOT_OPEN", "    openness: NOT_OPEN", CatalogRule.WRONG_TYPE, "resources[1].openness", "openness: NOT_OPEN"),
        Arguments.of("newer format version", "version: 1", "version: 2", CatalogRule.UNSUPPORTED_VERSION, "version", "version: 2"),
        Arguments.of("unclosed flow list", "version: 1", "version: [1", CatalogRule.PARSE_ERROR, "", null));
  }

  @ParameterizedTest(name = "{0} -> {3}")
  @MethodSource("violations")
  void read_reportsRuleWithPathAndLine(String description, String find, String replace, CatalogRule rule,
      String path, String lineMarker) {
    String document = mutate(find, replace);

    ValidationReport report = reader.read("catalog.yaml", document);

    assertThat(report.problems()).filteredOn(p -> p.rule() == rule)
        .as("problems: %s", report.problems())
        .anySatisfy(problem -> {
          assertThat(problem.path()).isEqualTo(path);
          assertThat(problem.message()).isNotBlank();
          assertThat(problem.position()).isPresent();
          assertThat(problem.position().get().source()).isEqualTo("catalog.yaml");
          if (lineMarker != null) {
            assertThat(problem.position().get().line()).isEqualTo(lineOf(document, lineMarker));
          }
        });
    assertThat(report.hasErrors()).isEqualTo(rule.severity() == Severity.ERROR || report.errors().size() > 0);
    assertThat(report.catalog().isPresent()).isEqualTo(!report.hasErrors());
  }

  /** One or more valid variants per rule: the rule must not fire on a near miss. */
  static Stream<Arguments> passingTwins() {
    return Stream.of(
        Arguments.of("flow-style YAML is well-formed", CatalogRule.PARSE_ERROR, "    openness:\n      type: NOT_OPEN", "    openness: {type: NOT_OPEN}"),
        Arguments.of("a YAML 1.1 boolean word", CatalogRule.WRONG_TYPE, "personal: true", "personal: yes"),
        Arguments.of("a commented-out repeated key", CatalogRule.DUPLICATE_KEY, "    name: 户籍登记信息\n", "    name: 户籍登记信息\n    # name: 户籍\n"),
        Arguments.of("an optional field spelt right", CatalogRule.UNKNOWN_FIELD, "        length: 50\n", "        length: 50\n        description: 户主姓名\n"),
        Arguments.of("the version as text", CatalogRule.UNSUPPORTED_VERSION, "version: 1", "version: \"1\""),
        Arguments.of("an optional field left out", CatalogRule.REQUIRED_FIELD, "      view: 基础\n", ""),
        Arguments.of("a vocabulary value in English", CatalogRule.UNKNOWN_VALUE, "format: 数据库", "format: DATABASE"),
        Arguments.of("another sequence number", CatalogRule.RESOURCE_CODE_FORMAT, "- code: \"1 01 003/000001\"", "- code: \"1 01 003/999999\""),
        Arguments.of("two sequence numbers in one classification", CatalogRule.RESOURCE_CODE_DUPLICATE,
            "- code: \"1 01 003/000001\"\n    name: 出生医学证明信息\n    classification:\n      view: 基础\n      code: \"1 01 003\"",
            "- code: \"1 01 001/000002\"\n    name: 出生医学证明信息\n    classification:\n      view: 基础\n      code: \"1 01 001\""),
        Arguments.of("another valid classification", CatalogRule.CLASSIFICATION_CODE_FORMAT,
            "- code: \"1 01 003/000001\"\n    name: 出生医学证明信息\n    classification:\n      view: 基础\n      code: \"1 01 003\"",
            "- code: \"1 02 017/000001\"\n    name: 出生医学证明信息\n    classification:\n      view: 基础\n      code: \"1 02 017\""),
        Arguments.of("view consistent with the code", CatalogRule.CLASSIFICATION_MISMATCH, "    classification:\n      code: \"1 01 001\"", "    classification:\n      view: BASIC\n      code: \"1 01 001\""),
        Arguments.of("a credit code with a letter check character", CatalogRule.CREDIT_CODE, "11450200075623181Q", "114502000756245X4M"),
        Arguments.of("conditional sharing with conditions", CatalogRule.SHARING_CONDITIONS, "type: UNCONDITIONAL\n      method: INTERFACE",
            "type: CONDITIONAL\n      conditions: 限户籍业务\n      basis: 《户口登记条例》\n      method: INTERFACE"),
        Arguments.of("not shared with basis and no method", CatalogRule.SHARING_BASIS, "type: UNCONDITIONAL\n      method: INTERFACE", "type: NOT_SHARED\n      basis: 《户口登记条例》"),
        Arguments.of("unconditional sharing citing its basis", CatalogRule.SHARING_BASIS, "type: UNCONDITIONAL\n", "type: UNCONDITIONAL\n      basis: 《政务数据共享管理办法》\n"),
        Arguments.of("another delivery method", CatalogRule.SHARING_METHOD, "method: INTERFACE", "method: FILE"),
        Arguments.of("conditional openness with conditions", CatalogRule.OPENNESS_CONDITIONS, "type: NOT_OPEN", "type: CONDITIONAL\n      conditions: 申请后开放"),
        Arguments.of("shared without conditions and open", CatalogRule.OPENNESS_EXCEEDS_SHARING, "type: NOT_OPEN", "type: UNCONDITIONAL"),
        Arguments.of("a single item", CatalogRule.ITEMS_EMPTY, "      - name: 证明编号\n        type: C\n        length: 10\n", ""),
        Arguments.of("one item name in two resources", CatalogRule.ITEM_NAME_DUPLICATE, "- name: 证明编号", "- name: 姓名"),
        Arguments.of("length on an optional-length type", CatalogRule.ITEM_LENGTH, "type: CHARACTER", "type: MEMO"),
        Arguments.of("date item without length", CatalogRule.ITEM_LENGTH, "        type: C\n        length: 10\n", "        type: D\n"),
        Arguments.of("sensitive and explicitly personal", CatalogRule.SENSITIVE_NOT_PERSONAL, "        sensitive: true\n", "        sensitive: true\n        personal: true\n"),
        Arguments.of("custom keep masking", CatalogRule.MASKING_MISSING, "masking: id-number", "masking: keep(3,4)"),
        Arguments.of("Chinese masking name", CatalogRule.MASKING_MISSING, "masking: id-number", "masking: 身份证号"),
        Arguments.of("external related code outside the catalog", CatalogRule.RELATED_CODE_UNRESOLVED, "- \"1 01 001/000001\"", "- code: \"9 99 999/999999\"\n        external: true"),
        Arguments.of("leap day", CatalogRule.DATE_INVALID, "2024-03-01", "2024-02-29"),
        Arguments.of("today's date", CatalogRule.DATE_IN_FUTURE, "2024-03-01", "2025-06-01"),
        Arguments.of("https endpoint", CatalogRule.ENDPOINT_INVALID, "    updateCycle: 实时\n", "    updateCycle: 实时\n    endpoint: https://wjw.example.gov.cn/api/birth\n"),
        Arguments.of("boolean in Chinese", CatalogRule.WRONG_TYPE, "personal: true", "personal: 是"),
        Arguments.of("explicitly non-secret", CatalogRule.SECRET_RESOURCE, "    updateCycle: DAILY\n", "    updateCycle: DAILY\n    secrecy: 非涉密\n"));
  }

  @Test
  void everyRuleHasAFailingAndAPassingCase() {
    Set<CatalogRule> failing = violations().map(a -> (CatalogRule) a.get()[3]).collect(Collectors.toSet());
    Set<CatalogRule> passing = passingTwins().map(a -> (CatalogRule) a.get()[1]).collect(Collectors.toSet());
    assertThat(failing).containsAll(EnumSet.allOf(CatalogRule.class));
    assertThat(passing).containsAll(EnumSet.allOf(CatalogRule.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("passingTwins")
  void read_acceptsValidVariant(String description, CatalogRule rule, String find, String replace) {
    ValidationReport report = reader.read("catalog.yaml", mutate(find, replace));

    assertThat(report.problems()).isEmpty();
    assertThat(report.catalog()).isPresent();
  }

  @Test
  void read_reportsEveryProblemAtOnce() {
    String document = mutate("11450200075623181Q", "11450200007562318N")
        .replace("format: 数据库", "format: 数据仓库")
        .replace("2023-11-15", "2023-13-15");

    ValidationReport report = reader.read("catalog.yaml", document);

    assertThat(report.errors()).extracting(Problem::rule)
        .contains(CatalogRule.CREDIT_CODE, CatalogRule.UNKNOWN_VALUE, CatalogRule.DATE_INVALID);
    assertThat(report.errors()).extracting(Problem::path)
        .contains("resources[0].provider.code", "resources[0].format", "resources[1].publishedOn");
  }

  @Test
  void read_listsProblemsInDocumentOrder() {
    String document = mutate("- \"1 01 001/000001\"", "- \"1 01 001/000009\"").replace("2023-11-15", "2023-13-15");

    ValidationReport report = reader.read("catalog.yaml", document);

    assertThat(report.problems()).extracting(p -> p.position().orElseThrow().line()).isSorted();
  }

  @Test
  void unconditionalSharingBasis_isKeptAndWrittenBack() {
    Catalog catalog = reader.read("catalog.yaml", mutate("type: UNCONDITIONAL\n",
        "type: UNCONDITIONAL\n      basis: 《政务数据共享管理办法》\n")).catalog().orElseThrow();
    Sharing sharing = catalog.resources().get(1).sharing();
    assertThat(sharing.basis()).contains("《政务数据共享管理办法》");

    Catalog again = reader.read("again.yaml", CatalogWriter.toYaml(catalog, ResourceCodeFormat.DEFAULT))
        .catalog().orElseThrow();
    assertThat(again.resources().get(1).sharing()).isEqualTo(sharing);
  }

  @Test
  void yamlBooleanWordInText_saysToQuoteIt() {
    ValidationReport report = reader.read("catalog.yaml", mutate("abstract: 户籍登记信息", "abstract: off"));

    assertThat(report.problems()).singleElement().satisfies(problem ->
        assertThat(problem.message()).contains("'off'").contains("\"off\" in quotes"));
    assertThat(reader.read("catalog.yaml", mutate("abstract: 户籍登记信息", "abstract: \"off\"")).problems()).isEmpty();
  }

  @Test
  void unknownValue_listsTheAllowedValues() {
    ValidationReport report = reader.read("catalog.yaml", mutate("type: 有条件共享", "type: 有条件分享"));

    assertThat(report.errors()).singleElement().satisfies(problem -> assertThat(problem.message())
        .contains("有条件分享", "UNCONDITIONAL (无条件共享)", "CONDITIONAL (有条件共享)", "NOT_SHARED (不予共享)"));
  }

  @Test
  void unknownField_suggestsTheClosestKnownField() {
    ValidationReport report = reader.read("catalog.yaml", mutate("        masking: id-number\n", "        maskng: id-number\n"));

    assertThat(report.problems()).filteredOn(p -> p.rule() == CatalogRule.UNKNOWN_FIELD)
        .singleElement().satisfies(p -> assertThat(p.message()).contains("did you mean 'masking'"));
  }

  @Test
  void problem_printsFileLineColumnRuleAndPath() {
    ValidationReport report = reader.read("catalog.yaml", mutate("11450200075623181Q", "11450200007562318N"));

    assertThat(report.errors()).singleElement().hasToString(
        "catalog.yaml:14:13: error [credit-code] resources[0].provider.code: '11450200007562318N' is not a valid"
            + " 统一社会信用代码: check character is 'N' but the first 17 characters require 'M'; the code is mistyped"
            + " (resource 1 01 003/000001 出生医学证明信息)");
  }
}
