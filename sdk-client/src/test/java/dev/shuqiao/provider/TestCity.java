package dev.shuqiao.provider;

import dev.shuqiao.catalog.Catalog;
import dev.shuqiao.catalog.CatalogReader;
import dev.shuqiao.catalog.CreditCode;
import dev.shuqiao.catalog.ValidationReport;
import dev.shuqiao.crypto.CertificateAuthority;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.KeyAlgorithm;
import dev.shuqiao.crypto.KeyRequest;
import dev.shuqiao.crypto.TrustStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A city CA and department identities issued by it, all real Bouncy Castle keys and certificates
 * (after hub/src/test/java/dev/shuqiao/hub/TestCity.java), and the test catalog.
 */
final class TestCity {

  static final String BIRTH = "1 01 003/000001";
  private static final AtomicInteger SERIAL = new AtomicInteger((int) (System.nanoTime() % 90_000));

  final CertificateAuthority ca;
  final TrustStore trust;

  TestCity() {
    ca = CertificateAuthority.create(KeyAlgorithm.SM2, "柳州市大数据发展局根CA", creditCode(), Duration.ofDays(3650));
    trust = TrustStore.builder().addRoot(ca.certificate()).addCrl(ca.crl(List.of(), Duration.ofDays(2))).build();
  }

  static CreditCode creditCode() {
    return CreditCode.withCheckCharacters("11450200MB" + String.format("%06d", SERIAL.incrementAndGet() % 1_000_000));
  }

  DepartmentIdentity department(String name, KeyAlgorithm algorithm) {
    KeyRequest request = KeyRequest.generate(algorithm, name, creditCode());
    return request.complete(ca.issue(request.csrPem(), Duration.ofDays(365)));
  }

  static String code(DepartmentIdentity identity) {
    return identity.department().creditCode().toString();
  }

  static Catalog catalog() {
    try (InputStream in = TestCity.class.getResourceAsStream("/provider/birth-catalog.yaml")) {
      ValidationReport report = CatalogReader.create().read("birth-catalog.yaml",
          new String(in.readAllBytes(), StandardCharsets.UTF_8));
      if (report.hasErrors()) {
        throw new IllegalStateException(report.errors().toString());
      }
      return report.catalog().orElseThrow();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
