package dev.shuqiao.examples.birth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shuqiao.catalog.CreditCode;
import org.junit.jupiter.api.Test;

class FakeIdsTest {

  @Test
  void idNumber_appendsTheGb11643CheckDigit() {
    // GB 11643-1999's own example: 11010519491231002X
    assertThat(FakeIds.idNumber("11010519491231002")).isEqualTo("11010519491231002X");
    assertThat(FakeIds.idNumber("45020220261201001")).isEqualTo("450202202612010019");
  }

  @Test
  void creditCode_appendsACheckCharacterTheCatalogValidatorAccepts() {
    String code = FakeIds.creditCode("11450200MB051234");
    assertThat(CreditCode.parse(code).toString()).isEqualTo(code);
    assertThat(FakeIds.creditCode("1145020000756300")).isEqualTo("11450200007563009X");
  }

  @Test
  void idNumber_refusesABodyThatIsNot17Digits() {
    assertThatThrownBy(() -> FakeIds.idNumber("4502021992")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("17 digits");
  }
}
