package dev.shuqiao.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed input becomes positioned problems; JSON and YAML read alike; catalogs round-trip. */
class DescriptorParsingTest {

  private final CatalogReader reader = Descriptors.reader();

  @Test
  void malformedYaml_isOneParseErrorWithLineAndColumn() {
    String document = "catalog:\n  title: [unclosed\nresources: []\n";

    ValidationReport report = reader.read("broken.yaml", document);

    assertThat(report.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.rule()).isEqualTo(CatalogRule.PARSE_ERROR);
      assertThat(problem.message()).startsWith("the document is not well-formed").doesNotContain("\tat ");
      assertThat(problem.position()).hasValueSatisfying(p -> assertThat(p.line()).isBetween(2, 3));
    });
    assertThat(report.catalog()).isEmpty();
  }

  @Test
  void badIndentation_isAParseErrorAtTheOffendingLine() {
    String document = "catalog:\n  title: a\n description: b\n";

    ValidationReport report = reader.read("indent.yaml", document);

    assertThat(report.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.rule()).isEqualTo(CatalogRule.PARSE_ERROR);
      assertThat(problem.position().orElseThrow().line()).isEqualTo(3);
    });
  }

  @Test
  void malformedJson_isAParseErrorWithLineAndColumn() {
    String document = "{\n  \"catalog\": {\n    \"title\": \"x\",,\n  }\n}";

    ValidationReport report = reader.read("broken.json", document);

    assertThat(report.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.rule()).isEqualTo(CatalogRule.PARSE_ERROR);
      assertThat(problem.position().orElseThrow().line()).isEqualTo(3);
      assertThat(problem.position().orElseThrow().column()).isGreaterThan(1);
    });
  }

  @Test
  void emptyDocument_isAParseError() {
    assertThat(reader.read("empty.yaml", "  \n").problems()).singleElement()
        .satisfies(p -> assertThat(p.rule()).isEqualTo(CatalogRule.PARSE_ERROR));
  }

  @Test
  void listAtTheTop_isAWrongTypeProblem() {
    assertThat(reader.read("list.yaml", "- a\n- b\n").problems()).singleElement().satisfies(p -> {
      assertThat(p.rule()).isEqualTo(CatalogRule.WRONG_TYPE);
      assertThat(p.message()).contains("expected an object");
    });
  }

  @Test
  void missingSections_areReportedTogether() {
    ValidationReport report = reader.read("bare.yaml", "version: 1\n");

    assertThat(report.errors()).extracting(Problem::path).containsExactlyInAnyOrder("catalog", "resources");
  }

  @Test
  void yamlAliasBombs_areRefused() {
    StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
    for (char c = 'b'; c <= 'z'; c++) {
      char previous = (char) (c - 1);
      bomb.append(c).append(": &").append(c).append(" [*").append(previous).append(", *").append(previous)
          .append(", *").append(previous).append("]\n");
    }

    ValidationReport report = reader.read("bomb.yaml", bomb.toString());

    assertThat(report.hasErrors()).isTrue();
  }

  @Test
  void resourcesBeforeTheCatalogSection_readAlike() {
    int split = Descriptors.VALID.indexOf("resources:");
    String header = Descriptors.VALID.substring(0, split);
    String reordered = Descriptors.VALID.substring(split) + header;

    ValidationReport report = reader.read("reordered.yaml", reordered);

    assertThat(report.problems()).isEmpty();
    assertThat(report.catalog()).isEqualTo(reader.read("valid.yaml", Descriptors.VALID).catalog());
  }

  @Test
  void syntaxErrorAfterInvalidResources_reportsOnlyTheSyntaxError() {
    String document = Descriptors.mutate("11450200075623181Q", "11450200007562318N") + "trailing: [\n";

    ValidationReport report = reader.read("catalog.yaml", document);

    assertThat(report.problems()).singleElement().satisfies(p -> assertThat(p.rule()).isEqualTo(CatalogRule.PARSE_ERROR));
  }

  @Test
  void json_readsToTheSameCatalogAsYaml() {
    Catalog fromYaml = reader.read("valid.yaml", Descriptors.VALID).catalog().orElseThrow();
    String json = CatalogWriter.toJson(fromYaml, ResourceCodeFormat.DEFAULT);
    assertThat(json).startsWith("{");

    ValidationReport report = reader.read("valid.json", json);

    assertThat(report.problems()).isEmpty();
    assertThat(report.catalog()).contains(fromYaml);
  }

  @Test
  void writtenYaml_readsBackToAnEqualCatalog() {
    Catalog original = reader.read("valid.yaml", Descriptors.VALID).catalog().orElseThrow();

    Catalog reread = reader.read("again.yaml", CatalogWriter.toYaml(original, ResourceCodeFormat.DEFAULT))
        .catalog().orElseThrow();

    assertThat(reread).isEqualTo(original);
  }

  @Test
  void sampleCatalog_isValid() {
    ValidationReport report = CatalogReader.create().read(Path.of("../examples/catalogs/birth-catalog.yaml"));

    assertThat(report.problems()).isEmpty();
    Catalog catalog = report.catalog().orElseThrow();
    DataResource birth = catalog.resource(ResourceCode.parse("1 01 003/000001")).orElseThrow();
    assertThat(birth.item("母亲身份证号")).hasValueSatisfying(item -> {
      assertThat(item.sensitive()).isTrue();
      assertThat(item.personal()).isTrue();
      assertThat(item.masking()).contains(MaskingRule.ID_NUMBER);
    });
    assertThat(catalog.resources()).flatExtracting(DataResource::items).filteredOn(InformationItem::sensitive)
        .allSatisfy(item -> assertThat(item.masking()).isPresent());
  }

  @Test
  void readFile_thatDoesNotExist_failsWithTheFileName(@TempDir Path dir) {
    Path missing = dir.resolve("nope.yaml");

    assertThatThrownBy(() -> reader.read(missing)).isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("nope.yaml");
  }

  @Test
  void readFile_largerThanTheCap_isRefusedWithoutReadingIt(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("huge.yaml");
    try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE_NEW,
        java.nio.file.StandardOpenOption.WRITE)) {
      channel.write(java.nio.ByteBuffer.wrap(new byte[] {'#'}), DescriptorParser.MAX_DOCUMENT_CHARS + 1L); // sparse
    }

    ValidationReport report = reader.read(file);

    assertThat(report.problems()).singleElement().satisfies(p -> {
      assertThat(p.rule()).isEqualTo(CatalogRule.PARSE_ERROR);
      assertThat(p.message()).contains("at most");
    });
  }

  @Test
  void readFile_labelsProblemsWithThePath(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("catalog.yaml");
    Files.writeString(file, Descriptors.mutate("format: 数据库", "format: 表格"));

    ValidationReport report = reader.read(file);

    assertThat(report.errors()).singleElement()
        .satisfies(p -> assertThat(p.position().orElseThrow().source()).isEqualTo(file.toString()));
  }

  @Test
  void validateCatalog_appliesCrossReferenceRulesToCatalogsBuiltInCode() {
    Catalog catalog = reader.read("valid.yaml", Descriptors.VALID).catalog().orElseThrow();
    DataResource birth = catalog.resources().get(0);
    Catalog dangling = Catalog.builder(catalog.info())
        .addResource(birth)
        .build();

    ValidationReport report = reader.validate(dangling);

    assertThat(report.errors()).singleElement().satisfies(p -> {
      assertThat(p.rule()).isEqualTo(CatalogRule.RELATED_CODE_UNRESOLVED);
      assertThat(p.path()).isEqualTo("resources[0].related[0]");
      assertThat(p.position()).isEmpty();
    });
    assertThat(reader.validate(catalog).problems()).isEmpty();
  }
}
