package dev.shuqiao.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BundleDefinitionTest {

  private static List<BundleProblem> problems(String text) {
    InvalidBundleException e = catchThrowableOfType(
        () -> BundleDefinition.read("b.yaml", text, Fixtures.lookup()), InvalidBundleException.class);
    assertThat(e).as("definition should be refused").isNotNull();
    assertThat(e.reason()).isEqualTo("invalid-definition");
    return e.problems();
  }

  private static List<String> located(List<BundleProblem> problems) {
    return problems.stream().map(p -> p.position() + " " + p.rule()).toList();
  }

  private static final String HEAD = """
      bundle: 1
      name: 出生一件事
      purpose: 出生一件事联办
      form: [birthCertificateNumber]
      consent:
        - resource: "1 01 003/000001"
          items: [出生医学证明编号, 新生儿姓名]
        - resource: "1 01 001/000001"
          items: [公民身份号码]
      steps:
      """;

  @Test
  void read_acceptsTheBirthBundleWithDefaultsFilledIn() {
    BundleDefinition birth = Fixtures.birth();

    assertThat(birth.name()).isEqualTo("出生一件事");
    assertThat(birth.steps()).extracting(BundleDefinition.Step::id)
        .containsExactly("birth-certificate", "household", "medical-insurance", "social-security-card");
    BundleDefinition.Step household = birth.step("household").orElseThrow();
    assertThat(household.dependencies()).containsExactly("birth-certificate");
    assertThat(household.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(household.retries()).isZero();
    assertThat(household.required()).isTrue();
    assertThat(birth.step("birth-certificate").orElseThrow().timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(birth.step("social-security-card").orElseThrow().required()).isFalse();
    assertThat(birth.consentScope()).containsKey("2 04 001/000007");
    assertThat(birth.digest()).startsWith("sha-256:");
  }

  @Test
  void read_reportsEveryCatalogProblemAtOnceWithItsPosition() {
    List<BundleProblem> problems = problems(HEAD + """
          - id: birth-certificate
            resource: "1 01 003/000001"
            provider: 11450200075623181Q
            items: [出生医学证明编号, 胎儿血型]
            inputs:
              出生医学证明编号: form.birthCertificateNumber
          - id: vaccination
            resource: "9 99 999/000001"
            provider: 11450200075623181Q
            items: [接种记录]
          - id: household
            resource: "1 01 001/000001"
            provider: 11450200MB15337658
            items: [公民身份号码, 户号]
            inputs:
              出生医学证明编号: steps.birth-certificate.出生日期时间
      """);

    assertThat(located(problems)).containsExactly(
        "b.yaml:14:25 unknown-item",
        "b.yaml:14:25 consent-scope",
        "b.yaml:18:17 unknown-resource",
        "b.yaml:18:17 consent-scope",
        "b.yaml:23:17 provider-mismatch",
        "b.yaml:24:23 consent-scope",
        "b.yaml:26:19 input-unresolved");
    assertThat(problems.get(0).toString()).isEqualTo("b.yaml:14:25: error [unknown-item] steps[0].items:"
        + " resource '1 01 003/000001' has no item '胎儿血型' — fix: use one of its items: "
        + String.join(", ", Fixtures.lookup().resource("1 01 003/000001").orElseThrow().items()));
    assertThat(problems.get(4).hint()).isEqualTo("write provider: 114502000756245X4M");
    assertThat(problems.get(6).message()).isEqualTo("step 'birth-certificate' does not obtain item '出生日期时间'");
    assertThat(problems).allSatisfy(p -> assertThat(p.hint()).isNotBlank());
  }

  @Test
  void read_refusesDuplicateStepIdsUnknownStepsAndUndeclaredFormFields() {
    List<BundleProblem> problems = problems(HEAD + """
          - id: household
            resource: "1 01 001/000001"
            provider: 114502000756245X4M
            items: [公民身份号码]
            inputs:
              出生医学证明编号: steps.birth.出生医学证明编号
          - id: household
            resource: "1 01 001/000001"
            provider: 114502000756245X4M
            items: [公民身份号码]
            inputs:
              出生医学证明编号: form.certificate
              姓名: applicant.name
      """);

    assertThat(located(problems)).containsExactly(
        "b.yaml:16:19 input-unresolved",
        "b.yaml:17:11 duplicate-step",
        "b.yaml:22:19 input-unresolved",
        "b.yaml:23:13 invalid-value");
    assertThat(problems.get(0).message()).isEqualTo("no step 'birth' produces '出生医学证明编号'");
    assertThat(problems.get(2).hint()).isEqualTo("add it to the top-level 'form' list");
  }

  @Test
  void read_refusesADependencyCycleOnce() {
    List<BundleProblem> problems = problems(HEAD + """
          - id: a
            resource: "1 01 003/000001"
            provider: 11450200075623181Q
            items: [出生医学证明编号]
            inputs:
              出生医学证明编号: steps.b.公民身份号码
          - id: b
            resource: "1 01 001/000001"
            provider: 114502000756245X4M
            items: [公民身份号码]
            inputs:
              出生医学证明编号: steps.a.出生医学证明编号
          - id: c
            resource: "1 01 001/000001"
            provider: 114502000756245X4M
            items: [公民身份号码]
            inputs:
              出生医学证明编号: steps.c.公民身份号码
      """);

    assertThat(located(problems)).containsExactly("b.yaml:16:19 step-cycle", "b.yaml:28:19 step-cycle");
    assertThat(problems.get(0).message()).isEqualTo("steps depend on each other in a cycle: a → b → a");
  }

  @Test
  void read_reportsShapeProblemsWithPositions() {
    List<BundleProblem> problems = problems("""
        bundle: 2
        name: 出生一件事
        consent:
          - resource: "1 01 003/000001"
            items: [出生医学证明编号]
        steps:
          - id: Birth_Certificate
            resource: "1 01 003/000001"
            provider: 11450200075623181Q
            items: 出生医学证明编号
            timeout: forever
            retries: -1
            required: maybe
            retires: 2
        """);

    assertThat(located(problems)).containsExactly(
        "b.yaml:1:9 unsupported-version",
        "b.yaml:7:5 required-field",
        "b.yaml:7:9 invalid-value",
        "b.yaml:10:12 wrong-type",
        "b.yaml:11:14 invalid-value",
        "b.yaml:12:14 invalid-value",
        "b.yaml:13:15 wrong-type",
        "b.yaml:14:5 unknown-field");
    assertThat(problems.get(1).path()).isEqualTo("steps[0].purpose");
  }

  @Test
  void read_reportsMalformedYamlAndDuplicateKeysWithPositions() {
    assertThat(located(problems("bundle: 1\nname: [unclosed\n"))).singleElement()
        .asString().contains("parse-error");
    List<BundleProblem> problems = problems(HEAD + """
          - id: household
            id: household-2
            resource: "1 01 001/000001"
            provider: 114502000756245X4M
            items: [公民身份号码]
      """);
    assertThat(located(problems)).containsExactly("b.yaml:12:7 duplicate-key");
  }
}
