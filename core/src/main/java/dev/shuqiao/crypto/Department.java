package dev.shuqiao.crypto;

import dev.shuqiao.catalog.CreditCode;
import java.security.cert.X509Certificate;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * A department as its certificate names it: the common name and the 统一社会信用代码, carried in the
 * subject's {@code organizationIdentifier} attribute (OID 2.5.4.97).
 *
 * <pre>{@code
 * Department sender = opened.sender();
 * log.info("from {} ({})", sender.name(), sender.creditCode());
 * }</pre>
 */
public record Department(String name, CreditCode creditCode, X509Certificate certificate) {

  public Department {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(creditCode, "creditCode");
    Objects.requireNonNull(certificate, "certificate");
  }

  /**
   * Reads the department from a certificate's subject.
   *
   * @throws IllegalArgumentException if the subject lacks a common name or a valid credit code
   */
  public static Department of(X509Certificate certificate) {
    X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    String name = single(subject, BCStyle.CN, "common name (CN)");
    String code = single(subject, BCStyle.ORGANIZATION_IDENTIFIER, "organizationIdentifier (credit code)");
    return new Department(name, CreditCode.parse(code), certificate);
  }

  /** The key type of the certificate, hence the suite this department seals with. */
  public KeyAlgorithm keyAlgorithm() {
    return KeyAlgorithm.of(certificate.getPublicKey());
  }

  /**
   * Checks a signature made by {@link DepartmentIdentity#sign(byte[])} with this department's
   * certificate key. Whether the certificate itself is trusted is {@link TrustStore#validate}'s
   * question: verify against a department that store returned.
   *
   * @throws InvalidSignatureException if {@code signature} is malformed or does not match {@code data}
   */
  public void verify(byte[] signature, byte[] data) {
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(data, "data");
    KeyAlgorithm algorithm;
    try {
      algorithm = keyAlgorithm();
    } catch (IllegalArgumentException e) {
      // A certificate with another key type (e.g. RSA) can name a department but never verifies.
      throw new InvalidSignatureException("the certificate of " + this + " has a key type Shuqiao does not accept");
    }
    if (!Signatures.verify(algorithm, certificate.getPublicKey(), signature, data)) {
      throw new InvalidSignatureException("signature does not verify with the certificate of " + this);
    }
  }

  static X500Name subject(String name, CreditCode code) {
    if (name.isBlank()) {
      throw new IllegalArgumentException("department name must not be blank");
    }
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.CN, name)
        .addRDN(BCStyle.ORGANIZATION_IDENTIFIER, code.toString())
        .build();
  }

  private static String single(X500Name subject, ASN1ObjectIdentifier type, String what) {
    RDN[] rdns = subject.getRDNs(type);
    if (rdns.length != 1 || rdns[0].isMultiValued() || !(rdns[0].getFirst().getValue() instanceof ASN1String value)) {
      throw new IllegalArgumentException("certificate subject must carry exactly one " + what);
    }
    return value.getString();
  }

  @Override
  public String toString() {
    return name + " (" + creditCode + ")";
  }
}
