package dev.shuqiao.audit;

/**
 * Turns a clear subject identifier into a keyed pseudonym. The key stays with the department; the
 * audit log only ever sees the result. {@link HmacSubjectPseudonymizer} is the INTL (HMAC-SHA256)
 * implementation; the crypto package supplies HMAC-SM3 for the GM suite.
 */
@FunctionalInterface
public interface SubjectPseudonymizer {

  SubjectPseudonym pseudonymize(String clearIdentifier);
}
