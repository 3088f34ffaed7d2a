package dev.shuqiao.hub;

import dev.shuqiao.audit.AuditLog;
import dev.shuqiao.audit.HmacSubjectPseudonymizer;
import dev.shuqiao.catalog.Catalog;
import dev.shuqiao.catalog.CatalogReader;
import dev.shuqiao.catalog.ValidationReport;
import dev.shuqiao.client.RetryOptions;
import dev.shuqiao.client.ShuqiaoClient;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.KeyAlgorithm;
import dev.shuqiao.crypto.PseudonymKey;
import dev.shuqiao.crypto.TrustStore;
import dev.shuqiao.provider.ExchangeProvider;
import dev.shuqiao.provider.ProviderConnection;
import dev.shuqiao.provider.ProviderServlet;
import dev.shuqiao.provider.QueryRefusedException;
import dev.shuqiao.provider.ResourceHandler;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * One departmental application of the end-to-end tests: its own identity from the city CA, its own
 * audit log, an embedded provider ({@link ExchangeProvider}) serving its resources from an
 * in-memory table, on Jetty (push mode, optionally behind a {@link CapturingProxy}) or connected out
 * to the hub (pull mode, {@link ProviderConnection}), and a {@link ShuqiaoClient} through which it
 * consumes other departments' resources (and, in pull mode, polls).
 */
final class DepartmentApp implements AutoCloseable {

  enum Mode { PUSH, PULL }

  /** A resource this department provides: the descriptor and the records it holds, keyed by the first item. */
  record Served(String code, String descriptor, String keyItem, Map<String, Map<String, Object>> records) {}

  final String name;
  final DepartmentIdentity identity;
  final String code;
  final Mode mode;
  final Path auditDirectory;
  final AuditLog audit;
  final PseudonymKey pseudonymKey;
  final AtomicInteger handlerRuns = new AtomicInteger();
  /** Handlers that reached the gate (running or waiting). */
  final AtomicInteger handlerEntries = new AtomicInteger();
  /** While set, every handler waits for it (a slow provider); released on close. */
  volatile CountDownLatch gate;
  private final Map<String, Served> served = new LinkedHashMap<>();
  /** Resources answered by a handler of their own (code → descriptor, handler). */
  private final Map<String, Map.Entry<String, ResourceHandler>> custom = new LinkedHashMap<>();
  private ExchangeProvider provider;
  private Server jetty;
  private ServerConnector connector;
  private CapturingProxy proxy;
  private ProviderConnection pull;
  private ShuqiaoClient client;

  DepartmentApp(TestCity city, String name, KeyAlgorithm algorithm, Mode mode, Path root) throws IOException {
    this.name = name;
    this.identity = city.department(name, algorithm);
    this.code = TestCity.code(identity);
    this.mode = mode;
    this.auditDirectory = Files.createDirectories(root.resolve(code).resolve("audit"));
    this.audit = AuditLog.builder().directory(auditDirectory).origin("audit." + code.toLowerCase() + ".example").open();
    this.pseudonymKey = PseudonymKey.generate(identity.suite());
  }

  void serve(Served resource) {
    served.put(resource.code(), resource);
  }

  /** Serves {@code code} (catalog {@code descriptor}) with {@code handler} instead of a table. */
  void serve(String code, String descriptor, ResourceHandler handler) {
    custom.put(code, Map.entry(descriptor, handler));
  }

  List<Served> served() {
    return List.copyOf(served.values());
  }

  /** Builds the provider; in push mode starts Jetty and returns the endpoint to register (the proxy's when capturing). */
  URI startProvider(TrustStore trust, X509Certificate hubExchangeCertificate, boolean capture) throws Exception {
    ExchangeProvider.Builder builder = ExchangeProvider.builder().identity(identity).trustStore(trust)
        .addHubCertificate(hubExchangeCertificate).catalog(catalog()).auditRecorder(audit).pseudonymKey(pseudonymKey);
    for (Served resource : served.values()) {
      builder.handler(resource.code(), query -> {
        String key = query.parameter(resource.keyItem())
            .orElseThrow(() -> new QueryRefusedException(resource.keyItem() + " is required"));
        handlerEntries.incrementAndGet();
        await(gate);
        handlerRuns.incrementAndGet();
        Map<String, Object> record = resource.records().get(key);
        return record == null ? List.of() : List.of(record);
      });
    }
    custom.forEach((code, served) -> builder.handler(code, served.getValue()));
    provider = builder.build();
    if (mode == Mode.PULL) {
      return URI.create("http://127.0.0.1:9/unreachable"); // never called: the hub uses the held polls
    }
    startJetty();
    URI direct = jettyUri();
    if (capture) {
      proxy = new CapturingProxy(direct);
      return proxy.uri().resolve("/shuqiao/exchange");
    }
    return direct;
  }

  private void startJetty() throws Exception {
    QueuedThreadPool threads = new QueuedThreadPool(96, 4);
    threads.setName("provider-" + code);
    jetty = new Server(threads);
    connector = new ServerConnector(jetty);
    connector.setPort(0);
    connector.setHost("localhost");
    // As a deployment would: the JVM's default backlog of 50 drops connects when the hub opens many at once.
    connector.setAcceptQueueSize(1024);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(new ProviderServlet(provider)), "/shuqiao/exchange");
    jetty.setHandler(context);
    jetty.start();
  }

  private URI jettyUri() {
    return URI.create("http://localhost:" + connector.getLocalPort() + "/shuqiao/exchange");
  }

  /** Stops the provider's web server: the hub's relays now find nobody (push mode). */
  void stopProvider() throws Exception {
    jetty.stop();
  }

  /** Starts it again on a new port, behind the same proxy. */
  void restartProvider() throws Exception {
    startJetty();
    proxy.target(jettyUri());
  }

  /** Pull mode: connects out to the hub with the SDK's {@link ProviderConnection}, signing as this department. */
  void connect() {
    if (mode == Mode.PULL) {
      pull = ProviderConnection.builder(provider, client).workers(4).pollWait(Duration.ofSeconds(5)).start();
    }
  }

  CapturingProxy proxy() {
    return proxy;
  }

  ShuqiaoClient client(URI hub, TrustStore trust, X509Certificate hubExchangeCertificate) {
    client = ShuqiaoClient.builder().endpoint(hub.toString()).credential(identity).trustStore(trust)
        .addHubExchangeCertificate(hubExchangeCertificate).auditRecorder(audit)
        .subjectPseudonymizer(HmacSubjectPseudonymizer.of(pseudonymKey, HmacSubjectPseudonymizer.DEFAULT_KIND))
        .systemName(name + "业务系统").retryOptions(new RetryOptions(10, Duration.ofMillis(100), Duration.ofSeconds(2)))
        .callTimeout(Duration.ofSeconds(60)).build();
    return client;
  }

  ShuqiaoClient client() {
    return client;
  }

  private Catalog catalog() {
    String descriptor = descriptor();
    ValidationReport report = CatalogReader.create().read(code + "-catalog.yaml", descriptor);
    if (report.hasErrors()) {
      throw new IllegalStateException(report.errors().toString());
    }
    return report.catalog().orElseThrow();
  }

  String descriptor() {
    List<String> all = new java.util.ArrayList<>(served.values().stream().map(Served::descriptor).toList());
    custom.values().forEach(c -> all.add(c.getKey()));
    return ExchangeWorld.catalog(all);
  }

  private static void await(CountDownLatch gate) {
    if (gate == null) {
      return;
    }
    try {
      gate.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws Exception {
    CountDownLatch open = gate;
    if (open != null) {
      open.countDown();
    }
    if (pull != null) {
      pull.close();
    }
    if (proxy != null) {
      proxy.close();
    }
    if (jetty != null) {
      jetty.stop();
    }
    audit.close();
  }

  static Map<String, Map<String, Object>> table(String keyItem, List<Map<String, Object>> records) {
    Map<String, Map<String, Object>> out = new ConcurrentHashMap<>();
    records.forEach(r -> out.put((String) r.get(keyItem), r));
    return out;
  }
}
