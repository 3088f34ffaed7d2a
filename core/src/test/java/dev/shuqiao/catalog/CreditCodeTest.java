package dev.shuqiao.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The full 统一社会信用代码 check: GB 32100's authority/type table, the division code, GB 11714's
 * organisation-code check character, and GB 32100's own check character. Every rejected code below
 * has a correct final check character, so only the structural check can refuse it.
 */
class CreditCodeTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "11450200MB15337658", // 机关, 柳州
      "91350100M000100Y43", // 企业, 福州 (a published code)
      "12450200498504563R", // 事业单位
      "51450200MJ000000", "52450200MJ000000", "53100000MJ000000", // 社会团体, 民办非企业单位, 基金会 (national)
      "31450200MD000000", "92450203MA000000", "93450221MA000000", "81450200MC000000", "N2450221MF000000",
      "A1110000MG000000", "Y1650100MH000000", "71540100MK000000", "21110000ML000000", "61820000MM000000"})
  void acceptsCodesOfEveryKindOfTheTable(String code) {
    String full = code.length() == 18 ? code : CreditCode.withCheckCharacters(code).toString();
    assertThat(CreditCode.parse(full)).hasToString(full);
  }

  @ParameterizedTest
  @CsvSource({
      // authority or type outside GB 32100's table
      "04450200MB153376, characters 1-2 '04'",
      "14450200MB153376, characters 1-2 '14'",
      "94450200MB153376, characters 1-2 '94'",
      "B1450200MB153376, characters 1-2 'B1'",
      "Y2450200MB153376, characters 1-2 'Y2'",
      "N4450200MB153376, characters 1-2 'N4'",
      // positions 3-8 not an administrative division code
      "11990200MB153376, characters 3-8 '990200'",
      "11000000MB153376, characters 3-8 '000000'",
      "11160000MB153376, characters 3-8 '160000'",
      "11450003MB153376, characters 3-8 '450003'",
      "11100200MB153376, characters 3-8 '100200'",
      "1145A200MB153376, characters 3-8 '45A200'"})
  void refusesAStructureGb32100DoesNotAllow_althoughTheCheckCharacterHolds(String first16, String reason) {
    String code = withWrongStructureButRightCheck(first16, CreditCode.organizationCheckCharacter(first16.substring(8)));
    assertThatThrownBy(() -> CreditCode.parse(code)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(reason);
    assertThat(CreditCode.problem(code)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"11450200007562318M", "1145020000756245XG", "11450200MB0000001X", "11450200MB1533766B",
      "12450200498504561K"})
  void refusesAnOrganisationCodeWhoseGb11714CheckCharacterIsWrong(String code) {
    assertThat(CreditCode.checkCharacter(code.substring(0, 17))).as("GB 32100 check holds").isEqualTo(code.charAt(17));
    assertThatThrownBy(() -> CreditCode.parse(code)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("GB 11714 check character is '" + code.charAt(16) + "'")
        .hasMessageContaining("requires '" + CreditCode.organizationCheckCharacter(code.substring(8, 16)) + "'");
  }

  @Test
  void everyWrongOrganisationCheckCharacter_isRefused_andOnlyTheRightOnePasses() {
    String first16 = "12450200MB154321";
    char right = CreditCode.organizationCheckCharacter(first16.substring(8));
    for (char c : "0123456789X".toCharArray()) {
      String first17 = first16 + c;
      String code = first17 + CreditCode.checkCharacter(first17);
      assertThat(CreditCode.problem(code).isEmpty()).as(code).isEqualTo(c == right);
    }
  }

  @ParameterizedTest
  @CsvSource({"MB153376, 5", "00756231, 3", "D2143569, X", "M000100Y, 4", "MA5K0000, 4", "00000000, 0"})
  void organisationCheckCharacter_followsGb11714(String body, char expected) {
    // GB 11714 gives D2143569-X as its example. 11 - (sum of weights 3,7,9,10,5,8,4,2 times values, A-Z = 10-35) mod 11; 10 is X, 11 is 0.
    assertThat(CreditCode.organizationCheckCharacter(body)).isEqualTo(expected);
  }

  @Test
  void withCheckCharacters_completesAValidCode_andRefusesANonCode() {
    assertThat(CreditCode.withCheckCharacters("11450200MB153376")).hasToString("11450200MB15337658");
    assertThatThrownBy(() -> CreditCode.withCheckCharacters("11450200MB15337")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CreditCode.withCheckCharacters("14450200MB153376")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void catalogValidation_reportsTheStructuralProblem_atTheProviderCode() {
    String descriptor = Descriptors.mutate("11450200075623181Q", "11450200007562318M");
    ValidationReport report = Descriptors.reader().read("catalog.yaml", descriptor);
    assertThat(report.problems()).anySatisfy(problem -> {
      assertThat(problem.rule()).isEqualTo(CatalogRule.CREDIT_CODE);
      assertThat(problem.message()).contains("GB 11714");
    });
  }

  private static String withWrongStructureButRightCheck(String first16, char organizationCheck) {
    String first17 = first16 + organizationCheck;
    return first17 + CreditCode.checkCharacter(first17);
  }
}
