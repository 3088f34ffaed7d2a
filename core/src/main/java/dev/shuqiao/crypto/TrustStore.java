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
 * switched off explicitly. Paths may pass through up to three intermediate CAs added with
 * {@link Builder#addIntermediate}; each must be valid, allowed to sign certificates (keyCertSign,
 * path length) and not revoked by its own issuer's CRL.
 *
 * <pre>{@code
 * TrustStore trust = TrustStore.builder().addRoot(cityRoot).addCrl(latestCrl).build();
 * Department sender = trust.validate(certificate, Instant.now());
 * }</pre>
 */
public final class TrustStore {

  private static final Set<String> UNDERSTOOD_CRITICAL = Set.of("2.5.29.19", "2.5.29.15");

  private static final int MAX_CACHED_ISSUERS = 4096;

  private static final int MAX_INTERMEDIATES = 3;

  private final List<X509Certificate> roots;
  private final List<X509Certificate> intermediates;
  private final List<X509CRL> crls;
  /** CRLs whose signature a root verified once, at build time, with their dates read once. */
  private final Map<X509Certificate, List<VerifiedCrl>> verifiedCrls;
  /** Which root signed a certificate (by SHA-256 of its DER): a signature never changes, so verify it once. */
  private final Map<String, X509Certificate> issuerCache = new ConcurrentHashMap<>();
  private final boolean revocationRequired;

  private TrustStore(Builder builder) {
    this.roots = List.copyOf(builder.roots);
    this.intermediates = List.copyOf(builder.intermediates);
    this.crls = List.copyOf(builder.crls);
    this.revocationRequired = builder.revocationRequired;
    Map<X509Certificate, List<VerifiedCrl>> verified = new HashMap<>();
    for (X509Certificate root : concat(roots, intermediates)) {
      verified.put(root, crls.stream().filter(crl -> crl.getIssuerX500Principal().equals(root.getSubjectX500Principal())
          && crlSignedBy(crl, root)).map(VerifiedCrl::of).toList());
    }
    this.verifiedCrls = Map.copyOf(verified);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this store's roots and CRLs, e.g. to add a fresh CRL. */
  public Builder newBuilder() {
    Builder builder = new Builder().addRoots(roots).revocationRequired(revocationRequired);
    intermediates.forEach(builder::addIntermediate);
    crls.forEach(builder::addCrl);
    return builder;
  }

  /**
   * Validates a department certificate at {@code at}: the path from it through any intermediate CAs
   * of this store up to a root.
   *
   * @return the department it names
   * @throws UntrustedSenderException no path to a trusted root, a certificate on the path is not
   *     allowed its role, or a revocation status is unknown
   * @throws ExpiredSenderException a certificate on the path is outside its validity period
   * @throws RevokedSenderException an issuer's current CRL lists a certificate on the path
   */
  public Department validate(X509Certificate certificate, Instant at) {
    Objects.requireNonNull(certificate, "certificate");
    List<X509Certificate> path = path(certificate);
    for (int i = 0; i < path.size(); i++) {
      checkValidity(path.get(i), at, i == 0 ? "sender certificate" : "issuing CA");
    }
    checkEndEntity(certificate);
    for (int i = 1; i < path.size(); i++) {
      checkIssuer(path.get(i), i - 1, i == path.size() - 1);
    }
    for (int i = 0; i < path.size() - 1; i++) {
      checkRevocation(path.get(i), path.get(i + 1), at);
    }
    try {
      return Department.of(certificate);
    } catch (IllegalArgumentException e) {
      throw new UntrustedSenderException("sender certificate does not name a department and credit code");
    }
  }

  /** Leaf, intermediates, root; each certificate signed by the next. */
  private List<X509Certificate> path(X509Certificate leaf) {
    List<X509Certificate> path = new ArrayList<>(List.of(leaf));
    X509Certificate current = leaf;
    for (int depth = 0; depth <= MAX_INTERMEDIATES; depth++) {
      Optional<X509Certificate> issuer = issuer(current);
      if (issuer.isEmpty()) {
        break;
      }
      path.add(issuer.get());
      if (roots.contains(issuer.get())) {
        return path;
      }
      current = issuer.get();
    }
    throw new UntrustedSenderException("sender certificate does not chain to a trusted root");
  }

  /** A CA on the path must allow the CA certificates below it (path length) and, unless a root, keyCertSign. */
  private static void checkIssuer(X509Certificate ca, int caCertificatesBelow, boolean root) {
    boolean[] usage = ca.getKeyUsage();
    if (ca.getBasicConstraints() < caCertificatesBelow || (!root && (usage == null || !usage[5]))) {
      throw new UntrustedSenderException("a CA certificate on the path may not issue what it issued");
    }
  }

  private Optional<X509Certificate> issuer(X509Certificate certificate) {
    String key = fingerprint(certificate);
    X509Certificate cached = key == null ? null : issuerCache.get(key);
    if (cached != null) {
      return Optional.of(cached);
    }
    for (X509Certificate ca : concat(roots, intermediates)) {
      if (ca.getSubjectX500Principal().equals(certificate.getIssuerX500Principal()) && !ca.equals(certificate)
          && signedBy(certificate, ca)) {
        if (key != null) {
          if (issuerCache.size() >= MAX_CACHED_ISSUERS) {
            issuerCache.clear();
          }
          issuerCache.put(key, ca);
        }
        return Optional.of(ca);
      }
    }
    return Optional.empty();
  }

  private static List<X509Certificate> concat(List<X509Certificate> a, List<X509Certificate> b) {
    List<X509Certificate> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
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
        throw new UntrustedSenderException("no current CRL from the issuing CA; revocation status unknown");
      }
      return;
    }
    X509CRLEntry entry = crl.get().getRevokedCertificate(certificate.getSerialNumber());
    if (entry != null && !entry.getRevocationDate().toInstant().isAfter(at)) {
      throw new RevokedSenderException("sender certificate has been revoked");
    }
  }

  private Optional<X509CRL> currentCrl(X509Certificate root, Instant at) {
    VerifiedCrl best = null;
    for (VerifiedCrl crl : verifiedCrls.getOrDefault(root, List.of())) {
      if (crl.isCurrent(at) && (best == null || crl.thisUpdate().isAfter(best.thisUpdate()))) {
        best = crl;
      }
    }
    return Optional.ofNullable(best).map(VerifiedCrl::crl);
  }

  /**
   * A CRL with its update times as instants: the provider parses them from the ASN.1 on every call,
   * which cost more than the rest of a sender check.
   */
  private record VerifiedCrl(X509CRL crl, Instant thisUpdate, Instant nextUpdate) {
    static VerifiedCrl of(X509CRL crl) {
      Date next = crl.getNextUpdate();
      return new VerifiedCrl(crl, crl.getThisUpdate().toInstant(), next == null ? null : next.toInstant());
    }

    /** {@code thisUpdate <= at < nextUpdate}; a CRL without nextUpdate is never current. */
    boolean isCurrent(Instant at) {
      return !thisUpdate.isAfter(at) && nextUpdate != null && nextUpdate.isAfter(at);
    }
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
    private final List<X509Certificate> intermediates = new ArrayList<>();
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

    /**
     * Makes an intermediate CA available for building paths. It is not trusted by itself: it counts
     * only on a path that ends at a root, and its own CRL is required like a root's.
     */
    public Builder addIntermediate(X509Certificate intermediate) {
      Objects.requireNonNull(intermediate, "intermediate");
      if (intermediate.getBasicConstraints() < 0) {
        throw new IllegalArgumentException("an intermediate must be a CA certificate");
      }
      intermediates.add(intermediate);
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
