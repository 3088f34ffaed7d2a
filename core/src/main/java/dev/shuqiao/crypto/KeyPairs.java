package dev.shuqiao.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;

/** Key pair generation for each {@link KeyAlgorithm}, on Bouncy Castle. */
final class KeyPairs {

  private KeyPairs() {}

  /**
   * Checks that a private key belongs to a public key by signing a fixed challenge with it (the one
   * check that works for SM2, Ed25519 and ECDSA alike).
   *
   * @throws IllegalArgumentException if they do not match
   */
  static void requireMatch(KeyAlgorithm algorithm, java.security.PrivateKey privateKey, java.security.PublicKey publicKey) {
    byte[] challenge = "shuqiao key match".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    boolean matches;
    try {
      byte[] signature = Signatures.sign(algorithm, privateKey, new SecureRandom(), challenge);
      matches = Signatures.verify(algorithm, publicKey, signature, challenge);
    } catch (GeneralSecurityException | RuntimeException e) {
      matches = false;
    }
    if (!matches) {
      throw new IllegalArgumentException("private key does not match the certificate");
    }
  }

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
