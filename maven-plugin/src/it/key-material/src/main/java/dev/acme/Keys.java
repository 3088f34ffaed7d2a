package dev.acme;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.SecretKeySpec;

public class Keys {

  private static final byte[] KEY = "0123456789abcdef".getBytes(StandardCharsets.UTF_8);

  public SecretKeySpec key() {
    return new SecretKeySpec(KEY, "AES");
  }

  public KeyPair rsa() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(1024);
    return generator.generateKeyPair();
  }

  public SecureRandom random() {
    SecureRandom random = new SecureRandom();
    random.setSeed(42L);
    return random;
  }

  public SecretKeyFactory pbe() throws GeneralSecurityException {
    return SecretKeyFactory.getInstance("PBEWithMD5AndDES");
  }
}
