package dev.shuqiao.hub.internal.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class SignatureBaseTest {

  private static final String PARAMS = ";created=1764230400;nonce=\"0000000000000042\";keyid=\"s-AbCd_-09\";alg=\"hmac-sm3\"";

  /** How the hub built the base before it wrote bytes directly: a String, then its UTF-8 encoding. */
  private static byte[] reference(SignatureInput input, UnaryOperator<String> valueOf) {
    StringBuilder base = new StringBuilder();
    for (String component : input.components()) {
      base.append('"').append(component).append("\": ").append(valueOf.apply(component)).append('\n');
    }
    return base.append("\"@signature-params\": ").append(input.params()).toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void of_isTheRfc9421BaseOfASessionRead() {
    SignatureInput input = SignatureInput.parse(
        "sig1=(\"@method\" \"@path\" \"@query\" \"content-digest\")" + PARAMS, "sig1=:AAEC:");
    Map<String, String> values = Map.of("@method", "GET", "@path", "/v1/departments/11450200B00000078J", "@query", "?",
        "content-digest", "sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:");
    assertThat(new String(SignatureBase.of(input, values::get), StandardCharsets.UTF_8)).isEqualTo(
        "\"@method\": GET\n\"@path\": /v1/departments/11450200B00000078J\n\"@query\": ?\n"
            + "\"content-digest\": sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:\n"
            + "\"@signature-params\": (\"@method\" \"@path\" \"@query\" \"content-digest\")" + PARAMS);
  }

  @Test
  void of_agreesWithTheStringBuiltBase_alsoForValuesOutsideAscii() {
    String[] names = {"@method", "@path", "@query", "content-digest", "idempotency-key", "x-a", "b"};
    String alphabet = "aZ09 -_/?=:;\"\\\t\u007f\u0080\u00e9\u4e2d\ud83d\ude00";
    Random random = new Random(20261204);
    int outsideAscii = 0;
    for (int n = 0; n < 5_000; n++) {
      List<String> components = new ArrayList<>();
      Map<String, String> values = new HashMap<>();
      for (int c = random.nextInt(6); c > 0; c--) {
        String name = names[random.nextInt(names.length)];
        StringBuilder value = new StringBuilder();
        for (int k = random.nextInt(40); k > 0; k--) {
          value.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        components.add("\"" + name + "\"");
        values.put(name, value.toString());
      }
      SignatureInput input = SignatureInput.parse("sig1=(" + String.join(" ", components) + ")" + PARAMS, "sig1=:AAEC:");
      UnaryOperator<String> valueOf = values::get;
      byte[] expected = reference(input, valueOf);
      if (expected.length != new String(expected, StandardCharsets.UTF_8).length()) {
        outsideAscii++;
      }
      assertThat(SignatureBase.of(input, valueOf)).as(input.params() + " " + values).isEqualTo(expected);
    }
    assertThat(outsideAscii).isGreaterThan(1_000).isLessThan(4_500); // both paths taken, many times
  }
}
