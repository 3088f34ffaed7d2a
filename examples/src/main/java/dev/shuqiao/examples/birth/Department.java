package dev.shuqiao.examples.birth;

import dev.shuqiao.audit.AuditLog;
import dev.shuqiao.audit.CheckpointSigner;
import dev.shuqiao.audit.HmacSubjectPseudonymizer;
import dev.shuqiao.audit.NoteKeys;
import dev.shuqiao.catalog.Catalog;
import dev.shuqiao.catalog.CatalogReader;
import dev.shuqiao.catalog.CreditCode;
import dev.shuqiao.catalog.ValidationReport;
import dev.shuqiao.client.RetryOptions;
import dev.shuqiao.client.ShuqiaoClient;
import dev.shuqiao.crypto.CertificateAuthority;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.KeyAlgorithm;
import dev.shuqiao.crypto.KeyRequest;
import dev.shuqiao.crypto.PseudonymKey;
import dev.shuqiao.crypto.TrustStore;
import dev.shuqiao.provider.ExchangeProvider;
import dev.shuqiao.provider.ProviderConnection;
import dev.shuqiao.provider.ProviderServlet;
import dev.shuqiao.provider.QueryRefusedException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * One departmental application of the demo: its own key and certificate from the demo city CA, its
 * own audit log (and checkpoint key), its own pseudonym key, a {@link ShuqiaoClient} signing as it,
 * and, for a provider, an {@link ExchangeProvider} serving its catalog's resource from its own table —
 * on its own Jetty (push) or connected out to the hub (pull, the firewalled case).
 */
final class Department implements AutoCloseable {

  enum Mode { PUSH, PULL, CONSUMER_ONLY }

  final String name;
  final String system;
  final String code;
  final DepartmentIdentity identity;
  final Mode mode;
  final Path auditDirectory;
  final AuditLog audit;
  final PseudonymKey pseudonymKey;
  final CheckpointSigner checkpointSigner;
  private final String descriptor;
  private ExchangeProvider provider;
  private Server jetty;
  private ProviderConnection pull;
  private ShuqiaoClient client;

  Department(CertificateAuthority ca, String name, String system, String creditCode, Mode mode, String descriptor,
      Path root) throws IOException, GeneralSecurityException {
    this.name = name;
    this.system = system;
    this.code = creditCode;
    this.mode = mode;
    this.descriptor = descriptor;
    KeyRequest request = KeyRequest.generate(KeyAlgorithm.SM2, name, CreditCode.parse(creditCode));
    this.identity = request.complete(ca.issue(request.csrPem(), Duration.ofDays(365)));
    this.auditDirectory = Files.createDirectories(root.resolve(creditCode).resolve("audit"));
    String origin = "audit." + creditCode.toLowerCase() + ".liuzhou.example";
    this.audit = AuditLog.builder().directory(auditDirectory).origin(origin).open();
    this.pseudonymKey = PseudonymKey.generate(identity.suite());
    this.checkpointSigner = NoteKeys.ed25519Signer(origin, KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
  }

  /** This department's own catalog descriptor (empty for the service center). */
  String descriptor() {
    return descriptor;
  }

  Catalog catalog() {
    ValidationReport report = CatalogReader.create().read(code + "-catalog.yaml", descriptor);
    if (report.hasErrors()) {
      throw new IllegalStateException(name + ": catalog invalid: " + report.errors());
    }
    return report.catalog().orElseThrow();
  }

  /**
   * Builds the provider over {@code table} (records keyed by {@code keyItem}); in push mode starts
   * Jetty on an ephemeral port and returns its endpoint, in pull mode returns a placeholder the hub
   * never calls.
   */
  URI startProvider(TrustStore trust, X509Certificate hubExchange, String resourceCode, String keyItem,
      Map<String, Map<String, Object>> table) throws Exception {
    provider = ExchangeProvider.builder().identity(identity).trustStore(trust).addHubCertificate(hubExchange)
        .catalog(catalog()).auditRecorder(audit).pseudonymKey(pseudonymKey)
        .handler(resourceCode, query -> {
          String key = query.parameter(keyItem).orElseThrow(() -> new QueryRefusedException(keyItem + " is required"));
          Map<String, Object> record = table.get(key);
          return record == null ? List.of() : List.of(record);
        })
        .build();
    if (mode == Mode.PULL) {
      return URI.create("http://127.0.0.1:9/pull-mode-no-inbound");
    }
    jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(new ProviderServlet(provider)), "/shuqiao/exchange");
    jetty.setHandler(context);
    jetty.start();
    return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/shuqiao/exchange");
  }

  ShuqiaoClient connectClient(URI hub, TrustStore trust, X509Certificate hubExchange) {
    client = ShuqiaoClient.builder().endpoint(hub.toString()).credential(identity).trustStore(trust)
        .addHubExchangeCertificate(hubExchange).auditRecorder(audit)
        .subjectPseudonymizer(HmacSubjectPseudonymizer.of(pseudonymKey, HmacSubjectPseudonymizer.DEFAULT_KIND))
        .systemName(system).retryOptions(new RetryOptions(5, Duration.ofMillis(100), Duration.ofSeconds(2)))
        .callTimeout(Duration.ofSeconds(30)).build();
    return client;
  }

  ShuqiaoClient client() {
    return client;
  }

  /** Pull mode: connects out to the hub and answers the requests it holds for this department. */
  void connectOut() {
    if (mode == Mode.PULL) {
      pull = ProviderConnection.builder(provider, client).workers(2).pollWait(Duration.ofSeconds(2)).start();
    }
  }

  /** Stops serving (the provider endpoint or the outbound connection); the audit log stays open. */
  void stopServing() throws Exception {
    if (pull != null) {
      pull.close();
      pull = null;
    }
    if (jetty != null) {
      jetty.stop();
      jetty = null;
    }
  }

  @Override
  public void close() throws Exception {
    stopServing();
    audit.close();
  }
}
