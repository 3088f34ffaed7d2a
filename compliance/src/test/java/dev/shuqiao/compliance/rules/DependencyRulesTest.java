package dev.shuqiao.compliance.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shuqiao.compliance.Dependency;
import dev.shuqiao.compliance.Finding;
import dev.shuqiao.compliance.RuleContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DependencyRulesTest {

  private static List<Finding> run(dev.shuqiao.compliance.ComplianceRule rule, Dependency... dependencies) {
    RuleContext context = RuleContext.builder().dependencies(List.of(dependencies)).build();
    rule.execute(context);
    return context.findings();
  }

  @Test
  void defaults_banObsoleteBouncyCastle_andSayWhichDependencyBringsItIn() {
    Dependency old = new Dependency("org.bouncycastle", "bcprov-jdk15on", "1.70", "compile", "com.acme:legacy-sso:2.1");
    Dependency current = new Dependency("org.bouncycastle", "bcprov-jdk18on", "1.87", "compile", "");

    List<Finding> findings = run(BannedDependencyRule.withDefaults(), old, current);

    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.ruleId()).isEqualTo("dependency.banned");
      assertThat(f.message()).contains("org.bouncycastle:bcprov-jdk15on:1.70 is banned")
          .contains("exclude it from com.acme:legacy-sso:2.1");
    });
  }

  @Test
  void bannedPattern_withVersion_matchesOnlyThatVersion() {
    BannedDependencyRule rule = new BannedDependencyRule(List.of("com.acme:*:1.*"));

    assertThat(run(rule, new Dependency("com.acme", "x", "1.4", "compile", ""))).hasSize(1);
    assertThat(run(rule, new Dependency("com.acme", "x", "2.0", "compile", ""))).isEmpty();
  }

  @ParameterizedTest(name = "{0} vs {1} → {2}")
  @CsvSource({"0.9.0, 1.0.0, -1", "1.2.10, 1.2.9, 1", "1.0.0-SNAPSHOT, 1.0.0, -1", "1.0, 1.0.0, 0", "2.0.0, 2.0.0, 0"})
  void versions_compareNumerically(String left, String right, int sign) {
    int order = SdkClientVersionRule.compare(left, right);
    assertThat(Integer.signum(order)).isEqualTo(sign);
  }

  @Test
  void sdkClientOlderThanMinimum_isReportedWithTheVersionToUse() {
    List<Finding> findings = run(new SdkClientVersionRule("1.2.0"),
        new Dependency("dev.shuqiao", "shuqiao-sdk-client", "1.1.9", "compile", ""));

    assertThat(findings).singleElement().extracting(Finding::message).asString()
        .contains("1.1.9 is older than the required 1.2.0");
    assertThat(run(new SdkClientVersionRule("1.2.0"),
        new Dependency("dev.shuqiao", "shuqiao-sdk-client", "1.2.0", "compile", ""))).isEmpty();
  }
}
