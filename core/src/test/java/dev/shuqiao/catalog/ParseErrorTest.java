package dev.shuqiao.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A syntax error keeps all of the parser's explanation (context and problem, not just the first
 * line) and points where the problem is: a tab at the tab, not at the end of the line before it.
 */
class ParseErrorTest {

  private final CatalogReader reader = Descriptors.reader();

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      // document (\\t is a tab, \\n a line break) | line | column | words the message must contain
      "version: 1\\ncatalog:\\n\\ttitle: x\\n                 | 3 | 1  | found character '\\t(TAB)'",
      "version: 1\\ncatalog:\\n  title: x\\n  a:\\tb\\n       | 4 | 5  | Do not use \\t(TAB)",
      "key: value\\n\\t\\n                                    | 2 | 1  | (TAB)",
      "version: 1\\ncatalog:\\n  title: x\\n\\t\\t  publisher: p\\n | 4 | 1  | cannot start any token",
      "a:\\n  - x\\n  -\\ty\\n                                | 3 | 4  | (TAB)",
      "a: \"unterminated\\n                                   | 2 | 1  | while scanning a quoted scalar (at line 1, column 4): found unexpected end of stream",
      "a: [1,\\n b: {\\n                                     | 3 | 1  | while parsing a flow node: expected the node content",
      "a: b: c\\n                                           | 1 | 5  | mapping values are not allowed here",
      "a:\\n  b: 1\\n c: 2\\n                                 | 3 | 2  | expected <block end>",
  })
  void yamlSyntaxErrors_keepTheWholeExplanationAndPointAtTheProblem(String document, int line, int column,
      String words) {
    String text = document.strip().replace("\\t", "\t").replace("\\n", "\n");

    ValidationReport report = reader.read("broken.yaml", text);

    assertThat(report.problems()).singleElement().satisfies(p -> {
      assertThat(p.rule()).isEqualTo(CatalogRule.PARSE_ERROR);
      assertThat(p.message()).contains(words.replace("\\t", "\\t")).doesNotContain(" in 'reader'").doesNotContain("\n");
      assertThat(p.position().orElseThrow().line()).isEqualTo(line);
      assertThat(p.position().orElseThrow().column()).isEqualTo(column);
    });
  }
}
