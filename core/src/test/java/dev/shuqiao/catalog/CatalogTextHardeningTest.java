package dev.shuqiao.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Values that look acceptable and are not: malformed external related codes, dates before 1900
 * (year 0000 parses), names made only of invisible characters, and messages that would print such
 * characters raw.
 */
class CatalogTextHardeningTest {

  @ParameterizedTest
  @ValueSource(strings = {"anything", "1 01 001", "1 01 001/12", "1 01 001/000001 extra", "1 1 001/000001",
      "x 01 001/000001", "1 01 001\\u200B/000001", "../../etc/passwd", "https://other.example/dataset/1"})
  void externalRelatedCodes_mustBeWellFormed(String code) {
    List<Problem> problems = read(Descriptors.mutate("- \"1 01 001/000001\"",
        "- code: \"" + code + "\"\n        external: true"));
    assertThat(problems).anySatisfy(p -> {
      assertThat(p.rule()).isEqualTo(CatalogRule.RESOURCE_CODE_FORMAT);
      assertThat(p.path()).isEqualTo("resources[0].related[0]");
      assertThat(p.message()).contains("external related code");
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"9 99 999/999999", "2 05 002 0017/000001", "1 01 001/000001"})
  void wellFormedExternalRelatedCodes_areAccepted(String code) {
    assertThat(read(Descriptors.mutate("- \"1 01 001/000001\"", "- code: \"" + code + "\"\n        external: true")))
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0000-01-01", "0000-02-29", "0001-01-01", "0999-12-31", "1899-12-31"})
  void datesBefore1900_areInvalid(String date) {
    assertThat(read(Descriptors.mutate("2024-03-01", date))).anySatisfy(p -> {
      assertThat(p.rule()).isEqualTo(CatalogRule.DATE_INVALID);
      assertThat(p.path()).isEqualTo("resources[0].publishedOn");
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"1900-01-01", "1949-10-01"})
  void datesFrom1900_areValid(String date) {
    assertThat(read(Descriptors.mutate("2024-03-01", date))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"\\u200B", "\\u200B\\u200C\\u200D", "\\uFEFF", "\\u2060\\u2061", "\\u3164", "\\u202E\\u202C",
      "\\u00A0", "\\u3000\\u200B", "\\u180E", "\\u2800", "\\u0301\\u0302", "\\uFE0F", "\\u115F\\u1160", "\\u00AD"})
  void aNameOfOnlyInvisibleCharacters_isMissing_andShownEscaped(String escaped) {
    List<Problem> problems = read(Descriptors.mutate("name: 出生医学证明信息", "name: \"" + escaped + "\""));
    assertThat(problems).anySatisfy(p -> {
      assertThat(p.rule()).isEqualTo(CatalogRule.REQUIRED_FIELD);
      assertThat(p.path()).isEqualTo("resources[0].name");
      assertThat(p.message()).contains("invisible").matches(VisibleTextAssert::allVisibleOrSpace);
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"数据\\u200B库", "\\u202E库据数", "数据库\\u0007", "\\uFEFF数据库"})
  void messagesQuotingAValue_escapeItsInvisibleCharacters(String escaped) {
    List<Problem> problems = read(Descriptors.mutate("format: 数据库", "format: \"" + escaped + "\""));
    assertThat(problems).anySatisfy(p -> {
      assertThat(p.rule()).isEqualTo(CatalogRule.UNKNOWN_VALUE);
      assertThat(p.message()).contains("\\u").matches(VisibleTextAssert::allVisibleOrSpace);
      assertThat(p.toString()).matches(VisibleTextAssert::allVisibleOrSpace);
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"\\u200Bname", "na\\tme", "\\u2028x"})
  void pathsNamingAnUnknownKey_escapeItsInvisibleCharacters(String escapedKey) {
    List<Problem> problems = read(Descriptors.mutate("    updateCycle: 实时\n", "    updateCycle: 实时\n    \"" + escapedKey + "\": 1\n"));
    assertThat(problems).anySatisfy(p -> {
      assertThat(p.rule()).isEqualTo(CatalogRule.UNKNOWN_FIELD);
      assertThat(p.path() + p.message()).matches(VisibleTextAssert::allVisibleOrSpace).contains("\\u");
    });
  }

  private static List<Problem> read(String descriptor) {
    return Descriptors.reader().read("catalog.yaml", descriptor).problems();
  }

  /** No character a reader could miss, other than the plain space. */
  static final class VisibleTextAssert {
    static boolean allVisibleOrSpace(String text) {
      return text.codePoints().allMatch(cp -> cp == ' ' || !VisibleText.invisible(cp));
    }
  }
}
