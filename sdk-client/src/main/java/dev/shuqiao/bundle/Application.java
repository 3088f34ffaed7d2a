package dev.shuqiao.bundle;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One citizen's application for a bundle: the case id that threads every exchange and audit event,
 * the data subject, the form's values and the consent given with it.
 *
 * <pre>{@code
 * Application application = Application.builder("BIRTH-450200-000017")
 *     .subject("450202202601010012")                      // sealed and pseudonymized, never in clear in a log
 *     .formField("birthCertificateNumber", "Q450200123")
 *     .consent(consent)
 *     .build();
 * }</pre>
 */
public final class Application {

  private final String caseId;
  private final String subject;
  private final Map<String, String> form;
  private final Consent consent;

  private Application(Builder b) {
    this.caseId = b.caseId;
    this.subject = b.subject;
    this.form = Collections.unmodifiableMap(new LinkedHashMap<>(b.form));
    this.consent = b.consent;
  }

  public static Builder builder(String caseId) {
    return new Builder(caseId);
  }

  public String caseId() {
    return caseId;
  }

  public Optional<String> subject() {
    return Optional.ofNullable(subject);
  }

  public Map<String, String> form() {
    return form;
  }

  /** The consent given with the application; without one the runner refuses the case. */
  public Optional<Consent> consent() {
    return Optional.ofNullable(consent);
  }

  @Override
  public String toString() {
    // The subject and the form are personal data: never in a log line.
    return "Application[" + caseId + ", " + form.size() + " form fields, consent=" + (consent != null) + "]";
  }

  /** Builds an {@link Application}. */
  public static final class Builder {
    private final String caseId;
    private String subject;
    private final Map<String, String> form = new LinkedHashMap<>();
    private Consent consent;

    private Builder(String caseId) {
      this.caseId = Objects.requireNonNull(caseId, "caseId");
    }

    public Builder subject(String subject) {
      this.subject = Objects.requireNonNull(subject, "subject");
      return this;
    }

    public Builder formField(String name, String value) {
      form.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value of form field " + name));
      return this;
    }

    public Builder form(Map<String, String> fields) {
      Objects.requireNonNull(fields, "fields").forEach(this::formField);
      return this;
    }

    public Builder consent(Consent consent) {
      this.consent = Objects.requireNonNull(consent, "consent");
      return this;
    }

    /** @throws IllegalArgumentException if the case id is blank, over 256 characters or has control characters */
    public Application build() {
      if (caseId.isBlank() || caseId.length() > 256 || caseId.chars().anyMatch(Character::isISOControl)) {
        throw new IllegalArgumentException("case id: 1 to 256 printable characters required");
      }
      if (subject != null && subject.isBlank()) {
        throw new IllegalArgumentException("subject: blank; leave it unset when there is no subject");
      }
      return new Application(this);
    }
  }
}
