package dev.shuqiao.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComplianceCheckTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

  /** A rule that reports what it is given, so these tests do not depend on any built-in rule. */
  private record Reporting(List<Finding> findings) implements ComplianceRule {
    @Override
    public RuleDescriptor descriptor() {
      return new RuleDescriptor("test.reporting", Severity.ERROR, "t", "d", "h");
    }

    @Override
    public void execute(RuleContext context) {
      findings.forEach(context::report);
    }
  }

  private static Finding finding(String file, int line, Severity severity) {
    return Finding.builder().ruleId("test.reporting").severity(severity).message("fix it")
        .location(new Location(file, line, "dev.acme.X#m")).fingerprintKey(file).build();
  }

  private static ComplianceResult run(ComplianceCheck.Builder check, Finding... findings) {
    return check.rules(List.of(new Reporting(List.of(findings)))).today(TODAY).build()
        .run(RuleContext.builder().build());
  }

  @Test
  void suppression_setsAsideMatchingFindings_withItsJustification() {
    Suppression legacy = Suppression.builder().rule("test.reporting").where("Legacy.java")
        .justification("ETag only").expires(TODAY.plusDays(1)).build();
    Finding hidden = finding("dev/acme/Legacy.java", 3, Severity.ERROR);
    Finding kept = finding("dev/acme/New.java", 4, Severity.ERROR);

    ComplianceResult result = run(ComplianceCheck.builder().addSuppression(legacy), hidden, kept);

    assertThat(result.findings()).containsExactly(kept);
    assertThat(result.suppressed()).containsEntry(hidden, legacy);
    assertThat(result.summary()).isEqualTo("1 error, 0 warnings (1 suppressed, 0 in baseline)");
  }

  @Test
  void expiredSuppression_hidesNothing_andIsReportedItself() {
    Suppression old = Suppression.builder().rule("*").justification("until the migration")
        .expires(TODAY.minusDays(1)).build();
    Finding finding = finding("dev/acme/Legacy.java", 3, Severity.ERROR);

    ComplianceResult result = run(ComplianceCheck.builder().addSuppression(old), finding);

    assertThat(result.findings()).extracting(Finding::ruleId)
        .containsExactly("test.reporting", ComplianceCheck.EXPIRED_SUPPRESSION);
    assertThat(result.findings().get(1).message()).contains("expired on 2026-11-26");
    assertThat(result.findings().get(1).location().file()).isEqualTo("suppressions");
  }

  @Test
  void suppressionWithoutJustification_isRejectedWithAMessageSayingWhatToWrite() {
    assertThatThrownBy(() -> Suppression.builder().rule("crypto.weak-digest").where("X.java").build())
        .isInstanceOf(ComplianceException.class)
        .hasMessageContaining("has no justification");
  }

  @Test
  void baseline_acceptsKnownFindingsOnly_evenAfterTheyMoveLines(@TempDir Path dir) {
    Path file = dir.resolve("baseline.json");
    Baseline.write(file, List.of(finding("dev/acme/Legacy.java", 3, Severity.ERROR)));
    Finding moved = finding("dev/acme/Legacy.java", 30, Severity.ERROR);
    Finding added = finding("dev/acme/New.java", 1, Severity.ERROR);

    ComplianceResult result = run(ComplianceCheck.builder().baseline(Baseline.read(file)), moved, added);

    assertThat(result.baselined()).containsExactly(moved);
    assertThat(result.findings()).containsExactly(added);
  }

  @Test
  void suppressionFile_readsEntries_andNamesTheEntryThatIsInvalid(@TempDir Path dir) throws Exception {
    Path good = Files.writeString(dir.resolve("ok.yaml"), """
        suppressions:
          - rule: crypto.weak-digest
            where: dev/acme/Legacy.java
            justification: ETag only
            expires: 2027-06-30
        """);
    Path bad = Files.writeString(dir.resolve("bad.yaml"), """
        suppressions:
          - rule: crypto.weak-digest
            justification: ok
          - rule: crypto.ecb-mode
        """);

    assertThat(SuppressionFile.read(good)).singleElement()
        .satisfies(s -> {
          assertThat(s.expires()).contains(LocalDate.of(2027, 6, 30));
          assertThat(s.source()).isEqualTo(good.toString());
        });
    assertThatThrownBy(() -> SuppressionFile.read(bad)).isInstanceOf(ComplianceException.class)
        .hasMessageContaining("suppressions[1]").hasMessageContaining("no justification");
  }

  @ParameterizedTest(name = "failOn={0}: error fails {1}, warning fails {2}")
  @CsvSource({"error, true, false", "WARNING, true, true", "none, false, false"})
  void failOn_decidesWhichSeveritiesFailTheBuild(String failOn, boolean error, boolean warning) {
    assertThat(FailOn.parse(failOn).fails(Severity.ERROR)).isEqualTo(error);
    assertThat(FailOn.parse(failOn).fails(Severity.WARNING)).isEqualTo(warning);
  }

  @Test
  void failOn_rejectsUnknownValues() {
    assertThatThrownBy(() -> FailOn.parse("sometimes")).hasMessageContaining("error, warning or none");
  }
}
