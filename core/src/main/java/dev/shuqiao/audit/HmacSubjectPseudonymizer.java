package dev.shuqiao.audit;

import dev.shuqiao.crypto.PseudonymKey;
import dev.shuqiao.crypto.Suite;
import java.util.Objects;

/**
 * Subject pseudonyms computed by the department's {@link PseudonymKey} (HMAC-SM3 for the GM suite,
 * HMAC-SHA256 for INTL, over the encoding documented there), so an audit record's subject equals
 * {@code key.pseudonym(kind, identifier)} wherever else the department computes it, e.g. to answer
 * "who accessed my data".
 *
 * <pre>{@code
 * SubjectPseudonymizer pseudonyms = HmacSubjectPseudonymizer.of(departmentKey, "resident-id");
 * }</pre>
 */
public final class HmacSubjectPseudonymizer implements SubjectPseudonymizer {

  /** The identifier kind {@link #withKey(byte[])} uses. */
  public static final String DEFAULT_KIND = "subject";

  private final PseudonymKey key;
  private final String kind;

  private HmacSubjectPseudonymizer(PseudonymKey key, String kind) {
    this.key = Objects.requireNonNull(key, "key");
    this.kind = Objects.requireNonNull(kind, "kind");
    if (kind.isBlank()) {
      throw new IllegalArgumentException("kind must not be blank");
    }
  }

  /** Pseudonyms of identifiers of {@code kind} (e.g. {@code resident-id}) under {@code key}. */
  public static HmacSubjectPseudonymizer of(PseudonymKey key, String kind) {
    return new HmacSubjectPseudonymizer(key, kind);
  }

  /**
   * HMAC-SHA256 pseudonyms of kind {@value #DEFAULT_KIND} under raw key bytes: the same as
   * {@code of(PseudonymKey.fromSecret(Suite.INTL, key), DEFAULT_KIND)}.
   *
   * @throws IllegalArgumentException if {@code key} is not 32 to 64 bytes
   */
  public static HmacSubjectPseudonymizer withKey(byte[] key) {
    return new HmacSubjectPseudonymizer(PseudonymKey.fromSecret(Suite.INTL, key), DEFAULT_KIND);
  }

  /**
   * @throws IllegalArgumentException if {@code clearIdentifier} is blank
   */
  @Override
  public SubjectPseudonym pseudonymize(String clearIdentifier) {
    return SubjectPseudonym.fromHex(key.pseudonym(kind, clearIdentifier));
  }

  @Override
  public String toString() {
    return "HmacSubjectPseudonymizer[" + key.suite() + ", " + kind + ", key hidden]";
  }
}
