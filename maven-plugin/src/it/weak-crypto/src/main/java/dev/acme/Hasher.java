package dev.acme;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

public final class Hasher {

  private Hasher() {}

  public static String md5(String text) throws GeneralSecurityException {
    MessageDigest digest = MessageDigest.getInstance("MD5");
    return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
