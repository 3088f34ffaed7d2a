package dev.shuqiao.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SignaturesTest {

  private static final SecureRandom RANDOM = new SecureRandom();

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void verify_acceptsOwnSignature_andRejectsOtherMessageOrKey(KeyAlgorithm algorithm) throws Exception {
    KeyPair pair = KeyPairs.generate(algorithm, RANDOM);
    KeyPair other = KeyPairs.generate(algorithm, RANDOM);
    byte[] header = "header".getBytes(StandardCharsets.UTF_8);
    byte[] body = "出生医学证明".getBytes(StandardCharsets.UTF_8);
    byte[] signature = Signatures.sign(algorithm, pair.getPrivate(), RANDOM, header, body);
    assertThat(Signatures.verify(algorithm, pair.getPublic(), signature, header, body)).isTrue();
    assertThat(Signatures.verify(algorithm, pair.getPublic(), signature, body, header)).isFalse();
    assertThat(Signatures.verify(algorithm, other.getPublic(), signature, header, body)).isFalse();
    assertThat(Signatures.verify(algorithm, pair.getPublic(), java.util.Arrays.copyOf(signature, signature.length - 1),
        header, body)).isFalse();
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void keyAlgorithmOf_recognisesItsOwnKeys(KeyAlgorithm algorithm) throws Exception {
    assertThat(KeyAlgorithm.of(KeyPairs.generate(algorithm, RANDOM).getPublic())).isEqualTo(algorithm);
  }
}
