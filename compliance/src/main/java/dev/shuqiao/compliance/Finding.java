package dev.shuqiao.compliance;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One thing a rule found: which rule, how bad, a message that says how to fix it, where, and a
 * fingerprint that stays the same when unrelated lines move (suppressions, baselines and SARIF's
 * {@code partialFingerprints} key on it).
 *
 * <pre>{@code
 * Finding finding = Finding.builder()
 *     .ruleId("crypto.weak-digest").severity(Severity.ERROR)
 *     .message("MD5 is broken; use SHA-256 or SM3")
 *     .location(new Location("dev/acme/Hasher.java", 12, "dev.acme.Hasher#md5"))
 *     .fingerprintKey("MD5")
 *     .build();
 * }</pre>
 */
public final class Finding {

  private final String ruleId;
  private final Severity severity;
  private final String message;
  private final Location location;
  private final String fingerprint;

  private Finding(Builder builder) {
    this.ruleId = builder.ruleId;
    this.severity = builder.severity;
    this.message = builder.message;
    this.location = builder.location;
    this.fingerprint = fingerprint(ruleId, location, builder.fingerprintKey);
  }

  public static Builder builder() {
    return new Builder();
  }

  public String ruleId() {
    return ruleId;
  }

  public Severity severity() {
    return severity;
  }

  public String message() {
    return message;
  }

  public Location location() {
    return location;
  }

  /** Hex digest of rule id, file, symbol and the rule's key; not of the line number. */
  public String fingerprint() {
    return fingerprint;
  }

  /** A copy with another severity, as when a policy downgrades or upgrades a rule. */
  public Finding withSeverity(Severity newSeverity) {
    return new Finding(this, Objects.requireNonNull(newSeverity, "newSeverity"));
  }

  /**
   * A copy at another location with the same fingerprint, as when a build tool maps a
   * source-root-relative file to a repository-relative one.
   */
  public Finding relocated(Location newLocation) {
    return new Finding(this, severity, Objects.requireNonNull(newLocation, "newLocation"));
  }

  private Finding(Finding original, Severity severity) {
    this(original, severity, original.location);
  }

  private Finding(Finding original, Severity severity, Location location) {
    this.ruleId = original.ruleId;
    this.severity = severity;
    this.message = original.message;
    this.location = location;
    this.fingerprint = original.fingerprint;
  }

  /** {@code file:line: error [rule-id] message}. */
  @Override
  public String toString() {
    return location + ": " + severity.label() + " [" + ruleId + "] " + message;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Finding finding
        && finding.ruleId.equals(ruleId)
        && finding.severity == severity
        && finding.message.equals(message)
        && finding.location.equals(location)
        && finding.fingerprint.equals(fingerprint);
  }

  @Override
  public int hashCode() {
    return Objects.hash(ruleId, severity, message, location, fingerprint);
  }

  private static String fingerprint(String ruleId, Location location, String key) {
    String text = ruleId + '\n' + location.file() + '\n' + location.symbol() + '\n' + key;
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every JDK has SHA-256", impossible);
    }
  }

  /** Builds a {@link Finding}; every field but the fingerprint key is required. */
  public static final class Builder {
    private String ruleId;
    private Severity severity;
    private String message;
    private Location location;
    private String fingerprintKey = "";

    private Builder() {}

    public Builder ruleId(String ruleId) {
      this.ruleId = ruleId;
      return this;
    }

    public Builder severity(Severity severity) {
      this.severity = severity;
      return this;
    }

    /** What is wrong and how to fix it, in one or two sentences. */
    public Builder message(String message) {
      this.message = message;
      return this;
    }

    public Builder location(Location location) {
      this.location = location;
      return this;
    }

    /** What distinguishes this finding from others of the same rule in the same symbol. */
    public Builder fingerprintKey(String fingerprintKey) {
      this.fingerprintKey = Objects.requireNonNull(fingerprintKey, "fingerprintKey");
      return this;
    }

    public Finding build() {
      Objects.requireNonNull(ruleId, "ruleId");
      Objects.requireNonNull(severity, "severity");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(location, "location");
      return new Finding(this);
    }
  }
}
