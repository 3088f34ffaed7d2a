package dev.shuqiao.compliance.rules;

import dev.shuqiao.compliance.ComplianceRule;
import dev.shuqiao.compliance.Finding;
import dev.shuqiao.compliance.RuleContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The compiled fixtures and the expectations written next to them as {@code // expect: rule-id}. */
final class Fixtures {

  static final String PACKAGE = "dev/shuqiao/compliance/rules/fixtures";
  static final Path SOURCES = Path.of("src/test/java").resolve(PACKAGE);
  static final Path CLASSES = Path.of("target/test-classes").resolve(PACKAGE);

  private static final Pattern EXPECT = Pattern.compile("// expect: (.*)$");

  private Fixtures() {}

  /** Runs every rule over all fixture classes at once, as a build would. */
  static List<Finding> scan(List<ComplianceRule> rules) {
    RuleContext context = RuleContext.builder().addClassDirectory(CLASSES).build();
    rules.forEach(rule -> rule.execute(context));
    return context.findings();
  }

  /** Line number to sorted rule ids, from the markers in one fixture source. */
  static TreeMap<Integer, List<String>> expected(String fixture) {
    try {
      List<String> lines = Files.readAllLines(SOURCES.resolve(fixture + ".java"));
      TreeMap<Integer, List<String>> expected = new TreeMap<>();
      for (int i = 0; i < lines.size(); i++) {
        Matcher matcher = EXPECT.matcher(lines.get(i));
        if (matcher.find()) {
          List<String> ids = new ArrayList<>(List.of(matcher.group(1).trim().split("\\s*,\\s*")));
          ids.sort(null);
          expected.put(i + 1, ids);
        }
      }
      return expected;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Line number to sorted rule ids, from the findings located in one fixture source. */
  static TreeMap<Integer, List<String>> actual(List<Finding> findings, String fixture) {
    TreeMap<Integer, List<String>> actual = new TreeMap<>();
    for (Finding finding : findings) {
      if (finding.location().file().equals(PACKAGE + "/" + fixture + ".java")) {
        actual.computeIfAbsent(finding.location().line(), k -> new ArrayList<>()).add(finding.ruleId());
      }
    }
    actual.values().forEach(ids -> ids.sort(null));
    return actual;
  }
}
