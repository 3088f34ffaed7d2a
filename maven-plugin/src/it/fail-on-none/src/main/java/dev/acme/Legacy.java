package dev.acme;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;

public class Legacy {

  public Cipher cipher() throws GeneralSecurityException {
    return Cipher.getInstance("DES/ECB/PKCS5Padding");
  }
}
