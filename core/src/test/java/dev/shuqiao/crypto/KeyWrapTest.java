package dev.shuqiao.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class KeyWrapTest {

  private static final SecureRandom RANDOM = new SecureRandom();

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void unwrap_returnsTheWrappedKey_forEveryKeyType(KeyAlgorithm algorithm) throws Exception {
    KeyPair recipient = KeyPairs.generate(algorithm, RANDOM);
    byte[] contentKey = new byte[Aead.of(algorithm.suite()).keyBytes()];
    RANDOM.nextBytes(contentKey);
    byte[] wrapped = KeyWrap.wrap(recipient.getPublic(), contentKey, RANDOM);
    // SM2: C1 65 + C3 32 + C2 16; P-256: E 65 + salt 16 + 48; X25519: E 32 + salt 16 + 48.
    assertThat(wrapped).hasSize(switch (algorithm) { case SM2 -> 113; case ECDSA_P256 -> 129; case ED25519 -> 96; });
    assertThat(KeyWrap.unwrap(recipient.getPrivate(), recipient.getPublic(), wrapped)).isEqualTo(contentKey);
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void unwrap_rejectsAnotherRecipientsKeyAndEveryFlippedByte(KeyAlgorithm algorithm) throws Exception {
    KeyPair recipient = KeyPairs.generate(algorithm, RANDOM);
    KeyPair other = KeyPairs.generate(algorithm, RANDOM);
    byte[] wrapped = KeyWrap.wrap(recipient.getPublic(), new byte[Aead.of(algorithm.suite()).keyBytes()], RANDOM);
    assertThatThrownBy(() -> KeyWrap.unwrap(other.getPrivate(), other.getPublic(), wrapped))
        .isInstanceOf(GeneralSecurityException.class);
    for (int i = 0; i < wrapped.length; i++) {
      byte[] tampered = wrapped.clone();
      tampered[i] ^= 0x01;
      assertThatThrownBy(() -> KeyWrap.unwrap(recipient.getPrivate(), recipient.getPublic(), tampered))
          .isInstanceOf(GeneralSecurityException.class);
    }
  }

  @Test
  void sm2Wrap_usesC1C3C2Order() throws Exception {
    KeyPair recipient = KeyPairs.generate(KeyAlgorithm.SM2, RANDOM);
    byte[] contentKey = new byte[16];
    byte[] wrapped = KeyWrap.wrap(recipient.getPublic(), contentKey, RANDOM);
    org.bouncycastle.crypto.engines.SM2Engine oldOrder =
        new org.bouncycastle.crypto.engines.SM2Engine(org.bouncycastle.crypto.engines.SM2Engine.Mode.C1C2C3);
    oldOrder.init(false, org.bouncycastle.jcajce.provider.asymmetric.util.ECUtil.generatePrivateKeyParameter(recipient.getPrivate()));
    assertThatThrownBy(() -> oldOrder.processBlock(wrapped, 0, wrapped.length))
        .isInstanceOf(org.bouncycastle.crypto.InvalidCipherTextException.class);
  }

  @Test
  void ed25519KeyConversion_givesMatchingX25519PublicAndPrivateHalves() throws Exception {
    for (int i = 0; i < 20; i++) {
      KeyPair pair = KeyPairs.generate(KeyAlgorithm.ED25519, RANDOM);
      byte[] x25519Private = Agreement.x25519PrivateFromEd25519(pair.getPrivate());
      assertThat(Agreement.x25519Public(x25519Private)).isEqualTo(Agreement.x25519PublicFromEd25519(pair.getPublic()));
    }
  }
}
