package dev.shuqiao.crypto;

import dev.shuqiao.catalog.CreditCode;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * A city root CA: what a city needs to start. It issues department certificates from PKCS#10
 * requests and signs CRLs. Keep its identity offline ({@link #identity()} → PKCS#12).
 *
 * <pre>{@code
 * CertificateAuthority city = CertificateAuthority.create(KeyAlgorithm.SM2, "柳州市大数据发展局", code, Duration.ofDays(3650));
 * X509Certificate cert = city.issue(request.csrPem(), Duration.ofDays(365));
 * X509CRL crl = city.crl(List.of(revokedSerial), Duration.ofDays(7));
 * }</pre>
 */
public final class CertificateAuthority {

  private static final Duration MAX_VALIDITY = Duration.ofDays(20 * 366);

  private final DepartmentIdentity identity;
  private final Clock clock;
  private final SecureRandom random;

  private CertificateAuthority(DepartmentIdentity identity, Clock clock, SecureRandom random) {
    if (identity.certificate().getBasicConstraints() < 0) {
      throw new IllegalArgumentException("identity is not a CA certificate");
    }
    this.identity = identity;
    this.clock = clock;
    this.random = random;
  }

  /** A new self-signed root with a fresh key pair of {@code algorithm}. */
  public static CertificateAuthority create(KeyAlgorithm algorithm, String name, CreditCode code, Duration validity) {
    return create(algorithm, name, code, validity, Clock.systemUTC(), new SecureRandom());
  }

  static CertificateAuthority create(KeyAlgorithm algorithm, String name, CreditCode code, Duration validity,
      Clock clock, SecureRandom random) {
    checkValidity(validity);
    java.security.KeyPair pair = KeyPairs.generate(algorithm, random);
    X500Name subject = Department.subject(name, code);
    Instant now = clock.instant();
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(random), Date.from(now),
          Date.from(now.plus(validity)), subject, pair.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
          .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
      X509Certificate certificate = Certificates.toJca(builder.build(Certificates.signer(algorithm, pair.getPrivate(), random)));
      return new CertificateAuthority(DepartmentIdentity.of(pair.getPrivate(), certificate), clock, random);
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot create CA certificate", e);
    }
  }

  /** A CA from its saved identity (e.g. {@link DepartmentIdentity#fromPkcs12}). */
  public static CertificateAuthority of(DepartmentIdentity identity) {
    return new CertificateAuthority(identity, Clock.systemUTC(), new SecureRandom());
  }

  /**
   * Issues a department certificate for a PKCS#10 request after checking its signature (proof of
   * possession) and that its subject names the department with a valid credit code.
   *
   * @throws IllegalArgumentException for a malformed, unsigned or badly named request
   */
  public X509Certificate issue(String csrPem, Duration validity) {
    checkValidity(validity);
    JcaPKCS10CertificationRequest csr = verified(Pem.csr(csrPem));
    try {
      PublicKey key = csr.getPublicKey();
      KeyAlgorithm.of(key);
      Instant now = clock.instant();
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName(), serial(random), Date.from(now),
          Date.from(now.plus(validity)), csr.getSubject(), key)
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true,
              new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment | KeyUsage.keyAgreement))
          .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key))
          .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate()));
      return Certificates.toJca(builder.build(Certificates.signer(identity.keyAlgorithm(), identity.privateKey(), random)));
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new IllegalArgumentException("cannot issue a certificate for this request");
    }
  }

  private static JcaPKCS10CertificationRequest verified(PKCS10CertificationRequest request) {
    JcaPKCS10CertificationRequest csr = new JcaPKCS10CertificationRequest(request).setProvider(Providers.BC);
    try {
      if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(Providers.BC).build(csr.getPublicKey()))) {
        throw new IllegalArgumentException("request signature does not verify");
      }
    } catch (GeneralSecurityException | OperatorCreationException | PKCSException e) {
      throw new IllegalArgumentException("request signature cannot be checked");
    }
    Department.subject(single(csr, org.bouncycastle.asn1.x500.style.BCStyle.CN),
        CreditCode.parse(single(csr, org.bouncycastle.asn1.x500.style.BCStyle.ORGANIZATION_IDENTIFIER)));
    return csr;
  }

  private static String single(JcaPKCS10CertificationRequest csr, org.bouncycastle.asn1.ASN1ObjectIdentifier type) {
    org.bouncycastle.asn1.x500.RDN[] rdns = csr.getSubject().getRDNs(type);
    if (rdns.length != 1 || !(rdns[0].getFirst().getValue() instanceof org.bouncycastle.asn1.ASN1String value)) {
      throw new IllegalArgumentException("request subject must name the department (CN) and its credit code");
    }
    return value.getString();
  }

  /** A CRL listing {@code revokedSerials}, valid from now for {@code validFor}. */
  public X509CRL crl(Collection<BigInteger> revokedSerials, Duration validFor) {
    Objects.requireNonNull(revokedSerials, "revokedSerials");
    checkValidity(validFor);
    Instant now = clock.instant();
    try {
      X509v2CRLBuilder builder = new X509v2CRLBuilder(issuerName(), Date.from(now))
          .setNextUpdate(Date.from(now.plus(validFor)))
          .addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(now.toEpochMilli())))
          .addExtension(Extension.authorityKeyIdentifier, false,
              new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate()));
      for (BigInteger serial : revokedSerials) {
        builder.addCRLEntry(serial, Date.from(now), CRLReason.unspecified);
      }
      return Certificates.toJca(builder.build(Certificates.signer(identity.keyAlgorithm(), identity.privateKey(), random)));
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot sign CRL", e);
    }
  }

  /** The root certificate, to distribute to every department's {@link TrustStore}. */
  public X509Certificate certificate() {
    return identity.certificate();
  }

  /** The CA's own key and certificate, to save offline. */
  public DepartmentIdentity identity() {
    return identity;
  }

  private X500Name issuerName() {
    return X500Name.getInstance(certificate().getSubjectX500Principal().getEncoded());
  }

  private static BigInteger serial(SecureRandom random) {
    return new BigInteger(127, random).add(BigInteger.ONE);
  }

  private static void checkValidity(Duration validity) {
    if (validity.isNegative() || validity.isZero() || validity.compareTo(MAX_VALIDITY) > 0) {
      throw new IllegalArgumentException("validity must be positive and at most 20 years");
    }
  }
}
