package dev.shuqiao.compliance.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shuqiao.compliance.ComplianceResult;
import dev.shuqiao.compliance.Finding;
import dev.shuqiao.compliance.RuleDescriptor;
import dev.shuqiao.compliance.Severity;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code compliance.sarif}: SARIF 2.1.0 as GitHub code scanning accepts it — every rule with
 * descriptions and help, results with repository-relative URIs, regions and partial fingerprints.
 */
final class SarifReport {

  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  static final String FINGERPRINT = "shuqiaoFingerprint/v1";

  private SarifReport() {}

  static String render(ComplianceResult result, String toolVersion) throws JsonProcessingException {
    ObjectNode root = JsonReport.JSON.createObjectNode();
    root.put("$schema", SCHEMA).put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "shuqiao").put("semanticVersion", toolVersion.replace("-SNAPSHOT", ""))
        .put("version", toolVersion);
    ArrayNode rules = driver.putArray("rules");
    Map<String, Integer> ruleIndex = new HashMap<>();
    for (RuleDescriptor rule : result.rules()) {
      ruleIndex.put(rule.id(), ruleIndex.size());
      rule(rules.addObject(), rule);
    }
    ArrayNode results = run.putArray("results");
    for (Finding finding : result.findings()) {
      result(results.addObject(), finding, ruleIndex.getOrDefault(finding.ruleId(), -1));
    }
    run.put("columnKind", "utf16CodeUnits");
    return JsonReport.JSON.writeValueAsString(root) + "\n";
  }

  private static void rule(ObjectNode node, RuleDescriptor rule) {
    node.put("id", rule.id()).put("name", camel(rule.id()));
    node.putObject("shortDescription").put("text", rule.title());
    node.putObject("fullDescription").put("text", rule.description());
    node.putObject("help").put("text", rule.help()).put("markdown", "**How to fix:** " + rule.help());
    node.putObject("defaultConfiguration").put("level", level(rule.severity()));
    ObjectNode properties = node.putObject("properties");
    properties.putArray("tags").add("security").add("compliance");
    properties.put("precision", "high");
    properties.put("security-severity", rule.severity() == Severity.ERROR ? "7.5" : "4.0");
  }

  private static void result(ObjectNode node, Finding finding, int ruleIndex) {
    node.put("ruleId", finding.ruleId());
    if (ruleIndex >= 0) {
      node.put("ruleIndex", ruleIndex);
    }
    node.put("level", level(finding.severity()));
    node.putObject("message").put("text", finding.message());
    ObjectNode physical = node.putArray("locations").addObject().putObject("physicalLocation");
    physical.putObject("artifactLocation").put("uri", finding.location().file()).put("uriBaseId", "%SRCROOT%");
    if (finding.location().line() > 0) {
      physical.putObject("region").put("startLine", finding.location().line());
    }
    node.putObject("partialFingerprints").put(FINGERPRINT, finding.fingerprint());
  }

  private static String level(Severity severity) {
    return severity == Severity.ERROR ? "error" : "warning";
  }

  /** {@code crypto.weak-digest} → {@code CryptoWeakDigest}, SARIF's rule name convention. */
  private static String camel(String id) {
    StringBuilder name = new StringBuilder();
    for (String word : id.split("[.-]")) {
      if (!word.isEmpty()) {
        name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
      }
    }
    return name.toString();
  }
}
