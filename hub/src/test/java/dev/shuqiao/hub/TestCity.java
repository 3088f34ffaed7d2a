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

  private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
  private static final AtomicInteger SERIAL = new AtomicInteger((int) (System.nanoTime() % 90_000));

  final CertificateAuthority ca;
  final TrustStore trust;

  TestCity() {
    ca = CertificateAuthority.create(KeyAlgorithm.SM2, "柳州市大数据发展局根CA", creditCode(), Duration.ofDays(3650));
    trust = TrustStore.builder().addRoot(ca.certificate()).addCrl(ca.crl(List.of(), Duration.ofDays(2))).build();
  }

  /** A fresh, valid 统一社会信用代码 with letters in it (so it never looks like a resident id number). */
  static CreditCode creditCode() {
    String body = "11450200MB" + String.format("%07d", SERIAL.incrementAndGet() % 10_000_000);
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += ALPHABET.indexOf(body.charAt(i)) * WEIGHTS[i];
    }
    return CreditCode.parse(body + ALPHABET.charAt((31 - sum % 31) % 31));
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
