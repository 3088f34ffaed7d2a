package dev.shuqiao.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shuqiao.crypto.PseudonymKey;
import dev.shuqiao.crypto.Suite;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HmacSubjectPseudonymizerTest {

  private static final String ID = "450202199001011234";

  @ParameterizedTest
  @EnumSource(Suite.class)
  void pseudonymize_equalsTheDepartmentKeysPseudonymOfTheSameKind(Suite suite) {
    PseudonymKey key = PseudonymKey.generate(suite);
    SubjectPseudonym audited = HmacSubjectPseudonymizer.of(key, "resident-id").pseudonymize(ID);
    assertThat(audited.hex()).isEqualTo(key.pseudonym("resident-id", ID));
    assertThat(audited).isNotEqualTo(HmacSubjectPseudonymizer.of(key, "phone").pseudonymize(ID));
  }

  @Test
  void withKey_isTheIntlKeyUnderTheDefaultKind() {
    byte[] secret = new byte[40];
    Arrays.fill(secret, (byte) 7);
    assertThat(HmacSubjectPseudonymizer.withKey(secret).pseudonymize(ID).hex())
        .isEqualTo(PseudonymKey.fromSecret(Suite.INTL, secret).pseudonym(HmacSubjectPseudonymizer.DEFAULT_KIND, ID));
  }

  @Test
  void shortKeysAndBlankIdentifiersAreRefused_andTheKeyStaysOutOfToString() {
    assertThatThrownBy(() -> HmacSubjectPseudonymizer.withKey(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HmacSubjectPseudonymizer.withKey(new byte[65])).isInstanceOf(IllegalArgumentException.class);
    byte[] secret = new byte[32];
    Arrays.fill(secret, (byte) 0x5a);
    HmacSubjectPseudonymizer pseudonyms = HmacSubjectPseudonymizer.withKey(secret);
    assertThatThrownBy(() -> pseudonyms.pseudonymize(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThat(pseudonyms.toString()).doesNotContain("5a5a").doesNotContain("ZZZZ");
  }
}
