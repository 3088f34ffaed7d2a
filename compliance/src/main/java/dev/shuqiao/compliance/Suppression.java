package dev.shuqiao.compliance;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * Accepts findings of one rule (or {@code *}) whose file or symbol contains {@code where} (empty:
 * everywhere), or whose fingerprint equals it. A written justification is mandatory; an expiry
 * date is optional and, once passed, the suppression stops applying and is itself reported.
 *
 * <pre>{@code
 * Suppression.builder().rule("crypto.weak-digest").where("dev/acme/LegacyEtag.java")
 *     .justification("ETag only, not security relevant").expires(LocalDate.of(2027, 6, 30)).build();
 * }</pre>
 */
public final class Suppression {

  private final String rule;
  private final String where;
  private final String justification;
  private final LocalDate expires;
  private final String source;

  private Suppression(Builder builder) {
    this.rule = builder.rule;
    this.where = builder.where;
    this.justification = builder.justification;
    this.expires = builder.expires;
    this.source = builder.source;
  }

  public static Builder builder() {
    return new Builder();
  }

  public String rule() {
    return rule;
  }

  public String where() {
    return where;
  }

  public String justification() {
    return justification;
  }

  public Optional<LocalDate> expires() {
    return Optional.ofNullable(expires);
  }

  /** Where the suppression is written ({@code pom.xml}, a suppressions file), for findings about it. */
  public String source() {
    return source;
  }

  /** Whether the expiry date, if any, is before {@code today}. */
  public boolean expired(LocalDate today) {
    return expires != null && expires.isBefore(today);
  }

  /** Whether this suppression covers {@code finding} (regardless of expiry). */
  public boolean matches(Finding finding) {
    if (!rule.equals("*") && !rule.equals(finding.ruleId())) {
      return false;
    }
    return where.isEmpty()
        || where.equals(finding.fingerprint())
        || finding.location().file().contains(where)
        || finding.location().symbol().contains(where);
  }

  @Override
  public String toString() {
    return rule + (where.isEmpty() ? "" : " at " + where) + (expires == null ? "" : " until " + expires)
        + ": " + justification;
  }

  /** Builds a {@link Suppression}; {@code build()} rejects a missing rule or justification. */
  public static final class Builder {
    private String rule;
    private String where = "";
    private String justification;
    private LocalDate expires;
    private String source = "suppressions";

    private Builder() {}

    public Builder rule(String rule) {
      this.rule = rule;
      return this;
    }

    public Builder where(String where) {
      this.where = where == null ? "" : where.trim();
      return this;
    }

    public Builder justification(String justification) {
      this.justification = justification;
      return this;
    }

    public Builder expires(LocalDate expires) {
      this.expires = expires;
      return this;
    }

    public Builder source(String source) {
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    /** @throws ComplianceException when the rule or the justification is missing */
    public Suppression build() {
      if (rule == null || rule.isBlank()) {
        throw new ComplianceException("A suppression needs a rule id (or *); where: '" + where + "'.");
      }
      if (justification == null || justification.isBlank()) {
        throw new ComplianceException("The suppression of " + rule + (where.isEmpty() ? "" : " at " + where)
            + " has no justification; write why the finding is acceptable (who decided, and until when).");
      }
      rule = rule.trim();
      Objects.requireNonNull(where);
      return new Suppression(this);
    }
  }
}
