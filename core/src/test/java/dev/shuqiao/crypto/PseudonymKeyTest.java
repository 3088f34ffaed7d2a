package dev.shuqiao.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PseudonymKeyTest {

  private static final String ID = "450202199001011234";

  @ParameterizedTest
  @EnumSource(Suite.class)
  void pseudonym_isStableUnderTheSameKeyAndKind_andDiffersOtherwise(Suite suite) {
    PseudonymKey key = PseudonymKey.generate(suite);
    String p = key.pseudonym("resident-id", ID);
    assertThat(p).hasSize(64).matches("[0-9a-f]+").doesNotContain(ID);
    assertThat(key.pseudonym("resident-id", " " + ID + " ")).isEqualTo(p);
    assertThat(key.pseudonym("phone", ID)).isNotEqualTo(p);
    assertThat(key.pseudonym("resident-id", "450202199001011235")).isNotEqualTo(p);
    assertThat(PseudonymKey.generate(suite).pseudonym("resident-id", ID)).isNotEqualTo(p);
    assertThat(PseudonymKey.fromSecret(suite, key.exportSecret()).pseudonym("resident-id", ID)).isEqualTo(p);
  }

  @Test
  void pseudonym_isHmacSm3OrHmacSha256OverTheDocumentedEncoding() throws Exception {
    byte[] secret = new byte[32];
    for (int i = 0; i < secret.length; i++) {
      secret[i] = (byte) i;
    }
    byte[] kind = "resident-id".getBytes(StandardCharsets.UTF_8);
    byte[] value = ID.getBytes(StandardCharsets.UTF_8);
    byte[] label = "shuqiao pseudonym v1".getBytes(StandardCharsets.US_ASCII);
    byte[] input = ByteBuffer.allocate(label.length + 8 + kind.length + value.length)
        .put(label).putInt(kind.length).put(kind).putInt(value.length).put(value).array();
    Mac sha = Mac.getInstance("HmacSHA256");
    sha.init(new SecretKeySpec(secret, "HmacSHA256"));
    Mac sm3 = Mac.getInstance("HMACSM3", Providers.BC);
    sm3.init(new SecretKeySpec(secret, "HMACSM3"));
    assertThat(PseudonymKey.fromSecret(Suite.INTL, secret).pseudonym("resident-id", ID))
        .isEqualTo(HexFormat.of().formatHex(sha.doFinal(input)));
    assertThat(PseudonymKey.fromSecret(Suite.GM, secret).pseudonym("resident-id", ID))
        .isEqualTo(HexFormat.of().formatHex(sm3.doFinal(input)));
  }

  @Test
  void key_refusesWrongLengths_andHidesItselfInToString() {
    assertThatThrownBy(() -> PseudonymKey.fromSecret(Suite.GM, new byte[16])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PseudonymKey.fromSecret(Suite.GM, new byte[65])).isInstanceOf(IllegalArgumentException.class);
    assertThat(PseudonymKey.fromSecret(Suite.GM, new byte[64]).pseudonym("resident-id", ID)).hasSize(64);
    PseudonymKey key = PseudonymKey.generate(Suite.GM);
    assertThat(key.toString()).doesNotContain(HexFormat.of().formatHex(key.exportSecret()));
  }
}
