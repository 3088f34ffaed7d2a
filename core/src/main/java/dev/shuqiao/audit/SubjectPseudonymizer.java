package dev.shuqiao.audit;

/**
 * Turns a clear subject identifier into a keyed pseudonym. The key stays with the department; the
 * audit log only ever sees the result. {@link HmacSubjectPseudonymizer} computes them with the
 * department's {@link dev.shuqiao.crypto.PseudonymKey} (HMAC-SM3 or HMAC-SHA256).
 */
@FunctionalInterface
public interface SubjectPseudonymizer {

  SubjectPseudonym pseudonymize(String clearIdentifier);
}
