package com.example.birthcert;

import dev.shuqiao.audit.AuditLog;
import dev.shuqiao.catalog.Catalog;
import dev.shuqiao.catalog.CatalogReader;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.Pem;
import dev.shuqiao.crypto.PseudonymKey;
import dev.shuqiao.crypto.TrustStore;
import dev.shuqiao.provider.ExchangeProvider;
import dev.shuqiao.provider.ProviderServlet;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The whole integration: on start-up, build the provider from the department's key, the city's
 * trust anchor, the hub's exchange certificate and the catalog the build checked, and mount
 * {@link ProviderServlet} at the endpoint registered with the hub. Key material is read from the
 * deployment's configuration directory ({@code SHUQIAO_CONFIG}), never from the war.
 */
@WebListener
public final class BirthCertificateApp implements ServletContextListener {

  private AuditLog audit;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    Path config = Path.of(System.getenv().getOrDefault("SHUQIAO_CONFIG", "/etc/birth-certificate-service"));
    DepartmentIdentity identity = DepartmentIdentity.fromPem(read(config, "department.key.pem"),
        read(config, "department.crt.pem"));
    audit = AuditLog.builder().directory(config.resolve("audit")).origin("audit.wjw.liuzhou.example").open();
    ExchangeProvider provider = ExchangeProvider.builder()
        .identity(identity)
        .trustStore(TrustStore.builder().addRoot(Pem.certificate(read(config, "city-ca.crt.pem"))).build())
        .addHubCertificate(Pem.certificate(read(config, "hub-exchange.crt.pem")))
        .catalog(catalog())
        .auditRecorder(audit)
        .pseudonymKey(PseudonymKey.fromSecret(identity.suite(), bytes(config, "pseudonym.key")))
        .handler("1 01 003/000001", query -> lookUp(query.parameter("出生医学证明编号").orElse("")))
        .build();
    event.getServletContext().addServlet("shuqiao-exchange", new ProviderServlet(provider))
        .addMapping("/shuqiao/exchange");
  }

  /** The vendor's own data access; a real system queries its database here. */
  private static List<Map<String, Object>> lookUp(String certificateNumber) {
    return List.of();
  }

  /** The catalog the build's shuqiao:catalog goal validated (src/main/shuqiao/catalog.yaml, packaged). */
  private static Catalog catalog() {
    try (InputStream in = BirthCertificateApp.class.getResourceAsStream("/shuqiao/catalog.yaml")) {
      String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return CatalogReader.create().read("shuqiao/catalog.yaml", yaml).catalog()
          .orElseThrow(() -> new IllegalStateException("shuqiao/catalog.yaml is invalid"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path dir, String name) {
    return new String(bytes(dir, name), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(Path dir, String name) {
    try {
      return Files.readAllBytes(dir.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir.resolve(name), e);
    }
  }

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    if (audit != null) {
      try {
        audit.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
