package dev.shuqiao.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shuqiao.audit.Actor;
import dev.shuqiao.audit.AuditAction;
import dev.shuqiao.audit.AuditEvent;
import dev.shuqiao.audit.AuditLog;
import dev.shuqiao.audit.AuditOutcome;
import dev.shuqiao.audit.HmacSubjectPseudonymizer;
import dev.shuqiao.catalog.Catalog;
import dev.shuqiao.catalog.CatalogReader;
import dev.shuqiao.catalog.CreditCode;
import dev.shuqiao.catalog.ValidationReport;
import dev.shuqiao.client.ExchangeRequest;
import dev.shuqiao.client.ExchangeResponse;
import dev.shuqiao.client.ShuqiaoClient;
import dev.shuqiao.client.model.CreateDepartmentOptions;
import dev.shuqiao.crypto.CertificateAuthority;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.EnvelopeContent;
import dev.shuqiao.crypto.EnvelopeOpener;
import dev.shuqiao.crypto.EnvelopeSealer;
import dev.shuqiao.crypto.KeyAlgorithm;
import dev.shuqiao.crypto.KeyRequest;
import dev.shuqiao.crypto.OpenedEnvelope;
import dev.shuqiao.crypto.Pem;
import dev.shuqiao.crypto.PseudonymKey;
import dev.shuqiao.crypto.ReplayGuard;
import dev.shuqiao.crypto.TrustStore;
import dev.shuqiao.hub.HubServer;
import dev.shuqiao.provider.ExchangeProvider;
import dev.shuqiao.provider.ProviderServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * One hub and two departments on loopback, through the public API only, for {@link ExchangeBenchmark}
 * and {@link ExchangeLoadReport}: the health commission provides a resource whose record is about
 * 1 KiB of JSON; public security consumes it, either through the hub ({@link #throughHub}: the
 * exchange channel of docs/exchange.md) or directly ({@link #direct}: the same sealed query to the
 * provider's web server, opened, answered by the same handler, sealed back and opened — no hub, no
 * ticket). Both paths audit on the consumer and the provider the same way, so the difference between
 * them is what the hub adds: checks, ticket, relay and its own audit.
 */
final class ExchangeCity implements AutoCloseable {

  static final String RESOURCE = "1 01 003/000001";
  static final List<String> ITEMS = List.of("出生医学证明编号", "新生儿姓名", "新生儿性别", "出生日期时间", "出生体重", "出生地点",
      "母亲姓名", "签发机构");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType BINARY = MediaType.get("application/octet-stream");
  private static final String QUERY_TYPE = "application/vnd.shuqiao.query+json";
  private static final String RESULT_TYPE = "application/vnd.shuqiao.result+json";

  private final Path root;
  private final HubServer hub;
  private final Server provider;
  private final AuditLog consumerLog;
  private final AuditLog providerLog;
  private final ShuqiaoClient consumer;
  private final OkHttpClient http;
  private final String directUrl;
  private final DepartmentIdentity police;
  private final DepartmentIdentity health;
  private final EnvelopeSealer consumerSealer;
  private final EnvelopeOpener consumerOpener;

  ExchangeCity(KeyAlgorithm algorithm) throws Exception {
    // Jetty, Hikari and OkHttp log at DEBUG without a configuration; a benchmark wants none of it.
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .setLevel(ch.qos.logback.classic.Level.WARN);
    root = Files.createTempDirectory("shuqiao-exchange-bench");
    CertificateAuthority ca = CertificateAuthority.create(algorithm, "柳州市大数据发展局",
        CreditCode.parse("11450200MB15337658"), Duration.ofDays(365));
    TrustStore trust = TrustStore.builder().addRoot(ca.certificate()).addCrl(ca.crl(List.of(), Duration.ofDays(1))).build();
    DepartmentIdentity admin = department(ca, algorithm, "柳州市大数据发展局（管理）", "11450200B15337685Y");
    DepartmentIdentity exchange = department(ca, algorithm, "柳州市大数据发展局（交换）", "11450200B15337693R");
    health = department(ca, algorithm, "柳州市卫生健康委员会", "11450200B153376699");
    police = department(ca, algorithm, "柳州市公安局", "11450200B153376774");

    hub = HubServer.builder().port(0).host("127.0.0.1").dataDirectory(root.resolve("hub")).trustStore(trust)
        .addAdmin(admin.certificate()).exchangeIdentity(exchange).exchangeRateLimit(1_000_000, 1_000_000)
        .allowInsecureEndpoints(true) // the measured provider listens on http://127.0.0.1
        .build().start();

    consumerLog = AuditLog.builder().directory(root.resolve("police-audit")).origin("audit.police.example").open();
    providerLog = AuditLog.builder().directory(root.resolve("health-audit")).origin("audit.health.example").open();
    ExchangeProvider exchangeProvider = ExchangeProvider.builder().identity(health).trustStore(trust)
        .addHubCertificate(exchange.certificate()).catalog(catalog(health)).auditRecorder(providerLog)
        .pseudonymKey(PseudonymKey.generate(health.suite()))
        .handler(RESOURCE, query -> List.of(record(query.parameter("出生医学证明编号").orElseThrow())))
        .build();
    provider = new Server();
    ServerConnector connector = new ServerConnector(provider);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    provider.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(new ProviderServlet(exchangeProvider)), "/shuqiao/exchange");
    context.addServlet(new ServletHolder(new DirectServlet(health, trust, providerLog)), "/direct");
    provider.setHandler(context);
    provider.start();
    String base = "http://127.0.0.1:" + connector.getLocalPort();
    directUrl = base + "/direct";

    ShuqiaoClient adminClient = ShuqiaoClient.builder().endpoint(hub.uri().toString()).credential(admin).build();
    adminClient.createDepartment(new CreateDepartmentOptions(health.department().creditCode().toString(),
        health.department().name(), Pem.encode(health.certificate()), base + "/shuqiao/exchange"));
    adminClient.createDepartment(new CreateDepartmentOptions(police.department().creditCode().toString(),
        police.department().name(), Pem.encode(police.certificate()), "https://police.example.gov.cn/shuqiao"));
    ShuqiaoClient.builder().endpoint(hub.uri().toString()).credential(health).build().createResources(descriptor(health));

    http = new OkHttpClient.Builder().dispatcher(dispatcher()).connectionPool(new ConnectionPool(64, 5,
        java.util.concurrent.TimeUnit.MINUTES)).build();
    consumer = ShuqiaoClient.builder().endpoint(hub.uri().toString()).credential(police).trustStore(trust)
        .addHubExchangeCertificate(exchange.certificate()).auditRecorder(consumerLog).systemName("户籍业务系统")
        .subjectPseudonymizer(HmacSubjectPseudonymizer.of(PseudonymKey.generate(police.suite()),
            HmacSubjectPseudonymizer.DEFAULT_KIND))
        .httpClient(http).build();
    consumerSealer = EnvelopeSealer.builder().identity(police).build();
    consumerOpener = EnvelopeOpener.builder().addIdentity(police).trustStore(trust)
        .replayGuard(ReplayGuard.builder().build()).build();
  }

  private static Dispatcher dispatcher() {
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(256);
    dispatcher.setMaxRequestsPerHost(256);
    return dispatcher;
  }

  /** One exchange through the hub; returns the number of record members received (to be consumed). */
  int throughHub(String certificateNumber) {
    ExchangeResponse response = consumer.exchange(ExchangeRequest.builder().resourceCode(RESOURCE).items(ITEMS)
        .parameter("出生医学证明编号", certificateNumber).purpose("出生一件事：户籍登记").caseId("BENCH-" + certificateNumber)
        .build());
    return response.records().get(0).size();
  }

  /** The same query sealed for the provider and posted to it directly; the sealed answer opened. */
  int direct(String certificateNumber) throws IOException {
    UUID messageId = UUID.randomUUID();
    String caseId = "BENCH-" + certificateNumber;
    audit(consumerLog, AuditAction.EXCHANGE_REQUEST, messageId, caseId);
    ObjectNode query = JSON.createObjectNode();
    query.putObject("parameters").put("出生医学证明编号", certificateNumber);
    ITEMS.forEach(query.putArray("items")::add);
    query.put("purpose", "出生一件事：户籍登记");
    byte[] sealed = consumerSealer.sealToBinary(EnvelopeContent.builder().addRecipient(health.certificate())
        .resourceCode(RESOURCE).contentType(QUERY_TYPE).caseId(caseId).payload(JSON.writeValueAsBytes(query)).build());
    Request request = new Request.Builder().url(directUrl).post(RequestBody.create(sealed, BINARY)).build();
    byte[] answer;
    try (Response response = http.newCall(request).execute()) {
      if (response.code() != 200) {
        throw new IOException("direct call answered " + response.code());
      }
      answer = response.body().bytes();
    }
    OpenedEnvelope opened = consumerOpener.open(answer);
    int members = JSON.readTree(opened.payload()).path("records").get(0).size();
    audit(consumerLog, AuditAction.EXCHANGE_DELIVER, messageId, caseId);
    return members;
  }

  private static void audit(AuditLog log, AuditAction action, UUID messageId, String caseId) {
    log.append(AuditEvent.builder().actor(Actor.of("11450200B153376774", "户籍业务系统")).action(action)
        .resourceCode(RESOURCE).caseId(caseId).messageId(messageId.toString()).outcome(AuditOutcome.SUCCESS).build());
  }

  /** About 1 KiB of JSON once serialised: the realistic fields of a birth certificate record. */
  static Map<String, Object> record(String certificateNumber) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("出生医学证明编号", certificateNumber);
    r.put("新生儿姓名", "张小明");
    r.put("新生儿性别", "男");
    r.put("出生日期时间", "2026-11-30T08:15:00+08:00");
    r.put("出生体重", 3250);
    r.put("出生地点", "广西壮族自治区柳州市城中区文惠路88号柳州市妇幼保健院产科病区三楼东侧第二产房".repeat(4));
    r.put("母亲姓名", "李秀英");
    r.put("签发机构", "柳州市妇幼保健院（广西壮族自治区柳州市城中区文惠路88号）出生医学证明签发办公室".repeat(3));
    return r;
  }

  /** The provider's side of the direct path: open, answer with the same record, seal for the sender. */
  private static final class DirectServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient EnvelopeOpener opener;
    private final transient EnvelopeSealer sealer;
    private final transient AuditLog log;

    DirectServlet(DepartmentIdentity health, TrustStore trust, AuditLog log) {
      this.opener = EnvelopeOpener.builder().addIdentity(health).trustStore(trust)
          .replayGuard(ReplayGuard.builder().build()).build();
      this.sealer = EnvelopeSealer.builder().identity(health).build();
      this.log = log;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
      OpenedEnvelope query = opener.open(request.getInputStream().readAllBytes());
      UUID messageId = query.header().messageId();
      String caseId = query.header().caseId().orElseThrow();
      audit(log, AuditAction.EXCHANGE_REQUEST, messageId, caseId);
      String number = JSON.readTree(query.payload()).path("parameters").path("出生医学证明编号").asText();
      ObjectNode result = JSON.createObjectNode();
      result.put("inReplyTo", messageId.toString());
      ITEMS.forEach(result.putArray("items")::add);
      result.putArray("records").addPOJO(record(number));
      byte[] sealed = sealer.sealToBinary(EnvelopeContent.builder().addRecipient(query.sender().certificate())
          .resourceCode(RESOURCE).contentType(RESULT_TYPE).caseId(caseId).payload(JSON.writeValueAsBytes(result)).build());
      audit(log, AuditAction.EXCHANGE_DELIVER, messageId, caseId);
      response.setContentType("application/octet-stream");
      response.getOutputStream().write(sealed);
    }
  }

  private static DepartmentIdentity department(CertificateAuthority ca, KeyAlgorithm algorithm, String name, String code) {
    KeyRequest request = KeyRequest.generate(algorithm, name, CreditCode.parse(code));
    return request.complete(ca.issue(request.csrPem(), Duration.ofDays(30)));
  }

  private static Catalog catalog(DepartmentIdentity provider) {
    ValidationReport report = CatalogReader.create().read("health.yaml", descriptor(provider));
    if (report.hasErrors()) {
      throw new IllegalStateException(report.errors().toString());
    }
    return report.catalog().orElseThrow();
  }

  private static String descriptor(DepartmentIdentity provider) {
    StringBuilder items = new StringBuilder();
    for (String item : ITEMS) {
      items.append("      - name: ").append(item).append("\n        type: ")
          .append(item.equals("出生体重") ? "N\n        length: 5\n" : item.equals("出生日期时间") ? "T\n" : "C\n        length: 400\n");
    }
    return "version: 1\ncatalog:\n  title: 出生医学证明\n  description: 基准测试目录\n  publisher: 柳州市卫生健康委员会\n"
        + "resources:\n  - code: \"" + RESOURCE + "\"\n    name: 出生医学证明信息\n"
        + "    classification:\n      view: 基础\n      code: \"1 01 003\"\n"
        + "    provider:\n      name: 柳州市卫生健康委员会\n      code: " + provider.department().creditCode() + "\n"
        + "    abstract: 出生医学证明登记信息。\n    format: 数据库\n    items:\n" + items
        + "    sharing:\n      type: 无条件共享\n      method: 接口\n    openness:\n      type: 不予开放\n"
        + "    updateCycle: 实时\n    publishedOn: 2024-03-01\n";
  }

  @Override
  public void close() throws Exception {
    provider.stop();
    hub.close();
    consumerLog.close();
    providerLog.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
