package dev.shuqiao.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * AES-GCM and SM4-GCM against Wycheproof. Vectors with our parameters (96-bit nonce, 128-bit tag,
 * 256-bit AES key or 128-bit SM4 key) must decrypt exactly when valid and fail when invalid; every
 * other parameter set must be refused outright, since the suites never use it.
 */
class WycheproofAeadTest {

  static Stream<Arguments> aesGcm() {
    return Wycheproof.cases("aes_gcm_test.json").stream();
  }

  static Stream<Arguments> sm4Gcm() {
    return Wycheproof.cases("sm4_gcm_test.json").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("aesGcm")
  void aes256Gcm_acceptsEveryValidAndRejectsEveryInvalidVector(Wycheproof.Case c) throws Exception {
    check(Aead.AES_256_GCM, 256, c);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sm4Gcm")
  void sm4Gcm_acceptsEveryValidAndRejectsEveryInvalidVector(Wycheproof.Case c) throws Exception {
    check(Aead.SM4_GCM, 128, c);
  }

  private static void check(Aead aead, int keyBits, Wycheproof.Case c) throws Exception {
    byte[] key = c.bytes("key");
    byte[] iv = c.bytes("iv");
    byte[] aad = c.bytes("aad");
    byte[] sealed = KeyWrap.concat(c.bytes("ct"), c.bytes("tag"));
    boolean ourParameters = c.groupInt("keySize") == keyBits && c.groupInt("ivSize") == 96 && c.groupInt("tagSize") == 128;
    if (!ourParameters) {
      assertThatThrownBy(() -> aead.open(key, iv, aad, sealed)).isInstanceOf(IllegalArgumentException.class);
      return;
    }
    assertThat(c.result()).isIn(List.of("valid", "invalid"));
    if (c.valid()) {
      assertThat(aead.open(key, iv, aad, sealed)).isEqualTo(c.bytes("msg"));
      assertThat(aead.seal(key, iv, aad, c.bytes("msg"))).isEqualTo(sealed);
    } else {
      assertThatThrownBy(() -> aead.open(key, iv, aad, sealed)).isInstanceOf(GeneralSecurityException.class);
    }
  }
}
