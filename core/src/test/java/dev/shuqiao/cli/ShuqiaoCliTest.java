package dev.shuqiao.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as a user meets it: exit codes and what is printed. */
class ShuqiaoCliTest {

  private static final String SAMPLE = "../examples/catalogs/birth-catalog.yaml";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return ShuqiaoCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void validate_sampleCatalog_exitsZero() {
    assertThat(run("catalog", "validate", SAMPLE)).isZero();
    assertThat(out()).contains("birth-catalog.yaml: valid (5 resources, 0 errors, 0 warnings)");
  }

  @Test
  void validate_brokenCatalog_printsPositionedProblemsAndExitsOne(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("catalog.yaml");
    Files.writeString(file, Files.readString(Path.of(SAMPLE)).replace("11450200075623181Q", "11450200007562318N"));

    assertThat(run("catalog", "validate", file.toString())).isEqualTo(Command.FINDINGS);
    assertThat(out()).contains(file + ":18:13: error [credit-code] resources[0].provider.code:")
        .contains("INVALID (2 errors, 0 warnings)")
        .doesNotContain("Exception");
  }

  @Test
  void validate_namesTheResource_andSpeaksChineseWhenAsked(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("catalog.yaml");
    Files.writeString(file, Files.readString(Path.of(SAMPLE)).replace("format: 数据库", "format: 数据仓库"));

    assertThat(run("catalog", "validate", "--lang", "zh-CN", file.toString())).isEqualTo(Command.FINDINGS);
    assertThat(out()).contains("错误 [unknown-value] resources[0].format: 受控词表", "'数据仓库'",
        "（资源 1 01 003/000001 出生医学证明信息）");
    out.reset();
    assertThat(run("catalog", "validate", "--format", "json", file.toString())).isEqualTo(Command.FINDINGS);
    JsonNode problem = new ObjectMapper().readTree(out()).get(0).path("problems").get(0);
    assertThat(problem.path("resourceCode").asText()).isEqualTo("1 01 003/000001");
    assertThat(problem.path("resourceName").asText()).isEqualTo("出生医学证明信息");
    assertThat(problem.path("message").asText()).startsWith("'数据仓库' is not a known value");
    assertThat(run("catalog", "validate", "--lang", "fr", file.toString())).isEqualTo(Command.USAGE);
  }

  @Test
  void dcat_publicExport_leavesOutNotSharedAndNotOpenResources_unlessTheGovernmentAudienceIsAsked(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("catalog.yaml");
    // 1 01 001/000001 is shared conditionally; make it open to the public. All others stay not open.
    Files.writeString(file, Files.readString(Path.of(SAMPLE)).replace("    openness:\n      type: NOT_OPEN",
        "    openness:\n      type: UNCONDITIONAL"));

    assertThat(run("catalog", "dcat", file.toString(), "--base-uri", "https://hub.liuzhou.gov.cn")).isZero();
    assertThat(identifiers(out())).containsExactly("1 01 001/000001");
    out.reset();
    assertThat(run("catalog", "dcat", file.toString(), "--base-uri", "https://hub.liuzhou.gov.cn", "--audience",
        "government")).isZero();
    assertThat(identifiers(out())).hasSize(5).contains("1 01 003/000001", "3 45 002/000003");
    out.reset();
    assertThat(run("catalog", "dcat", SAMPLE, "--base-uri", "https://hub.liuzhou.gov.cn")).isZero();
    assertThat(identifiers(out())).as("the sample has no open resource").isEmpty();
    assertThat(run("catalog", "dcat", SAMPLE, "--base-uri", "https://hub.liuzhou.gov.cn", "--audience", "all"))
        .isEqualTo(Command.USAGE);
  }

  @Test
  void dcat_withoutBaseUri_isAUsageError_notAnInventedHost() {
    assertThat(run("catalog", "dcat", SAMPLE)).isEqualTo(Command.USAGE);
    assertThat(err()).contains("--base-uri is required");
    assertThat(out()).doesNotContain("example.gov.cn");
  }

  private static java.util.List<String> identifiers(String jsonLd) throws Exception {
    java.util.List<String> ids = new java.util.ArrayList<>();
    new ObjectMapper().readTree(jsonLd).findValues("dct:identifier").stream().map(JsonNode::asText).filter(id -> id.contains("/")).forEach(ids::add);
    return ids;
  }

  @Test
  void validate_malformedYaml_isAProblemNotAStackTrace(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("catalog.yaml");
    Files.writeString(file, "catalog: [\n");

    assertThat(run("catalog", "validate", file.toString())).isEqualTo(Command.FINDINGS);
    assertThat(out()).contains("error [parse-error]").doesNotContain("\tat ");
  }

  @Test
  void validate_jsonFormat_isMachineReadable(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("catalog.yaml");
    Files.writeString(file, Files.readString(Path.of(SAMPLE)).replace("format: 数据库", "format: 数据仓库"));

    assertThat(run("catalog", "validate", "--format", "json", file.toString(), SAMPLE)).isEqualTo(Command.FINDINGS);

    JsonNode files = new ObjectMapper().readTree(out());
    assertThat(files).hasSize(2);
    assertThat(files.get(0).path("valid").asBoolean()).isFalse();
    JsonNode problem = files.get(0).path("problems").get(0);
    assertThat(problem.path("rule").asText()).isEqualTo("unknown-value");
    assertThat(problem.path("path").asText()).isEqualTo("resources[0].format");
    assertThat(problem.path("line").asInt()).isEqualTo(20);
    assertThat(files.get(1).path("valid").asBoolean()).isTrue();
  }

  @Test
  void validate_missingFile_exitsThree() {
    assertThat(run("catalog", "validate", "no/such/catalog.yaml")).isEqualTo(ShuqiaoCli.FAILURE);
    assertThat(err()).contains("no/such/catalog.yaml: no such file");
  }

  @Test
  void wrongCommandLines_exitTwoWithUsage() {
    assertThat(run()).isEqualTo(Command.USAGE);
    assertThat(run("catalog", "frobnicate")).isEqualTo(Command.USAGE);
    assertThat(run("catalog", "validate")).isEqualTo(Command.USAGE);
    assertThat(run("catalog", "validate", "--format", "xml", SAMPLE)).isEqualTo(Command.USAGE);
    assertThat(run("catalog", "validate", "--colour", SAMPLE)).isEqualTo(Command.USAGE);
    assertThat(err()).contains("usage: shuqiao catalog validate FILE...").contains("unknown option --colour");
  }

  @Test
  void help_listsTheCommands() {
    assertThat(run("--help")).isZero();
    assertThat(out()).contains("catalog validate", "catalog dcat");
  }

  @Test
  void dcat_exportsValidCatalogAndRefusesInvalidOnes(@TempDir Path dir) throws Exception {
    assertThat(run("catalog", "dcat", SAMPLE, "--base-uri", "https://hub.example.gov.cn")).isZero();
    assertThat(new ObjectMapper().readTree(out()).path("@type").asText()).isEqualTo("dcat:Catalog");

    Path broken = dir.resolve("broken.yaml");
    Files.writeString(broken, Files.readString(Path.of(SAMPLE)).replace("updateCycle: 实时", "updateCycle: 随时"));
    assertThat(run("catalog", "dcat", broken.toString(), "--base-uri", "https://hub.example.gov.cn"))
        .isEqualTo(Command.FINDINGS);
    assertThat(err()).contains("[unknown-value]", "INVALID");
    assertThat(run("catalog", "dcat", SAMPLE, "--base-uri", "relative/path")).isEqualTo(Command.USAGE);
  }
}
