package dev.shuqiao.spring;

import dev.shuqiao.catalog.Catalog;
import dev.shuqiao.catalog.CatalogReader;
import dev.shuqiao.catalog.ValidationReport;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.Pem;
import dev.shuqiao.crypto.PseudonymKey;
import dev.shuqiao.crypto.Suite;
import dev.shuqiao.crypto.TrustStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.core.io.Resource;

/**
 * Reads what the {@code shuqiao.*} properties point at. Every failure names the property and the
 * file, never the file's content: these are keys and passwords.
 */
final class PropertyFiles {

  private PropertyFiles() {}

  /** The department identity from {@code shuqiao.identity.*}, or empty if none of it is set. */
  static Optional<DepartmentIdentity> identity(ShuqiaoProperties.Identity p) {
    boolean pkcs12 = p.getPkcs12() != null;
    boolean pem = p.getPrivateKey() != null || p.getCertificate() != null;
    if (!pkcs12 && !pem) {
      return Optional.empty();
    }
    if (pkcs12 && pem) {
      throw new IllegalStateException("shuqiao.identity: set either pkcs12 (with password) or private-key and "
          + "certificate, not both");
    }
    if (pkcs12) {
      if (p.getPassword() == null) {
        throw new IllegalStateException("shuqiao.identity.password is required with shuqiao.identity.pkcs12 "
            + "(e.g. password: ${SHUQIAO_KEYSTORE_PASSWORD})");
      }
      byte[] bytes = bytes(p.getPkcs12(), "shuqiao.identity.pkcs12");
      char[] password = p.getPassword().toCharArray();
      try {
        return Optional.of(DepartmentIdentity.fromPkcs12(bytes, password));
      } catch (RuntimeException e) {
        throw new IllegalStateException("shuqiao.identity.pkcs12 (" + p.getPkcs12().getDescription()
            + ") cannot be opened with shuqiao.identity.password: " + e.getMessage(), e);
      } finally {
        Arrays.fill(password, '\0');
        Arrays.fill(bytes, (byte) 0);
      }
    }
    if (p.getPrivateKey() == null || p.getCertificate() == null) {
      throw new IllegalStateException("shuqiao.identity: private-key and certificate are set together");
    }
    String key = text(p.getPrivateKey(), "shuqiao.identity.private-key");
    String certificate = text(p.getCertificate(), "shuqiao.identity.certificate");
    try {
      return Optional.of(DepartmentIdentity.fromPem(key, certificate));
    } catch (RuntimeException e) {
      throw new IllegalStateException("shuqiao.identity.private-key (" + p.getPrivateKey().getDescription()
          + ") and shuqiao.identity.certificate (" + p.getCertificate().getDescription()
          + ") do not make an identity: " + e.getMessage(), e);
    }
  }

  /** The city trust store from {@code shuqiao.trust.*}, or empty without roots. */
  static Optional<TrustStore> trustStore(ShuqiaoProperties.Trust p) {
    if (p.getRoots().isEmpty()) {
      if (!p.getIntermediates().isEmpty() || !p.getCrls().isEmpty()) {
        throw new IllegalStateException("shuqiao.trust.roots is required with intermediates or crls");
      }
      return Optional.empty();
    }
    TrustStore.Builder trust = TrustStore.builder()
        .addRoots(certificates(p.getRoots(), "shuqiao.trust.roots"));
    certificates(p.getIntermediates(), "shuqiao.trust.intermediates").forEach(trust::addIntermediate);
    for (int i = 0; i < p.getCrls().size(); i++) {
      String property = "shuqiao.trust.crls[" + i + "]";
      Resource crl = p.getCrls().get(i);
      try {
        trust.addCrl(Pem.crl(text(crl, property)));
      } catch (RuntimeException e) {
        throw new IllegalStateException(property + " (" + crl.getDescription() + ") is no PEM CRL: "
            + e.getMessage(), e);
      }
    }
    return Optional.of(trust.build());
  }

  /** Every certificate of the PEM files of a list property. */
  static List<X509Certificate> certificates(List<Resource> files, String property) {
    List<X509Certificate> all = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      String name = property + "[" + i + "]";
      Resource file = files.get(i);
      List<X509Certificate> found;
      try {
        found = Pem.certificates(text(file, name));
      } catch (RuntimeException e) {
        throw new IllegalStateException(name + " (" + file.getDescription() + ") is no PEM certificate: "
            + e.getMessage(), e);
      }
      if (found.isEmpty()) {
        throw new IllegalStateException(name + " (" + file.getDescription() + ") holds no certificate");
      }
      all.addAll(found);
    }
    return all;
  }

  /** The pseudonym key: the file holds it in Base64. */
  static PseudonymKey pseudonymKey(Resource file, Suite suite) {
    byte[] secret;
    try {
      secret = Base64.getDecoder().decode(text(file, "shuqiao.pseudonym-key").strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("shuqiao.pseudonym-key (" + file.getDescription() + ") is not Base64");
    }
    try {
      return PseudonymKey.fromSecret(suite, secret);
    } catch (RuntimeException e) {
      throw new IllegalStateException("shuqiao.pseudonym-key (" + file.getDescription() + "): " + e.getMessage(), e);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  /** The catalog, valid by the national guideline; its errors listed otherwise. */
  static Catalog catalog(Resource file) {
    ValidationReport report = CatalogReader.create().read(file.getDescription(), text(file, "shuqiao.provider.catalog"));
    if (report.hasErrors()) {
      throw new IllegalStateException("shuqiao.provider.catalog (" + file.getDescription() + ") is invalid:\n  "
          + report.errors().stream().map(Object::toString).collect(Collectors.joining("\n  ")));
    }
    return report.catalog().orElseThrow();
  }

  static String text(Resource file, String property) {
    return new String(bytes(file, property), StandardCharsets.UTF_8);
  }

  static byte[] bytes(Resource file, String property) {
    try (InputStream in = file.getInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(property + ": cannot read " + file.getDescription() + " ("
          + e.getClass().getSimpleName() + ")", e);
    }
  }
}
