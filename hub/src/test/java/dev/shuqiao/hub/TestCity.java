package dev.shuqiao.hub;

import dev.shuqiao.catalog.CreditCode;
import dev.shuqiao.crypto.CertificateAuthority;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.KeyAlgorithm;
import dev.shuqiao.crypto.KeyRequest;
import dev.shuqiao.crypto.TrustStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A city CA and department identities issued by it, all real Bouncy Castle keys and certificates. */
final class TestCity {

  private static final AtomicInteger SERIAL = new AtomicInteger((int) (System.nanoTime() % 90_000));

  final CertificateAuthority ca;
  final TrustStore trust;

  TestCity() {
    ca = CertificateAuthority.create(KeyAlgorithm.SM2, "柳州市大数据发展局根CA", creditCode(), Duration.ofDays(3650));
    trust = TrustStore.builder().addRoot(ca.certificate()).addCrl(ca.crl(List.of(), Duration.ofDays(2))).build();
  }

  /** A fresh, valid 统一社会信用代码 with letters in it (so it never looks like a resident id number). */
  static CreditCode creditCode() {
    return CreditCode.withCheckCharacters("11450200MB" + String.format("%06d", SERIAL.incrementAndGet() % 1_000_000));
  }

  DepartmentIdentity department(String name, KeyAlgorithm algorithm, Duration validity) {
    return department(name, algorithm, creditCode(), validity);
  }

  /** A department with a chosen code (e.g. an all-digit one). */
  DepartmentIdentity department(String name, KeyAlgorithm algorithm, CreditCode code) {
    return department(name, algorithm, code, Duration.ofDays(365));
  }

  /** A department with a chosen code and validity (e.g. a second certificate for a registered department). */
  DepartmentIdentity department(String name, KeyAlgorithm algorithm, CreditCode code, Duration validity) {
    KeyRequest request = KeyRequest.generate(algorithm, name, code);
    return request.complete(ca.issue(request.csrPem(), validity));
  }

  DepartmentIdentity department(String name, KeyAlgorithm algorithm) {
    return department(name, algorithm, Duration.ofDays(365));
  }

  static String code(DepartmentIdentity identity) {
    return identity.department().creditCode().toString();
  }
}
