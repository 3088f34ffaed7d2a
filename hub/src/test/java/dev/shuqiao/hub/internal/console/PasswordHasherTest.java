package dev.shuqiao.hub.internal.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

  private final PasswordHasher hasher = new PasswordHasher(new SecureRandom());

  @Test
  void hash_isArgon2idWithItsParameters_andVerifiesOnlyTheSamePassword() {
    String stored = hasher.hash("正确的密码 horse battery");

    assertThat(stored).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    assertThat(PasswordHasher.verify("正确的密码 horse battery", stored)).isTrue();
    assertThat(PasswordHasher.verify("正确的密码 horse batterY", stored)).isFalse();
  }

  @Test
  void hash_usesAFreshSaltEachTime() {
    assertThat(hasher.hash("same")).isNotEqualTo(hasher.hash("same"));
  }

  @Test
  void verify_isFalseForMalformedOrTamperedStrings() {
    String stored = hasher.hash("pw");
    String[] parts = stored.split("\\$");
    String flipped = stored.substring(0, stored.length() - 2) + (stored.endsWith("A") ? "B" : "A") + stored.charAt(stored.length() - 1);

    assertThat(PasswordHasher.verify("pw", flipped)).isFalse();
    assertThat(PasswordHasher.verify("pw", "$argon2i$v=19$m=19456,t=2,p=1$" + parts[4] + "$" + parts[5])).isFalse();
    assertThat(PasswordHasher.verify("pw", "$argon2id$v=19$m=99999999,t=2,p=1$" + parts[4] + "$" + parts[5])).isFalse();
    assertThat(PasswordHasher.verify("pw", "plain")).isFalse();
    assertThat(PasswordHasher.verify("pw", "$argon2id$v=19$m=x$y$z")).isFalse();
  }
}
