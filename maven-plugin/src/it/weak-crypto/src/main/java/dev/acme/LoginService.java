package dev.acme;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;

public class LoginService {

  public String hashPassword(String password) throws GeneralSecurityException {
    return Hasher.md5(password);
  }

  public Cipher tokenCipher(SecretKey key) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES");
    return cipher;
  }

  public Cipher sessionCipher(SecretKey key) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
    cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(new byte[16]));
    return cipher;
  }
}
