package dev.shuqiao.crypto;

import dev.shuqiao.catalog.CreditCode;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** A small city PKI for tests: a root per key type, departments issued by it, a fixed clock. */
final class TestPki {

  static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  final CertificateAuthority ca;
  private final SecureRandom random;

  TestPki(KeyAlgorithm algorithm, SecureRandom random) {
    this.random = random;
    this.ca = CertificateAuthority.create(algorithm, "柳州市大数据发展局", code("11450200MB153376"), Duration.ofDays(3650),
        CLOCK, random);
  }

  TestPki(KeyAlgorithm algorithm) {
    this(algorithm, new SecureRandom());
  }

  DepartmentIdentity department(KeyAlgorithm algorithm, String name, String first16) {
    return department(algorithm, name, first16, Duration.ofDays(365));
  }

  DepartmentIdentity department(KeyAlgorithm algorithm, String name, String first16, Duration validity) {
    KeyRequest request = KeyRequest.generate(algorithm, name, code(first16), random);
    return request.complete(ca.issue(request.csrPem(), validity));
  }

  /** A trust store with this root and a current, empty CRL. */
  TrustStore trust() {
    return trust(List.of());
  }

  TrustStore trust(List<X509Certificate> revoked) {
    List<BigInteger> serials = revoked.stream().map(X509Certificate::getSerialNumber).toList();
    return TrustStore.builder().addRoot(ca.certificate()).addCrl(ca.crl(serials, Duration.ofDays(7))).build();
  }

  /** A valid credit code: {@code first16} completed by its two check characters. */
  static CreditCode code(String first16) {
    return CreditCode.withCheckCharacters(first16);
  }
}
