package dev.shuqiao.crypto;

import dev.shuqiao.catalog.CreditCode;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Objects;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * The first step of a department's identity: a fresh key pair and a PKCS#10 request for the city CA.
 *
 * <pre>{@code
 * KeyRequest request = KeyRequest.generate(KeyAlgorithm.SM2, "柳州市卫生健康委员会", CreditCode.parse("11450200MB15337658"));
 * X509Certificate cert = cityCa.issue(request.csrPem(), Duration.ofDays(365));
 * DepartmentIdentity health = request.complete(cert);
 * }</pre>
 */
public final class KeyRequest {

  private final KeyPair keyPair;
  private final KeyAlgorithm algorithm;
  private final PKCS10CertificationRequest csr;

  private KeyRequest(KeyPair keyPair, KeyAlgorithm algorithm, PKCS10CertificationRequest csr) {
    this.keyPair = keyPair;
    this.algorithm = algorithm;
    this.csr = csr;
  }

  /** A new key pair of {@code algorithm} and a signed request naming the department. */
  public static KeyRequest generate(KeyAlgorithm algorithm, String departmentName, CreditCode creditCode) {
    return generate(algorithm, departmentName, creditCode, new SecureRandom());
  }

  static KeyRequest generate(KeyAlgorithm algorithm, String name, CreditCode code, SecureRandom random) {
    Objects.requireNonNull(algorithm, "algorithm");
    KeyPair pair = KeyPairs.generate(algorithm, random);
    try {
      PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(Department.subject(name, code), pair.getPublic())
          .build(Certificates.signer(algorithm, pair.getPrivate(), random));
      return new KeyRequest(pair, algorithm, csr);
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("cannot sign the request", e);
    }
  }

  /** The request as a {@code CERTIFICATE REQUEST} PEM block, for the CA. */
  public String csrPem() {
    return Pem.encodeObject(csr);
  }

  public KeyAlgorithm algorithm() {
    return algorithm;
  }

  /**
   * The identity, once the CA has issued {@code certificate} for this request.
   *
   * @throws IllegalArgumentException if the certificate is for another key
   */
  public DepartmentIdentity complete(X509Certificate certificate) {
    return DepartmentIdentity.of(keyPair.getPrivate(), certificate);
  }

  /** Secret export: the pending private key as PKCS#8 PEM, to keep it while the CA works. */
  public String exportPrivateKeyPem() {
    return Pem.encodePrivateKey(keyPair.getPrivate());
  }
}
