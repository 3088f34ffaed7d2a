package dev.shuqiao.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * YAML features that a descriptor cannot use safely are refused with a positioned parse error, never
 * read into something other than what the text says: aliases (Jackson hands them over as the anchor's
 * name) and anything after the first document (never read at all).
 */
class YamlStructureTest {

  private final CatalogReader reader = Descriptors.reader();

  @Test
  void aliasToADefinedAnchor_isAPositionedParseError() {
    String anchored = Descriptors.VALID.replace("abstract: 出生医学证明签发信息", "abstract: &abs 出生医学证明签发信息")
        .replace("abstract: 户籍登记信息", "abstract: *abs");

    ValidationReport report = reader.read("alias.yaml", anchored);

    assertThat(report.catalog()).isEmpty();
    assertThat(report.problems()).singleElement().satisfies(p -> {
      assertThat(p.rule()).isEqualTo(CatalogRule.PARSE_ERROR);
      assertThat(p.message()).contains("*abs").contains("alias");
      assertThat(p.position().orElseThrow().line()).isEqualTo(lineOf(anchored, "*abs"));
      assertThat(p.position().orElseThrow().column()).isEqualTo(columnOf(anchored, "*abs"));
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "*nowhere",            // undefined alias as a value
      "[*nowhere]",          // inside a flow list
      "{a: *nowhere}",       // inside a flow mapping
      "*abs",                // defined nowhere in this document either
      "*a1-b_c",             // anchor-name characters
  })
  void aliasAsAValue_isAPositionedParseErrorWhetherDefinedOrNot(String value) {
    String document = Descriptors.VALID.replace("abstract: 户籍登记信息", "abstract: " + value);

    ValidationReport report = reader.read("alias.yaml", document);

    assertThat(report.catalog()).isEmpty();
    assertThat(report.problems()).singleElement().satisfies(p -> {
      assertThat(p.rule()).isEqualTo(CatalogRule.PARSE_ERROR);
      assertThat(p.message()).contains("alias");
      assertThat(p.position().orElseThrow().line()).isEqualTo(lineOf(document, value));
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "version: 1\ncatalog: &c\n  title: t\n  description: d\n  publisher: p\nother: *c\nresources: []\n",
      "version: 1\n<<: *base\ncatalog:\n  title: t\n  description: d\n  publisher: p\nresources: []\n",
      "version: 1\ncatalog:\n  title: t\n  description: d\n  publisher: p\nresources:\n  - &r {code: x}\n  - *r\n",
      "version: 1\ncatalog:\n  title: t\n  description: d\n  publisher: p\n*k : v\nresources: []\n", // alias as a key
  })
  void aliasesAnywhere_areRefusedRatherThanReadAsText(String document) {
    ValidationReport report = reader.read("alias.yaml", document);

    assertThat(report.catalog()).isEmpty();
    assertThat(report.errors()).anySatisfy(p -> {
      assertThat(p.rule()).isEqualTo(CatalogRule.PARSE_ERROR);
      assertThat(p.message()).contains("alias");
      assertThat(p.position()).isPresent();
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "---\nversion: 2\n",                 // a valid second document
      "---\n",                             // an empty one
      "--- x\n",                           // a scalar one
      "---\nresources: [\n",               // a broken one
      "---\n\tbroken: [\n",               // broken with a tab
      "...\nversion: 2\n",                 // after an explicit document end
      "...\n---\nversion: 2\n",
  })
  void anythingAfterTheFirstDocument_isAParseError(String tail) {
    String document = Descriptors.VALID + tail;

    ValidationReport report = reader.read("two.yaml", document);

    assertThat(report.catalog()).isEmpty();
    assertThat(report.problems()).singleElement().satisfies(p -> {
      assertThat(p.rule()).isEqualTo(CatalogRule.PARSE_ERROR);
      assertThat(p.position().orElseThrow().line()).isGreaterThan(lineCount(Descriptors.VALID));
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"---\n", "--- # the catalog\n", ""})
  void oneDocument_withOrWithoutAStartMarker_isRead(String head) {
    ValidationReport report = reader.read("one.yaml", head + Descriptors.VALID + "...\n");

    assertThat(report.problems()).isEmpty();
    assertThat(report.catalog()).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", " {\"a\": 1}", "[]", "x", "\"s\"", "1", "garbage"})
  void jsonFollowedByMoreContent_isAParseError(String tail) {
    String json = CatalogWriter.toJson(reader.read("valid.yaml", Descriptors.VALID).catalog().orElseThrow(),
        reader.codeFormat());

    ValidationReport report = reader.read("two.json", json + "\n" + tail);

    assertThat(report.catalog()).isEmpty();
    assertThat(report.problems()).singleElement().satisfies(p -> {
      assertThat(p.rule()).isEqualTo(CatalogRule.PARSE_ERROR);
      assertThat(p.position().orElseThrow().line()).isEqualTo(lineCount(json + "\n") + 1);
    });
    assertThat(reader.read("one.json", json + "\n  \n").problems()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a: &x 1\n", "a: &x [1]\n", "a: &x\n  b: 1\n"})
  void anchorsWithoutAliases_areHarmlessAndKeepTheirValues(String extra) {
    ValidationReport report = reader.read("anchor.yaml", Descriptors.VALID + extra);

    assertThat(report.errors()).isEmpty();
    assertThat(report.warnings()).extracting(Problem::rule).containsExactly(CatalogRule.UNKNOWN_FIELD);
  }

  private static int lineOf(String text, String needle) {
    int at = text.indexOf(needle);
    return lineCount(text.substring(0, at)) + 1;
  }

  private static int columnOf(String text, String needle) {
    int at = text.indexOf(needle);
    return at - text.lastIndexOf('\n', at - 1);
  }

  private static int lineCount(String text) {
    return (int) text.chars().filter(c -> c == '\n').count();
  }
}
