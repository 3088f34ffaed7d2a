package dev.shuqiao.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;

/** Key pair generation for each {@link KeyAlgorithm}, on Bouncy Castle. */
final class KeyPairs {

  private KeyPairs() {}

  static KeyPair generate(KeyAlgorithm algorithm, SecureRandom random) {
    try {
      KeyPairGenerator generator;
      switch (algorithm) {
        case SM2:
          generator = KeyPairGenerator.getInstance("EC", Providers.BC);
          generator.initialize(new ECGenParameterSpec("sm2p256v1"), random);
          break;
        case ECDSA_P256:
          generator = KeyPairGenerator.getInstance("EC", Providers.BC);
          generator.initialize(new ECGenParameterSpec("secp256r1"), random);
          break;
        case ED25519:
          generator = KeyPairGenerator.getInstance("Ed25519", Providers.BC);
          generator.initialize(255, random);
          break;
        default:
          throw new IllegalArgumentException("unsupported key algorithm");
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("key generation unavailable", e);
    }
  }
}
