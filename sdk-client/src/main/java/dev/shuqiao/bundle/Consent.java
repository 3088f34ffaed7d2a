package dev.shuqiao.bundle;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The applicant's consent, given once for a case: which resources and items may be obtained on their
 * behalf, until when, and the reference of the signed consent (e.g. the service center's form
 * number). The runner refuses a case whose consent does not cover every step, before anything is
 * sent.
 *
 * <pre>{@code
 * Consent consent = Consent.builder()
 *     .reference("CONSENT-450200-2026-000017")
 *     .grantedAt(Instant.now())
 *     .expiresAt(Instant.now().plus(Duration.ofDays(30)))
 *     .allowAll(birth.consentScope())          // what the applicant was shown and signed
 *     .build();
 * }</pre>
 */
public final class Consent {

  private final String reference;
  private final Instant grantedAt;
  private final Instant expiresAt;
  private final Map<String, Set<String>> scope;

  private Consent(Builder b) {
    this.reference = b.reference;
    this.grantedAt = b.grantedAt;
    this.expiresAt = b.expiresAt;
    Map<String, Set<String>> copy = new LinkedHashMap<>();
    b.scope.forEach((code, items) -> copy.put(code, Set.copyOf(items)));
    this.scope = Map.copyOf(copy);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The reference of the signed consent; journaled with the case, never sent to the hub. */
  public String reference() {
    return reference;
  }

  public Instant grantedAt() {
    return grantedAt;
  }

  public Optional<Instant> expiresAt() {
    return Optional.ofNullable(expiresAt);
  }

  /** Resource code → the items consented to. */
  public Map<String, Set<String>> scope() {
    return scope;
  }

  /** Whether every item of {@code items} of {@code resourceCode} is consented to. */
  public boolean covers(String resourceCode, Collection<String> items) {
    Set<String> granted = scope.get(resourceCode);
    return granted != null && granted.containsAll(items);
  }

  @Override
  public String toString() {
    return "Consent[" + reference + ", " + scope.size() + " resources, until " + expiresAt + "]";
  }

  /** Builds a {@link Consent}; reference, grant time and at least one resource are required. */
  public static final class Builder {
    private String reference;
    private Instant grantedAt;
    private Instant expiresAt;
    private final Map<String, Set<String>> scope = new LinkedHashMap<>();

    private Builder() {}

    public Builder reference(String reference) {
      this.reference = Objects.requireNonNull(reference, "reference");
      return this;
    }

    public Builder grantedAt(Instant grantedAt) {
      this.grantedAt = Objects.requireNonNull(grantedAt, "grantedAt");
      return this;
    }

    public Builder expiresAt(Instant expiresAt) {
      this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
      return this;
    }

    /** Consents to {@code items} of {@code resourceCode} (adding to what was allowed before). */
    public Builder allow(String resourceCode, Collection<String> items) {
      Objects.requireNonNull(resourceCode, "resourceCode");
      Objects.requireNonNull(items, "items").forEach(i -> Objects.requireNonNull(i, "item"));
      scope.computeIfAbsent(resourceCode, k -> new LinkedHashSet<>()).addAll(items);
      return this;
    }

    /** Consents to a whole scope, such as {@link BundleDefinition#consentScope()}. */
    public Builder allowAll(Map<String, ? extends Collection<String>> scope) {
      Objects.requireNonNull(scope, "scope").forEach(this::allow);
      return this;
    }

    /** @throws IllegalArgumentException if the reference is blank, the grant time unset or the scope empty */
    public Consent build() {
      if (reference == null || reference.isBlank() || reference.length() > 256) {
        throw new IllegalArgumentException("consent reference: 1 to 256 characters required");
      }
      if (grantedAt == null) {
        throw new IllegalArgumentException("consent grantedAt: required");
      }
      if (expiresAt != null && !expiresAt.isAfter(grantedAt)) {
        throw new IllegalArgumentException("consent expiresAt: must be after grantedAt");
      }
      if (scope.isEmpty()) {
        throw new IllegalArgumentException("consent scope: at least one resource required");
      }
      return new Consent(this);
    }
  }
}
