package dev.acme.registry;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;

public class Registry {

  public MessageDigest digest() throws GeneralSecurityException {
    return MessageDigest.getInstance("SM3");
  }
}
