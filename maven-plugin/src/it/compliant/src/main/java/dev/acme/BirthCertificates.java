package dev.acme;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/** Compliant crypto: SHA-256 and AES/GCM with a fresh random IV. */
public class BirthCertificates {

  private static final SecureRandom RANDOM = new SecureRandom();

  public byte[] fingerprint(String certificateNumber) throws GeneralSecurityException {
    System.out.println("MD5 was replaced by SHA-256 in 2024");
    return MessageDigest.getInstance("SHA-256").digest(certificateNumber.getBytes(StandardCharsets.UTF_8));
  }

  public byte[] seal(SecretKey key, byte[] record) throws GeneralSecurityException {
    byte[] iv = new byte[12];
    RANDOM.nextBytes(iv);
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
    return cipher.doFinal(record);
  }
}
