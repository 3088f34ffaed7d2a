package dev.shuqiao.compliance.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shuqiao.compliance.ComplianceResult;
import dev.shuqiao.compliance.Finding;
import dev.shuqiao.compliance.Location;
import dev.shuqiao.compliance.RuleDescriptor;
import dev.shuqiao.compliance.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComplianceReportsTest {

  private static final RuleDescriptor RULE = new RuleDescriptor("crypto.weak-digest", Severity.ERROR,
      "Weak message digest", "MD5 <is> broken", "Use SM3");

  @TempDir Path root;
  private JsonNode json;
  private JsonNode sarif;
  private String html;

  @BeforeEach
  void writeReports() throws Exception {
    Path source = Files.createDirectories(root.resolve("src/main/java/dev/acme")).resolve("Hasher.java");
    Files.writeString(source, "package dev.acme;\nclass Hasher {\n  byte[] h() { return md(\"MD5\"); }\n}\n");
    Finding finding = Finding.builder().ruleId(RULE.id()).severity(Severity.ERROR)
        .message("MessageDigest.getInstance(\"MD5\"): use SM3 instead")
        .location(new Location("src/main/java/dev/acme/Hasher.java", 3, "dev.acme.Hasher#h")).build();
    ComplianceResult result = new ComplianceResult(List.of(RULE), List.of(finding), Map.of(), List.of());

    List<Path> written = ComplianceReports.builder().toolVersion("0.1.0-SNAPSHOT").sourceRoot(root)
        .title("acme <app>").build().write(result, root.resolve("target/shuqiao"));

    ObjectMapper mapper = new ObjectMapper();
    json = mapper.readTree(written.get(0).toFile());
    sarif = mapper.readTree(written.get(1).toFile());
    html = Files.readString(written.get(2));
  }

  @Test
  void json_carriesSummaryAndFindingWithFileLineAndFingerprint() {
    assertThat(json.at("/summary/errors").asInt()).isEqualTo(1);
    assertThat(json.at("/findings/0/ruleId").asText()).isEqualTo("crypto.weak-digest");
    assertThat(json.at("/findings/0/line").asInt()).isEqualTo(3);
    assertThat(json.at("/findings/0/fingerprint").asText()).hasSize(32);
  }

  @Test
  void sarif_hasTheStructureGitHubCodeScanningRequires() {
    assertThat(sarif.at("/version").asText()).isEqualTo("2.1.0");
    assertThat(sarif.at("/$schema").asText()).contains("sarif-2.1.0");
    JsonNode rule = sarif.at("/runs/0/tool/driver/rules/0");
    assertThat(rule.at("/id").asText()).isEqualTo("crypto.weak-digest");
    assertThat(rule.at("/shortDescription/text").asText()).isEqualTo("Weak message digest");
    assertThat(rule.at("/fullDescription/text").asText()).isNotBlank();
    assertThat(rule.at("/help/text").asText()).isEqualTo("Use SM3");
    JsonNode result = sarif.at("/runs/0/results/0");
    assertThat(result.at("/ruleIndex").asInt()).isZero();
    assertThat(result.at("/level").asText()).isEqualTo("error");
    assertThat(result.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
        .isEqualTo("src/main/java/dev/acme/Hasher.java");
    assertThat(result.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(3);
    assertThat(result.at("/partialFingerprints").size()).isEqualTo(1);
  }

  @Test
  void html_groupsByRule_showsTheSourceLine_andEscapesText() {
    assertThat(html).contains("<title>acme &lt;app&gt;</title>")
        .contains("id=\"crypto.weak-digest\"")
        .contains("MD5 &lt;is&gt; broken")
        .contains("<mark>    3    byte[] h() { return md(&quot;MD5&quot;); }</mark>")
        .doesNotContain("<is>");
  }
}
