package dev.shuqiao.crypto;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * PEM text for certificates and CRLs (the public half of the trust material).
 *
 * <pre>{@code
 * TrustStore trust = TrustStore.builder()
 *     .addRoots(Pem.certificates(Files.readString(Path.of("city-root.pem"))))
 *     .addCrl(Pem.crl(Files.readString(Path.of("city-root.crl.pem"))))
 *     .build();
 * }</pre>
 */
public final class Pem {

  private Pem() {}

  /** One {@code CERTIFICATE} block. */
  public static String encode(X509Certificate certificate) {
    return write(certificate);
  }

  /** One {@code X509 CRL} block. */
  public static String encode(X509CRL crl) {
    return write(crl);
  }

  /**
   * Every {@code CERTIFICATE} block in {@code pem}, in order.
   *
   * @throws IllegalArgumentException if there is none, or a block is not a certificate
   */
  public static List<X509Certificate> certificates(String pem) {
    List<X509Certificate> out = new ArrayList<>();
    for (Object object : objects(pem)) {
      if (!(object instanceof X509CertificateHolder holder)) {
        throw new IllegalArgumentException("PEM holds something other than a certificate");
      }
      out.add(certificate(encoded(holder)));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no certificate in PEM text");
    }
    return List.copyOf(out);
  }

  /** The single certificate in {@code pem}. */
  public static X509Certificate certificate(String pem) {
    List<X509Certificate> all = certificates(pem);
    if (all.size() != 1) {
      throw new IllegalArgumentException("expected one certificate, found " + all.size());
    }
    return all.get(0);
  }

  /** The single {@code X509 CRL} block in {@code pem}. */
  public static X509CRL crl(String pem) {
    List<Object> objects = objects(pem);
    if (objects.size() != 1 || !(objects.get(0) instanceof X509CRLHolder holder)) {
      throw new IllegalArgumentException("expected one X509 CRL block");
    }
    try {
      return (X509CRL) factory().generateCRL(new ByteArrayInputStream(encoded(holder)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a CRL", e);
    }
  }

  static X509Certificate certificate(byte[] der) {
    // BC's factory also accepts PEM and trailing data; insist on exactly one DER certificate.
    try {
      X509Certificate certificate = (X509Certificate) factory().generateCertificate(new ByteArrayInputStream(der));
      if (!java.util.Arrays.equals(certificate.getEncoded(), der) || certificate.getPublicKey() == null) {
        throw new IllegalArgumentException("not a single DER certificate");
      }
      return certificate;
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("not an X.509 certificate");
    }
  }

  static String encodeObject(Object object) {
    return write(object);
  }

  /**
   * PKCS#8 version 1 ({@code PrivateKeyInfo}, RFC 5208 / RFC 8410 §7), without the optional public
   * key. Bouncy Castle writes Ed25519 keys as version 2 with the public key appended, which OpenSSL 3.0,
   * Python {@code cryptography} and Node refuse; every reader accepts version 1, and the public key
   * is derived from the private one anyway. {@link #privateKey} still reads both versions.
   */
  static String encodePrivateKey(PrivateKey key) {
    try {
      PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
      PrivateKeyInfo v1 = new PrivateKeyInfo(info.getPrivateKeyAlgorithm(), info.parsePrivateKey(), info.getAttributes());
      return write(new org.bouncycastle.util.io.pem.PemObject("PRIVATE KEY", v1.getEncoded(org.bouncycastle.asn1.ASN1Encoding.DER)));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot encode private key");
    }
  }

  static PrivateKey privateKey(String pem) {
    List<Object> objects = objects(pem);
    if (objects.size() != 1 || !(objects.get(0) instanceof PrivateKeyInfo info)) {
      throw new IllegalArgumentException("expected one unencrypted PKCS#8 PRIVATE KEY block");
    }
    try {
      return new JcaPEMKeyConverter().setProvider(Providers.BC).getPrivateKey(info);
    } catch (IOException e) {
      throw new IllegalArgumentException("unreadable private key");
    }
  }

  static PKCS10CertificationRequest csr(String pem) {
    List<Object> objects = objects(pem);
    if (objects.size() != 1 || !(objects.get(0) instanceof PKCS10CertificationRequest csr)) {
      throw new IllegalArgumentException("expected one CERTIFICATE REQUEST block");
    }
    return csr;
  }

  private static List<Object> objects(String pem) {
    List<Object> out = new ArrayList<>();
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
        out.add(object);
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("malformed PEM text");
    }
    return out;
  }

  private static byte[] encoded(Object holder) {
    try {
      return holder instanceof X509CertificateHolder c ? c.getEncoded() : ((X509CRLHolder) holder).getEncoded();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String write(Object object) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  static CertificateFactory factory() {
    try {
      return CertificateFactory.getInstance("X.509", Providers.BC);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
