package dev.shuqiao.crypto;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The city root CAs a department trusts, and their CRLs. A sender certificate is accepted only if a
 * root signed it, both are within their validity period, it is an end-entity certificate allowed to
 * sign, and the issuer's current CRL (signed by the root, {@code thisUpdate <= now < nextUpdate})
 * does not list it. Without a current CRL the sender is refused unless revocation checks were
 * switched off explicitly. Department certificates are issued directly by a root; intermediate CAs
 * are not supported yet.
 *
 * <pre>{@code
 * TrustStore trust = TrustStore.builder().addRoot(cityRoot).addCrl(latestCrl).build();
 * Department sender = trust.validate(certificate, Instant.now());
 * }</pre>
 */
public final class TrustStore {

  private static final Set<String> UNDERSTOOD_CRITICAL = Set.of("2.5.29.19", "2.5.29.15");

  private static final int MAX_CACHED_ISSUERS = 4096;

  private final List<X509Certificate> roots;
  private final List<X509CRL> crls;
  /** CRLs whose signature a root verified once, at build time. */
  private final Map<X509Certificate, List<X509CRL>> verifiedCrls;
  /** Which root signed a certificate (by SHA-256 of its DER): a signature never changes, so verify it once. */
  private final Map<String, X509Certificate> issuerCache = new ConcurrentHashMap<>();
  private final boolean revocationRequired;

  private TrustStore(Builder builder) {
    this.roots = List.copyOf(builder.roots);
    this.crls = List.copyOf(builder.crls);
    this.revocationRequired = builder.revocationRequired;
    Map<X509Certificate, List<X509CRL>> verified = new HashMap<>();
    for (X509Certificate root : roots) {
      verified.put(root, crls.stream().filter(crl -> crl.getIssuerX500Principal().equals(root.getSubjectX500Principal())
          && crlSignedBy(crl, root)).toList());
    }
    this.verifiedCrls = Map.copyOf(verified);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this store's roots and CRLs, e.g. to add a fresh CRL. */
  public Builder newBuilder() {
    Builder builder = new Builder().addRoots(roots).revocationRequired(revocationRequired);
    crls.forEach(builder::addCrl);
    return builder;
  }

  /**
   * Validates a department certificate at {@code at}.
   *
   * @return the department it names
   * @throws UntrustedSenderException no trusted root issued it, it is not an end-entity signing
   *     certificate, or its revocation status is unknown
   * @throws ExpiredSenderException it or its root is outside the validity period
   * @throws RevokedSenderException the root's current CRL lists it
   */
  public Department validate(X509Certificate certificate, Instant at) {
    Objects.requireNonNull(certificate, "certificate");
    X509Certificate root = issuer(certificate).orElseThrow(
        () -> new UntrustedSenderException("sender certificate is not issued by a trusted root"));
    checkValidity(root, at, "issuing root");
    checkValidity(certificate, at, "sender certificate");
    checkEndEntity(certificate);
    checkRevocation(certificate, root, at);
    try {
      return Department.of(certificate);
    } catch (IllegalArgumentException e) {
      throw new UntrustedSenderException("sender certificate does not name a department and credit code");
    }
  }

  private Optional<X509Certificate> issuer(X509Certificate certificate) {
    String key = fingerprint(certificate);
    X509Certificate cached = key == null ? null : issuerCache.get(key);
    if (cached != null) {
      return Optional.of(cached);
    }
    for (X509Certificate root : roots) {
      if (root.getSubjectX500Principal().equals(certificate.getIssuerX500Principal()) && signedBy(certificate, root)) {
        if (key != null) {
          if (issuerCache.size() >= MAX_CACHED_ISSUERS) {
            issuerCache.clear();
          }
          issuerCache.put(key, root);
        }
        return Optional.of(root);
      }
    }
    return Optional.empty();
  }

  private static String fingerprint(X509Certificate certificate) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (GeneralSecurityException e) {
      return null;
    }
  }

  private static boolean signedBy(X509Certificate certificate, X509Certificate root) {
    try {
      certificate.verify(root.getPublicKey(), Providers.BC);
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private static void checkValidity(X509Certificate certificate, Instant at, String what) {
    try {
      certificate.checkValidity(Date.from(at));
    } catch (CertificateExpiredException e) {
      throw new ExpiredSenderException(what + " has expired");
    } catch (CertificateNotYetValidException e) {
      throw new ExpiredSenderException(what + " is not yet valid");
    }
  }

  private static void checkEndEntity(X509Certificate certificate) {
    boolean[] usage = certificate.getKeyUsage();
    Set<String> critical = certificate.getCriticalExtensionOIDs();
    if (certificate.getBasicConstraints() >= 0 || usage == null || !usage[0]
        || (critical != null && !UNDERSTOOD_CRITICAL.containsAll(critical))) {
      throw new UntrustedSenderException("sender certificate is not an end-entity signing certificate");
    }
  }

  private void checkRevocation(X509Certificate certificate, X509Certificate root, Instant at) {
    Optional<X509CRL> crl = currentCrl(root, at);
    if (crl.isEmpty()) {
      if (revocationRequired) {
        throw new UntrustedSenderException("no current CRL from the issuing root; revocation status unknown");
      }
      return;
    }
    X509CRLEntry entry = crl.get().getRevokedCertificate(certificate.getSerialNumber());
    if (entry != null && !entry.getRevocationDate().toInstant().isAfter(at)) {
      throw new RevokedSenderException("sender certificate has been revoked");
    }
  }

  private Optional<X509CRL> currentCrl(X509Certificate root, Instant at) {
    X509CRL best = null;
    for (X509CRL crl : verifiedCrls.getOrDefault(root, List.of())) {
      boolean current = !crl.getThisUpdate().toInstant().isAfter(at)
          && crl.getNextUpdate() != null && crl.getNextUpdate().toInstant().isAfter(at);
      if (current && (best == null || crl.getThisUpdate().after(best.getThisUpdate()))) {
        best = crl;
      }
    }
    return Optional.ofNullable(best);
  }

  private static boolean crlSignedBy(X509CRL crl, X509Certificate root) {
    try {
      crl.verify(root.getPublicKey(), Providers.BC);
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /** Builds a {@link TrustStore}; at least one root is required. */
  public static final class Builder {
    private final List<X509Certificate> roots = new ArrayList<>();
    private final List<X509CRL> crls = new ArrayList<>();
    private boolean revocationRequired = true;

    private Builder() {}

    /** Trusts a city root CA certificate (self-signed, a CA). */
    public Builder addRoot(X509Certificate root) {
      Objects.requireNonNull(root, "root");
      if (root.getBasicConstraints() < 0 || !signedBy(root, root)) {
        throw new IllegalArgumentException("a root must be a self-signed CA certificate");
      }
      roots.add(root);
      return this;
    }

    public Builder addRoots(Collection<X509Certificate> roots) {
      roots.forEach(this::addRoot);
      return this;
    }

    /** Adds a CRL; it counts only if a root signed it and it is current at validation time. */
    public Builder addCrl(X509CRL crl) {
      crls.add(Objects.requireNonNull(crl, "crl"));
      return this;
    }

    /** Default true: refuse senders whose root has no current CRL here. Turn off only for tests or closed networks. */
    public Builder revocationRequired(boolean required) {
      this.revocationRequired = required;
      return this;
    }

    public TrustStore build() {
      if (roots.isEmpty()) {
        throw new IllegalStateException("a trust store needs at least one root");
      }
      return new TrustStore(this);
    }
  }
}
