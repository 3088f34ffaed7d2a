package dev.shuqiao.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 pseudonyms: {@code HMAC(key, "shuqiao-subject-v1\n" || identifier)}. */
public final class HmacSubjectPseudonymizer implements SubjectPseudonymizer {

  private static final byte[] DOMAIN = "shuqiao-subject-v1\n".getBytes(StandardCharsets.UTF_8);

  private final SecretKeySpec key;

  private HmacSubjectPseudonymizer(byte[] key) {
    if (key.length < 32) {
      throw new IllegalArgumentException("the pseudonym key needs at least 32 bytes");
    }
    this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
  }

  /** A pseudonymizer under {@code key} (at least 32 random bytes, kept by the department). */
  public static HmacSubjectPseudonymizer withKey(byte[] key) {
    return new HmacSubjectPseudonymizer(key);
  }

  @Override
  public SubjectPseudonym pseudonymize(String clearIdentifier) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(DOMAIN);
      return SubjectPseudonym.of(mac.doFinal(clearIdentifier.strip().getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
