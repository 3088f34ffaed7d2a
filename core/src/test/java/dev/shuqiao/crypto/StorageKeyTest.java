package dev.shuqiao.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StorageKeyTest {

  private static final byte[] PLAIN = "{\"subject\":\"450202202601010012\"}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] CONTEXT = "CASE-1#0".getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest
  @EnumSource(Suite.class)
  void seal_thenOpen_givesThePlaintextBack_andTheSealedBytesHoldNoneOfIt(Suite suite) {
    StorageKey key = StorageKey.generate(suite);
    byte[] sealed = key.seal(PLAIN, CONTEXT);
    assertThat(sealed).hasSize(PLAIN.length + StorageKey.OVERHEAD);
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("450202202601010012");
    assertThat(key.open(sealed, CONTEXT)).isEqualTo(PLAIN);
    assertThat(key.seal(PLAIN, CONTEXT)).isNotEqualTo(sealed); // fresh salt and nonce every time
    assertThat(StorageKey.fromSecret(suite, key.exportSecret()).open(sealed, CONTEXT)).isEqualTo(PLAIN);
  }

  @ParameterizedTest
  @EnumSource(Suite.class)
  void open_rejectsEveryFlippedByte(Suite suite) {
    StorageKey key = StorageKey.generate(suite);
    byte[] sealed = key.seal(PLAIN, CONTEXT);
    for (int i = 0; i < sealed.length; i++) {
      byte[] flipped = sealed.clone();
      flipped[i] ^= 0x01;
      assertThatThrownBy(() -> key.open(flipped, CONTEXT)).as("byte %d", i).isInstanceOf(EnvelopeException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(Suite.class)
  void open_rejectsAnotherContextKeyOrSuite_andAShortMessage(Suite suite) {
    StorageKey key = StorageKey.generate(suite);
    byte[] sealed = key.seal(PLAIN, CONTEXT);
    assertThatThrownBy(() -> key.open(sealed, "CASE-1#1".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(AuthenticationFailedException.class);
    assertThatThrownBy(() -> StorageKey.generate(suite).open(sealed, CONTEXT))
        .isInstanceOf(AuthenticationFailedException.class);
    Suite other = suite == Suite.GM ? Suite.INTL : Suite.GM;
    assertThatThrownBy(() -> StorageKey.fromSecret(other, key.exportSecret()).open(sealed, CONTEXT))
        .isInstanceOf(AuthenticationFailedException.class).hasMessageContaining("another suite");
    assertThatThrownBy(() -> key.open(Arrays.copyOf(sealed, StorageKey.OVERHEAD - 1), CONTEXT))
        .isInstanceOf(MalformedEnvelopeException.class);
    assertThatThrownBy(() -> StorageKey.fromSecret(suite, new byte[16])).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void derive_isStablePerIdentityAndPurpose_andDiffersOtherwise(KeyAlgorithm algorithm) {
    Parties parties = new Parties(algorithm);
    StorageKey journal = StorageKey.derive(parties.health, "bundle-journal");
    assertThat(journal.suite()).isEqualTo(algorithm.suite());
    assertThat(StorageKey.derive(parties.health, "bundle-journal").exportSecret()).isEqualTo(journal.exportSecret());
    // the same key read back from its PEM export derives the same storage key
    DepartmentIdentity reloaded = DepartmentIdentity.fromPem(parties.health.exportPrivateKeyPem(),
        Pem.encode(parties.health.certificate()));
    assertThat(StorageKey.derive(reloaded, "bundle-journal").exportSecret()).isEqualTo(journal.exportSecret());
    assertThat(StorageKey.derive(parties.health, "spool").exportSecret()).isNotEqualTo(journal.exportSecret());
    assertThat(StorageKey.derive(parties.police, "bundle-journal").exportSecret()).isNotEqualTo(journal.exportSecret());
    assertThatThrownBy(() -> StorageKey.derive(parties.health, " ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sealedIntlMessage_opensWithPlainJce_followingTheDocumentedFormat() throws Exception {
    byte[] secret = new byte[32];
    Arrays.fill(secret, (byte) 7);
    byte[] sealed = StorageKey.fromSecret(Suite.INTL, secret).seal(PLAIN, CONTEXT);
    assertThat(sealed[0]).isEqualTo((byte) 1);
    assertThat(sealed[1]).isEqualTo((byte) 2);
    byte[] salt = Arrays.copyOfRange(sealed, 2, 18);
    byte[] nonce = Arrays.copyOfRange(sealed, 18, 30);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(salt, "HmacSHA256"));
    byte[] prk = mac.doFinal(secret);
    mac.init(new SecretKeySpec(prk, "HmacSHA256"));
    mac.update("shuqiao storage v1".getBytes(StandardCharsets.US_ASCII));
    mac.update((byte) 2);
    mac.update((byte) 1);
    byte[] messageKey = mac.doFinal();
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(messageKey, "AES"), new GCMParameterSpec(128, nonce));
    cipher.updateAAD(Arrays.copyOf(sealed, 30));
    cipher.updateAAD(CONTEXT);
    assertThat(cipher.doFinal(sealed, 30, sealed.length - 30)).isEqualTo(PLAIN);
  }
}
