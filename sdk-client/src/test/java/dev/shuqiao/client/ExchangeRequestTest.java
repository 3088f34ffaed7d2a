package dev.shuqiao.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExchangeRequestTest {

  private static ExchangeRequest.Builder valid() {
    return ExchangeRequest.builder().resourceCode("1 01 003/000001").items(List.of("出生医学证明编号"))
        .parameter("出生医学证明编号", "Q450200123").purpose("出生一件事：户籍登记");
  }

  @Test
  void build_keepsTheValuesAndDefaultsTheTimeout() {
    ExchangeRequest request = valid().caseId("C-1").build();
    assertThat(request.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(request.caseId()).contains("C-1");
    assertThat(request.grantId()).isEmpty();
    assertThat(request.subject()).isEmpty();
    assertThat(request.parameters()).containsEntry("出生医学证明编号", "Q450200123");
    assertThat(request.newBuilder().grantId("g").build().grantId()).contains("g");
  }

  @Test
  void build_namesEveryBrokenFieldAtOnce() {
    assertThatThrownBy(() -> ExchangeRequest.builder().items(List.of("a", "a", " ")).caseId("x".repeat(257))
        .timeout(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("resourceCode: required")
        .hasMessageContaining("items[1]: 'a' is listed twice")
        .hasMessageContaining("items[2]: blank")
        .hasMessageContaining("purpose: required")
        .hasMessageContaining("caseId: longer than 256 characters")
        .hasMessageContaining("timeout: must be more than 0");
    assertThatThrownBy(() -> valid().items(List.of()).build()).hasMessageContaining("1 to 500 items");
    assertThatThrownBy(() -> valid().items(Collections.nCopies(501, "x")).build()).hasMessageContaining("got 501");
    assertThatThrownBy(() -> valid().timeout(Duration.ofMinutes(11)).build()).hasMessageContaining("at most 10 minutes");
    assertThatThrownBy(() -> valid().purpose("用途\n注入").build()).hasMessageContaining("purpose: contains a control");
  }

  @Test
  void toString_leavesOutTheParametersAndTheSubject() {
    assertThat(valid().subject("450202201501010012").build().toString()).doesNotContain("Q450200123")
        .doesNotContain("450202201501010012").contains("1 01 003/000001");
  }
}
