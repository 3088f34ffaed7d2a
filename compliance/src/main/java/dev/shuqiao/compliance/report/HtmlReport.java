package dev.shuqiao.compliance.report;

import dev.shuqiao.compliance.ComplianceResult;
import dev.shuqiao.compliance.Finding;
import dev.shuqiao.compliance.RuleDescriptor;
import dev.shuqiao.compliance.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code compliance.html}: a page for reviewers — summary, findings grouped by rule, source snippets. */
final class HtmlReport {

  private static final int CONTEXT_LINES = 2;

  private HtmlReport() {}

  static String render(ComplianceResult result, String title, Path sourceRoot) {
    StringBuilder html = new StringBuilder(8192);
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(escape(title)).append("</title>\n<style>")
        .append("body{font-family:system-ui,sans-serif;margin:2em;max-width:70em}")
        .append(".error{color:#b00020}.warning{color:#8a6d00}")
        .append("pre{background:#f6f8fa;padding:.5em;overflow:auto}mark{background:#ffe08a}")
        .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em}")
        .append("</style></head><body>\n<h1>").append(escape(title)).append("</h1>\n");
    summary(html, result);
    Map<String, RuleDescriptor> rules = new LinkedHashMap<>();
    result.rules().forEach(rule -> rules.put(rule.id(), rule));
    for (RuleDescriptor rule : rules.values()) {
      List<Finding> findings = result.findings().stream().filter(f -> f.ruleId().equals(rule.id())).toList();
      if (!findings.isEmpty()) {
        group(html, rule, findings, sourceRoot);
      }
    }
    if (result.findings().isEmpty()) {
      html.append("<p id=\"clean\">No findings.</p>\n");
    }
    return html.append("</body></html>\n").toString();
  }

  private static void summary(StringBuilder html, ComplianceResult result) {
    html.append("<table id=\"summary\"><tr><th>errors</th><th>warnings</th><th>suppressed</th>")
        .append("<th>in baseline</th></tr><tr><td class=\"error\">").append(result.count(Severity.ERROR))
        .append("</td><td class=\"warning\">").append(result.count(Severity.WARNING))
        .append("</td><td>").append(result.suppressed().size())
        .append("</td><td>").append(result.baselined().size()).append("</td></tr></table>\n");
  }

  private static void group(StringBuilder html, RuleDescriptor rule, List<Finding> findings, Path sourceRoot) {
    html.append("<section class=\"rule\" id=\"").append(escape(rule.id())).append("\">\n<h2 class=\"")
        .append(rule.severity().label()).append("\">").append(escape(rule.title())).append(" <code>")
        .append(escape(rule.id())).append("</code> (").append(findings.size()).append(")</h2>\n<p>")
        .append(escape(rule.description())).append("</p>\n<p><strong>How to fix:</strong> ")
        .append(escape(rule.help())).append("</p>\n");
    for (Finding finding : findings) {
      html.append("<div class=\"finding\"><p class=\"").append(finding.severity().label()).append("\"><code>")
          .append(escape(finding.location().toString())).append("</code> ").append(escape(finding.message()))
          .append("</p>\n");
      snippet(html, sourceRoot, finding);
      html.append("</div>\n");
    }
    html.append("</section>\n");
  }

  private static void snippet(StringBuilder html, Path sourceRoot, Finding finding) {
    int line = finding.location().line();
    Path file = sourceRoot.resolve(finding.location().file());
    if (line <= 0 || !Files.isRegularFile(file)) {
      return;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException | RuntimeException e) {
      return; // A snippet is a convenience; the finding is still listed with its location.
    }
    html.append("<pre class=\"snippet\">");
    for (int i = Math.max(1, line - CONTEXT_LINES); i <= Math.min(lines.size(), line + CONTEXT_LINES); i++) {
      String text = String.format("%5d  %s", i, lines.get(i - 1));
      html.append(i == line ? "<mark>" + escape(text) + "</mark>" : escape(text)).append('\n');
    }
    html.append("</pre>\n");
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
