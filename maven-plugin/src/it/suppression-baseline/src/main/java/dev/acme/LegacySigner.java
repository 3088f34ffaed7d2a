package dev.acme;

import java.security.GeneralSecurityException;
import java.security.Signature;

public class LegacySigner {

  public Signature signer() throws GeneralSecurityException {
    return Signature.getInstance("SHA1withRSA");
  }
}
