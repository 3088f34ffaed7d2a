package dev.shuqiao.compliance.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shuqiao.compliance.Finding;
import dev.shuqiao.compliance.Severity;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WeakCryptoRulesTest {

  private static List<Finding> findings;

  @BeforeAll
  static void scanFixtures() {
    findings = Fixtures.scan(BuiltInRules.weakCrypto());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"WeakDigests", "CipherModes", "KeyMaterial", "Hashing", "LoginService", "Dispatch"})
  void reportsExactlyTheMarkedLines_ofAFixtureWithWeakCrypto(String fixture) {
    assertThat(Fixtures.expected(fixture)).isNotEmpty();
    assertThat(Fixtures.actual(findings, fixture)).isEqualTo(Fixtures.expected(fixture));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"CleanDigests", "CleanCiphers"})
  void reportsNothing_inACleanTwin(String fixture) {
    assertThat(Fixtures.actual(findings, fixture)).isEmpty();
  }

  @Test
  void helperCallSite_namesTheHelperAndWhereItIs() {
    Finding atCaller = only("LoginService", 16);
    assertThat(atCaller.message())
        .contains("MessageDigest.getInstance(\"MD5\")")
        .contains("through Hashing.md5(String) at dev/shuqiao/compliance/rules/fixtures/Hashing.java:");
    assertThat(atCaller.location().symbol()).isEqualTo("dev.shuqiao.compliance.rules.fixtures.LoginService#hashPassword");
  }

  @Test
  void parameterResolvedAtCaller_isReportedAtTheCallerWithTheResolvedAlgorithm() {
    Finding twoHops = only("LoginService", 33);
    assertThat(twoHops.message()).contains("\"SHA-1\"").contains("Hashing.legacyDigest(String)")
        .contains("Hashing.digest(String)");
  }

  @Test
  void everyFinding_saysHowToFixIt_andHasAStableFingerprint() {
    assertThat(findings).allSatisfy(finding -> {
      assertThat(finding.message()).containsAnyOf("use ", "instead", "load it", "fill a fresh", "remove the seed");
      assertThat(finding.severity()).isEqualTo(Severity.ERROR);
      assertThat(finding.fingerprint()).hasSize(32);
      assertThat(finding.location().line()).isPositive();
    });
    assertThat(Fixtures.scan(BuiltInRules.weakCrypto()))
        .extracting(Finding::fingerprint)
        .containsExactlyElementsOf(findings.stream().map(Finding::fingerprint).toList());
  }

  @Test
  void messageOfABareAes_explainsThatItMeansEcb() {
    assertThat(only("CipherModes", 32).message())
        .isEqualTo("Cipher.getInstance(\"AES\") without a mode means ECB; write \"AES/GCM/NoPadding\" instead");
  }

  private static Finding only(String fixture, int line) {
    List<Finding> atLine = findings.stream()
        .filter(f -> f.location().file().endsWith("/" + fixture + ".java") && f.location().line() == line)
        .toList();
    assertThat(atLine).hasSize(1);
    return atLine.get(0);
  }
}
