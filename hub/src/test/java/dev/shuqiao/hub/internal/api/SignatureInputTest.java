package dev.shuqiao.hub.internal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shuqiao.hub.internal.service.HubException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignatureInputTest {

  private static final String INPUT =
      "sig1=(\"@method\" \"@path\" \"@query\" \"content-digest\");created=1764230400;nonce=\"abcdefghijklmnop\";keyid=\"11450200075623181Q\"";

  @Test
  void parse_readsComponentsParametersAndTheExactParamsText() {
    SignatureInput input = SignatureInput.parse(INPUT, "sig1=:AAEC:");
    assertThat(input.components()).containsExactly("@method", "@path", "@query", "content-digest");
    assertThat(input.parameters()).containsEntry("created", "1764230400").containsEntry("keyid", "11450200075623181Q");
    assertThat(input.params()).isEqualTo(INPUT.substring("sig1=".length()));
    assertThat(input.signature()).containsExactly(0, 1, 2);
    assertThat(input.parameter("nonce")).isEqualTo("abcdefghijklmnop");
    assertThat(input.parameter("expires")).isNull();
    assertThat(input.components().get(0)).isSameAs("@method"); // a constant, not a copy
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "sig1=(\"@method\");created=1;created=2",
      "sig1=(\"@method\");a=1;b=2;c=3;d=4;e=5;f=6;g=7;h=8;i=9;b=10",
      "sig1=(\"@method\" \"@path\"), sig2=(\"@method\")",
      "sig1=(@method);created=1",
      "sig1=(\"@method\");created=1;keyid=\"a\"b\"",
  })
  void parse_rejectsAnythingButOneWellFormedSignature(String header) {
    assertThatThrownBy(() -> SignatureInput.parse(header, "sig1=:AAEC:")).isInstanceOfSatisfying(HubException.class,
        e -> assertThat(e.status()).isEqualTo(401));
  }

  @Test
  void parse_rejectsMismatchedLabelsAndMissingHeaders() {
    assertThatThrownBy(() -> SignatureInput.parse(INPUT, "sig2=:AAEC:")).hasFieldOrPropertyWithValue("type", "signature-malformed");
    assertThatThrownBy(() -> SignatureInput.parse(null, "sig1=:AAEC:")).hasFieldOrPropertyWithValue("type", "signature-required");
  }
}
