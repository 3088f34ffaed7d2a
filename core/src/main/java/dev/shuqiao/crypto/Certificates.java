package dev.shuqiao.crypto;

import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** X.509 plumbing: signature algorithm per key type and holder-to-JCA conversion on Bouncy Castle. */
final class Certificates {

  private Certificates() {}

  /** SM3withSM2 (default user id), SHA256withECDSA, or Ed25519. */
  static ContentSigner signer(KeyAlgorithm algorithm, PrivateKey key, SecureRandom random) throws OperatorCreationException {
    String name = switch (algorithm) {
      case SM2 -> "SM3WITHSM2";
      case ECDSA_P256 -> "SHA256WITHECDSA";
      case ED25519 -> "Ed25519";
    };
    return new JcaContentSignerBuilder(name).setProvider(Providers.BC).setSecureRandom(random).build(key);
  }

  static X509Certificate toJca(X509CertificateHolder holder) {
    try {
      return new JcaX509CertificateConverter().setProvider(Providers.BC).getCertificate(holder);
    } catch (CertificateException e) {
      throw new IllegalStateException("cannot convert certificate", e);
    }
  }

  static X509CRL toJca(X509CRLHolder holder) {
    try {
      return new JcaX509CRLConverter().setProvider(Providers.BC).getCRL(holder);
    } catch (java.security.cert.CRLException e) {
      throw new IllegalStateException("cannot convert CRL", e);
    }
  }
}
