package dev.shuqiao.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast block-YAML reader is held to the general reader (Jackson + SnakeYAML): for every document
 * it accepts, the tree — keys, values, scalar types, positions — and the parse problems must be
 * identical; everything else it must hand back (null) to the general reader.
 */
class BlockYamlReaderTest {

  @Test
  void theSampleCatalogsReadTheSameOnBothPaths() throws IOException {
    assertSameTreeOnFastPath(Files.readString(Path.of("../examples/catalogs/birth-catalog.yaml"),
        StandardCharsets.UTF_8));
    assertSameTreeOnFastPath(Descriptors.VALID);
  }

  @Test
  void whatTheCatalogWriterWritesReadsTheSameOnBothPaths() {
    Catalog catalog = CatalogReader.builder().clock(Descriptors.CLOCK).build()
        .read(Path.of("../examples/catalogs/birth-catalog.yaml")).catalog().orElseThrow();
    assertSameTreeOnFastPath(CatalogWriter.toYaml(catalog, ResourceCodeFormat.DEFAULT));
  }

  /** Plain scalars get Jackson's types: YAML 1.1 booleans and nulls, decimal numbers, the rest text. */
  @ParameterizedTest
  @ValueSource(strings = {"1", "-1", "+1", "1_000", "0", "-0", "1.5", ".5", "1e3", "6.8523015e+5", "1:30",
      "190:20:30.15", "yes", "No", "on", "OFF", "y", "n", "Y", "true", "False", "TRUE", "null", "~", "Null",
      "NULL", "2024-01-01", "2024-01-01T10:00:00Z", ".inf", "-.inf", ".NaN", "<<", "=", "abc", "中文 文本",
      "1 01 003", "11450200075623181Q", "a#b", "0o17", "a:b", "https://wjw.example.gov.cn/x?a=1&b=2", "C#", "-abc",
      "😀 x", "单位：克", "a, b", "a [b] {c}", "x ", "'quoted ''twice'''", "\"esc \\\" \\\\ \\n \\t \\u4e2d \\0\"",
      "\"\"", "''", "\"a # b\"", "'a: b'", "\"😀\""})
  void scalarsReadTheSameOnBothPaths(String scalar) {
    assertSameTreeOnFastPath("key: " + scalar + "\nlist:\n  - " + scalar + "\n  -   " + scalar + "  # note\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "a: 1\nb:\n  c: 2\n  d:\n    - x\n    - y\ne: 3\n",
      "a:\n- x\n- y\nb: 1\n",                         // a list no deeper than its key
      "- a: 1\n  b: 2\n- c\n-\n  d: 3\n-\n- \n",       // lists of mappings, scalars and empty entries
      "a:\nb: \nc: # nothing\n",                      // empty values are nulls
      "\uFEFFa: 1\n",                                 // byte order mark
      "a: 1\r\nb:\r\n  - 2\r\n",                      // CRLF
      "# head\n\n  # indented comment\na: 1   \n\n\nb: 2 # tail\n# end",
      "a: 1\na: 2\nb:\n  c: 1\n  c: 2\n",             // duplicate keys are reported the same
      "  a: 1\n  b: 2\n",                             // an indented root
      "a:\n    b: 1\n    c: 2\nd: 3\n",                // four-space indentation
      "- x\n",
      "plain root scalar\n",
      "a:\n  indented value on its own line\nb: 1\n",
      "a b c : 1\n",                                 // spaces in and after a key
      "😀: 1\nk: 😀😀 x\n  # 😀\nm:\n  - 😀: y\n",         // columns count code points
      "key: value\n",
  })
  void structuresReadTheSameOnBothPaths(String yaml) {
    assertSameTreeOnFastPath(yaml);
  }

  /** Valid YAML outside the subset, and invalid YAML, both go to the general reader. */
  @ParameterizedTest
  @ValueSource(strings = {
      "a: &x 1\nb: *x\n", "a: !!str 1\n", "a: |\n  block\n", "a: >\n  folded\n", "a: [1, 2]\n", "a: {b: 1}\n",
      "a: plain\n  continued\n", "a: \"double\n  quoted\"\n", "a: 'single\n  quoted'\n", "---\na: 1\n",
      "a: 1\n...\n", "%YAML 1.1\n---\na: 1\n", "? a\n: 1\n", "a:\n\t- 1\n", "a: 0x1F\n", "a: 017\n",
      "a: \"\\x41\"\n", "a: \"\\/\"\n", "a: \"\\ud83d\"\n", "a: b: c\n", "a: 1\n b: 2\n", "a:\n  - 1\n  b: 2\n", "- - a\n",
      "a: 1\n- b\n", "a: \"x\"y\n", "a: 'x\n", "\"k\": 1\n", "a: 1\u2028b: 2\n", "a: 1\rb: 2\n", "a: \u0001\n",
      "", "   \n# only a comment\n", "a: x\u0085y\n", "a: ?x\n", "a: :x\n", "a: @x\n", "a: `x\n", "a: %x\n", "a:   \t\n",
  })
  void unsupportedOrInvalidDocumentsFallBack(String yaml) {
    assertThat(fast(yaml)).isNull();
  }

  /**
   * Random edits of a real descriptor — indicators, quotes, line breaks, tabs, indentation, Unicode —
   * must never make the fast path disagree with the general one: it either reads the same tree or
   * steps aside. A fixed seed keeps failures reproducible.
   */
  @Test
  void randomEditsNeverMakeThePathsDisagree() {
    String base = Descriptors.VALID;
    String alphabet = " -:#'\"\n\t&*!|>{}[],?%@`\\~0_.yn中😀\r\u2028\uFEFF";
    Random random = new Random(20261127);
    int fastReads = 0;
    int documents = 6_000;
    for (int n = 0; n < documents; n++) {
      StringBuilder text = new StringBuilder(base);
      int edits = 1 + random.nextInt(3);
      for (int e = 0; e < edits; e++) {
        edit(text, random, alphabet);
      }
      String yaml = text.toString();
      if (fast(yaml) != null) {
        fastReads++;
        assertSameTreeOnFastPath(yaml);
      }
    }
    // The edits must leave plenty of documents on the fast path, or this test checks nothing.
    assertThat(fastReads).isGreaterThan(documents / 5);
  }

  private static void edit(StringBuilder text, Random random, String alphabet) {
    int at = random.nextInt(text.length());
    int pick = random.nextInt(alphabet.length());
    String c = Character.isSurrogate(alphabet.charAt(pick)) ? "😀" : String.valueOf(alphabet.charAt(pick));
    switch (random.nextInt(5)) {
      case 0 -> text.insert(at, c);
      case 1 -> {
        if (!Character.isSurrogate(text.charAt(at))) {
          text.deleteCharAt(at);
        }
      }
      case 2 -> {
        if (!Character.isSurrogate(text.charAt(at))) {
          text.replace(at, at + 1, c);
        }
      }
      case 3 -> { // indent or outdent a line
        int lineStart = text.lastIndexOf("\n", at) + 1;
        if (random.nextBoolean()) {
          text.insert(lineStart, " ");
        } else if (text.charAt(lineStart) == ' ') {
          text.deleteCharAt(lineStart);
        }
      }
      default -> { // duplicate a line
        int lineStart = text.lastIndexOf("\n", at) + 1;
        int lineEnd = text.indexOf("\n", at);
        if (lineEnd > lineStart) {
          text.insert(lineStart, text.substring(lineStart, lineEnd + 1));
        }
      }
    }
  }

  private static void assertSameTreeOnFastPath(String yaml) {
    List<Problem> fastProblems = new ArrayList<>();
    Node fast = BlockYamlReader.read("t.yaml", yaml, fastProblems::add, null);
    assertThat(fast).as("read on the fast path:%n%s", yaml).isNotNull();
    List<Problem> generalProblems = new ArrayList<>();
    Node general = DescriptorParser.parse("t.yaml", new StringReader(yaml), false, generalProblems::add);
    assertThat(general).as("the general reader accepts what the fast path accepted:%n%s%n%s", yaml,
        generalProblems).isNotNull();
    assertThat(dump(fast)).as("same tree for:%n%s", yaml).isEqualTo(dump(general));
    assertThat(fastProblems.toString()).isEqualTo(generalProblems.toString());
  }

  private static Node fast(String yaml) {
    return BlockYamlReader.read("t.yaml", yaml, p -> { }, null);
  }

  /** Every node with its position, kind and text, every key with its position. */
  private static String dump(Node node) {
    StringBuilder out = new StringBuilder();
    dump(node, out, "");
    return out.toString();
  }

  private static void dump(Node node, StringBuilder out, String indent) {
    out.append(indent).append(node.position()).append(' ');
    if (node instanceof Node.ObjectNode object) {
      out.append("{\n");
      for (Node.Field field : object.fields) {
        out.append(indent).append("  ").append(field.key).append(" @").append(field.keyLine).append(':')
            .append(field.keyColumn).append(field.duplicate ? " (duplicate)" : "").append('\n');
        dump(field.value, out, indent + "    ");
      }
    } else if (node instanceof Node.ArrayNode array) {
      out.append("[\n");
      for (Node element : array.elements) {
        dump(element, out, indent + "  ");
      }
    } else {
      Node.ScalarNode scalar = (Node.ScalarNode) node;
      out.append(scalar.type).append(" <").append(scalar.text).append(">\n");
    }
  }
}
