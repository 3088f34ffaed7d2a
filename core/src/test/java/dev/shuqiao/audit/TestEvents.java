package dev.shuqiao.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Deterministic events for tests. */
final class TestEvents {

  static final SubjectPseudonymizer PSEUDONYMS =
      HmacSubjectPseudonymizer.withKey("test-only pseudonym key, 32 bytes!".getBytes(StandardCharsets.UTF_8));

  private TestEvents() {}

  /** Event number {@code n}: subjects cycle through 7 people, cases through 5. */
  static AuditEvent event(long n) {
    return AuditEvent.builder()
        .actor(Actor.of("11450200MB0000000T", "birth-portal", "clerk-" + (n % 3)))
        .action(AuditAction.values()[(int) (n % AuditAction.values().length)])
        .resourceCode("450200-HC-" + (n % 11))
        .grantId("GRANT-" + (n % 4))
        .caseId("CASE-" + (n % 5))
        .messageId("MSG-" + n)
        .outcome(n % 13 == 0 ? AuditOutcome.DENIED : AuditOutcome.SUCCESS)
        .timestamp(Instant.ofEpochSecond(1_790_000_000L + n, n % 1000))
        .subject(subject((int) (n % 7)))
        .build();
  }

  static SubjectPseudonym subject(int person) {
    return PSEUDONYMS.pseudonymize("person-" + person);
  }
}
