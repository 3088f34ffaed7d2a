package dev.shuqiao.compliance.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shuqiao.compliance.ComplianceResult;
import dev.shuqiao.compliance.Finding;
import dev.shuqiao.compliance.Severity;
import dev.shuqiao.compliance.Suppression;
import java.util.Map;

/** {@code compliance.json}: summary counts, active findings, suppressed and baselined ones. */
final class JsonReport {

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  static String render(ComplianceResult result, String toolVersion) throws JsonProcessingException {
    ObjectNode root = JSON.createObjectNode();
    root.put("tool", "shuqiao").put("version", toolVersion);
    root.putObject("summary")
        .put("errors", result.count(Severity.ERROR))
        .put("warnings", result.count(Severity.WARNING))
        .put("suppressed", result.suppressed().size())
        .put("baselined", result.baselined().size());
    ArrayNode findings = root.putArray("findings");
    result.findings().forEach(f -> finding(findings.addObject(), f));
    ArrayNode suppressed = root.putArray("suppressed");
    for (Map.Entry<Finding, Suppression> entry : result.suppressed().entrySet()) {
      finding(suppressed.addObject(), entry.getKey()).put("justification", entry.getValue().justification())
          .put("expires", entry.getValue().expires().map(Object::toString).orElse(null));
    }
    ArrayNode baselined = root.putArray("baselined");
    result.baselined().forEach(f -> finding(baselined.addObject(), f));
    return JSON.writeValueAsString(root) + "\n";
  }

  private static ObjectNode finding(ObjectNode node, Finding finding) {
    return node.put("ruleId", finding.ruleId())
        .put("severity", finding.severity().label())
        .put("message", finding.message())
        .put("file", finding.location().file())
        .put("line", finding.location().line())
        .put("symbol", finding.location().symbol())
        .put("fingerprint", finding.fingerprint());
  }
}
