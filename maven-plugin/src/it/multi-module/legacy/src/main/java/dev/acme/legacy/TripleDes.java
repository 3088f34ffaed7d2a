package dev.acme.legacy;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;

public class TripleDes {

  private static final String TRANSFORMATION = "DESede/CBC/PKCS5Padding";

  public Cipher cipher() throws GeneralSecurityException {
    String name = TRANSFORMATION;
    return Cipher.getInstance(name);
  }
}
