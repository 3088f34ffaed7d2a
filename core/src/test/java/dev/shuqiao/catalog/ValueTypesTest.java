package dev.shuqiao.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueTypesTest {

  @ParameterizedTest
  @ValueSource(strings = {"11450200075623181Q", "114502000756245X4M", "11450200MB15337658", "91350100M000100Y43"})
  void creditCode_acceptsCodesWithTheRightCheckCharacter(String code) {
    assertThat(CreditCode.parse(code)).hasToString(code);
  }

  @ParameterizedTest
  @CsvSource({
      "11450200007562318N, check character",
      "1145020000756231, 18 characters",
      "1145020000756231OM, not allowed",
      "11450200007562318m, check character"})
  void creditCode_rejectsWithAReason(String code, String reason) {
    assertThatThrownBy(() -> CreditCode.parse(code)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(reason);
  }

  @Test
  void creditCode_checkCharacterCanBeZero() {
    // A weighted sum divisible by 31 maps to '0', not to the out-of-range 31st symbol.
    int zeros = 0;
    for (int i = 0; i < 31 * 31; i++) {
      String first16 = "1145020000" + String.format("%06d", i);
      String first17 = first16 + CreditCode.organizationCheckCharacter(first16.substring(8));
      char check = CreditCode.checkCharacter(first17);
      assertThat(CreditCode.ALPHABET.indexOf(check)).isBetween(0, 30);
      assertThat(CreditCode.parse(first17 + check).divisionCode()).isEqualTo("450200");
      zeros += check == '0' ? 1 : 0;
    }
    assertThat(zeros).isPositive();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "1 01 001/000123|1|01|001|000123",
      "2 05 002 0017/000001|2|05|002|000001",
      "3 45 002/999999|3|45|002|999999"})
  void defaultFormat_parsesAndPrintsCodes(String text, String category, String item, String entry, String sequence) {
    ResourceCode code = ResourceCode.parse(text);

    assertThat(code.classification().levels()).startsWith(category, item, entry);
    assertThat(code.sequence()).isEqualTo(sequence);
    assertThat(code).hasToString(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1 01 001", "1 01 001/12345", "1 01 001/1234567", "10 01 001/000001", "1 1 001/000001",
      "1 01 01/000001", "1 01 001/00000a", "1  01 001/000001", "a 01 001/000001", "1 01 001 /000001", "/000001",
      "1 01 001 01 01/000001"})
  void defaultFormat_rejectsMalformedCodesShowingTheShape(String text) {
    assertThatThrownBy(() -> ResourceCode.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("e.g. \"1 01 001/000123\"");
  }

  @Test
  void configuredFormat_readsItsOwnSeparators() {
    ResourceCodeFormat compact = ResourceCodeFormat.builder().levelSeparator("").sequenceSeparator("-")
        .sequenceDigits(4).build();

    ResourceCode code = compact.parse("1010010099-0042");

    assertThat(code.classification().levels()).containsExactly("1", "01", "001", "0099");
    assertThat(compact.format(code)).isEqualTo("1010010099-0042");
    assertThat(ResourceCodeFormat.DEFAULT.format(code)).isEqualTo("1 01 001 0099/0042");
    assertThatThrownBy(() -> compact.parse("1 01 001/0042")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void formatBuilder_rejectsAmbiguousSeparators() {
    assertThatThrownBy(() -> ResourceCodeFormat.builder().sequenceSeparator("").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ResourceCodeFormat.builder().levelSeparator("/").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ResourceCodeFormat.builder().levelSeparator("0").build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void classificationCode_namesItsView() {
    assertThat(new ClassificationCode(List.of("1", "01", "001")).view()).contains(ClassificationView.BASIC);
    assertThat(new ClassificationCode(List.of("2", "01", "001")).view()).contains(ClassificationView.THEME);
    assertThat(new ClassificationCode(List.of("3", "01", "001")).view()).contains(ClassificationView.DEPARTMENT);
    assertThat(new ClassificationCode(List.of("4", "01", "001")).view()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
      "id-number, 450202201901011234, 450202********1234",
      "phone, 13812345678, 138****5678",
      "name, 张小明, 张**",
      "full, 先天性心脏病, ******",
      "'keep(1,1)', 450202201901011234, 4****************4",
      "id-number, 12345, *****"})
  void masking_keepsOnlyTheDeclaredEnds(String rule, String value, String masked) {
    assertThat(MaskingRule.parse(rule).apply(value)).isEqualTo(masked);
  }

  @Test
  void masking_acceptsChineseNamesAndRejectsUnknownRules() {
    assertThat(MaskingRule.parse("身份证号")).isEqualTo(MaskingRule.ID_NUMBER);
    assertThat(MaskingRule.parse("KEEP( 3 , 4 )")).isEqualTo(MaskingRule.keep(3, 4));
    assertThatThrownBy(() -> MaskingRule.parse("blur")).hasMessageContaining("keep(P,S)");
    assertThatThrownBy(() -> MaskingRule.PSEUDONYM.apply("x")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void sharingFactories_enforceConditionsAndBasis() {
    assertThatThrownBy(() -> Sharing.conditional(" ", "basis", SharingMethod.FILE))
        .hasMessageContaining("conditions");
    assertThatThrownBy(() -> Sharing.notShared(null)).hasMessageContaining("basis");
    assertThat(Sharing.notShared("《个人信息保护法》").method()).isEmpty();
  }

  @Test
  void itemBuilder_enforcesLengthAndMasking() {
    assertThatThrownBy(() -> InformationItem.builder("编号", ItemType.CHARACTER).build())
        .hasMessageContaining("length");
    assertThatThrownBy(() -> InformationItem.builder("身份证号", ItemType.CHARACTER).length(18).sensitive(true).build())
        .hasMessageContaining("masking");
    assertThat(InformationItem.builder("身份证号", ItemType.CHARACTER).length(18).sensitive(true)
        .masking(MaskingRule.ID_NUMBER).build().personal()).isTrue();
  }
}
