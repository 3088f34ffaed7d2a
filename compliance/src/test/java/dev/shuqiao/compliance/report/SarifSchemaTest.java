package dev.shuqiao.compliance.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shuqiao.compliance.ComplianceCheck;
import dev.shuqiao.compliance.ComplianceResult;
import dev.shuqiao.compliance.Finding;
import dev.shuqiao.compliance.Location;
import dev.shuqiao.compliance.RuleContext;
import dev.shuqiao.compliance.Severity;
import dev.shuqiao.compliance.rules.BuiltInRules;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** compliance.sarif validated against the SARIF 2.1.0 JSON schema (src/test/resources/schemas). */
class SarifSchemaTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static SchemaValidator schema;
  private static ComplianceResult result;

  @BeforeAll
  static void scanFixtures() throws Exception {
    try (InputStream in = SarifSchemaTest.class.getResourceAsStream("/schemas/sarif-2.1.0-rtm.5.json")) {
      schema = new SchemaValidator(JSON.readTree(in));
    }
    // Real findings from every built-in rule on the compiled fixtures, plus a warning without a line.
    RuleContext context = RuleContext.builder()
        .addClassDirectory(Path.of("target/test-classes/dev/shuqiao/compliance/rules/fixtures")).build();
    ComplianceResult scanned = ComplianceCheck.builder().rules(BuiltInRules.all()).build().run(context);
    List<Finding> findings = new ArrayList<>(scanned.findings());
    findings.add(Finding.builder().ruleId("dependency.banned").severity(Severity.WARNING)
        .message("bcprov-jdk15on is obsolete").location(new Location("pom.xml", 0, "dev.acme:app")).build());
    result = new ComplianceResult(scanned.rules(), findings, scanned.suppressed(), scanned.baselined());
  }

  @Test
  void report_ofEveryBuiltInRuleAndRealFindings_isValidSarif() throws Exception {
    JsonNode sarif = JSON.readTree(SarifReport.render(result, "0.1.0-SNAPSHOT"));

    assertThat(sarif.at("/runs/0/results").size()).isGreaterThan(10);
    assertThat(sarif.at("/runs/0/tool/driver/rules").size()).isEqualTo(result.rules().size()).isGreaterThan(BuiltInRules.all().size() - 1);
    assertThat(schema.validate(sarif)).isEmpty();
  }

  @Test
  void report_withoutFindings_isValidSarif() throws Exception {
    ComplianceResult empty = new ComplianceResult(result.rules(), List.of(), java.util.Map.of(), List.of());
    assertThat(schema.validate(JSON.readTree(SarifReport.render(empty, "0.1.0")))).isEmpty();
  }

  /** The validator is not vacuous: each broken report names the broken place. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("breakages")
  void brokenReport_isRejectedAtTheBrokenPlace(String what, Consumer<ObjectNode> breakage, String expected)
      throws Exception {
    ObjectNode sarif = (ObjectNode) JSON.readTree(SarifReport.render(result, "0.1.0-SNAPSHOT"));
    breakage.accept(sarif);
    assertThat(schema.validate(sarif)).anySatisfy(problem -> assertThat(problem).contains(expected));
  }

  static Stream<Arguments> breakages() {
    return Stream.of(
        Arguments.of("wrong version", (Consumer<ObjectNode>) s -> s.put("version", "2.0.0"),
            "/version: \"2.0.0\" is not one of"),
        Arguments.of("no runs", (Consumer<ObjectNode>) s -> s.remove("runs"), "required property 'runs'"),
        Arguments.of("unknown level", (Consumer<ObjectNode>) s -> result(s).put("level", "fatal"),
            "/runs/0/results/0/level"),
        Arguments.of("line 0", (Consumer<ObjectNode>) s -> ((ObjectNode) result(s)
            .at("/locations/0/physicalLocation/region")).put("startLine", 0), "below the minimum 1"),
        Arguments.of("message without text", (Consumer<ObjectNode>) s -> ((ObjectNode) result(s).get("message"))
            .remove("text"), "/runs/0/results/0/message: matches none of anyOf"),
        Arguments.of("unknown property", (Consumer<ObjectNode>) s -> result(s).put("severity", "high"),
            "/runs/0/results/0/severity: property not allowed here"),
        Arguments.of("driver without name", (Consumer<ObjectNode>) s -> ((ObjectNode) s.at("/runs/0/tool/driver"))
            .remove("name"), "required property 'name'"),
        Arguments.of("rule level", (Consumer<ObjectNode>) s -> ((ObjectNode) s
            .at("/runs/0/tool/driver/rules/0/defaultConfiguration")).put("level", "critical"),
            "/runs/0/tool/driver/rules/0/defaultConfiguration/level"),
        Arguments.of("column kind", (Consumer<ObjectNode>) s -> ((ObjectNode) s.at("/runs/0"))
            .put("columnKind", "bytes"), "/runs/0/columnKind"));
  }

  private static ObjectNode result(ObjectNode sarif) {
    return (ObjectNode) sarif.at("/runs/0/results/0");
  }
}
