package dev.shuqiao.hub;

import dev.shuqiao.audit.AuditEvent;
import dev.shuqiao.audit.HmacSubjectPseudonymizer;
import dev.shuqiao.catalog.Catalog;
import dev.shuqiao.catalog.CatalogReader;
import dev.shuqiao.catalog.ValidationReport;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.KeyAlgorithm;
import dev.shuqiao.provider.ExchangeProvider;
import dev.shuqiao.provider.ProviderServlet;
import dev.shuqiao.provider.ResourceHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The birth bundle's city for end-to-end tests: a real hub (H2) with an exchange identity, and four
 * provider departments, each a real {@link ExchangeProvider} behind a {@link ProviderServlet} on its
 * own Jetty (push mode), with its catalog registered on the hub. Handlers count their runs.
 */
final class BirthCity implements AutoCloseable {

  static final String BIRTH = "1 01 003/000001";
  static final String HOUSEHOLD = "1 01 001/000001";
  static final String INSURANCE = "2 03 001/000042";
  static final String CARD = "2 04 001/000007";

  final TestCity city = new TestCity();
  final DepartmentIdentity hubIdentity = city.department("柳州市大数据发展局数据交换", KeyAlgorithm.SM2);
  final HubFixture fixture = HubFixture.h2(city, b -> b.exchangeIdentity(hubIdentity));
  final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
  final Map<String, List<Map<String, String>>> parameters = new ConcurrentHashMap<>();
  final List<AuditEvent> providerAudit = new CopyOnWriteArrayList<>();
  final Map<String, DepartmentIdentity> providers = new ConcurrentHashMap<>();
  private final List<Server> servers = new ArrayList<>();
  /** Runs before a handler answers (tests block or fail handlers with it). */
  volatile java.util.function.Consumer<String> beforeAnswer = code -> { };

  BirthCity() throws Exception {
    provider("柳州市卫生健康委员会", BIRTH, "出生医学证明信息",
        List.of("出生医学证明编号:10", "新生儿姓名:50:name", "出生体重:5"),
        q -> List.of(Map.of("出生医学证明编号", q.parameter("出生医学证明编号").orElseThrow(), "新生儿姓名", "张小宝",
            "出生体重", "3350")));
    provider("柳州市公安局", HOUSEHOLD, "户籍登记信息", List.of("公民身份号码:18", "户号:9"),
        q -> List.of(Map.of("公民身份号码", "450202202601010012", "户号", "450200123")));
    provider("柳州市医疗保障局", INSURANCE, "城乡居民医保参保登记信息", List.of("参保人员编号:20", "参保状态:2"),
        q -> List.of(Map.of("参保人员编号", "YB2026000017", "参保状态", "01")));
    provider("柳州市人力资源和社会保障局", CARD, "社会保障卡申领信息", List.of("社保卡号:20", "申领状态:2"),
        q -> List.of(Map.of("社保卡号", "SB2026000017", "申领状态", "01")));
  }

  private void provider(String name, String code, String resourceName, List<String> items, ResourceHandler handler)
      throws Exception {
    DepartmentIdentity identity = city.department(name, KeyAlgorithm.SM2);
    providers.put(code, identity);
    String descriptor = catalog(code, TestCity.code(identity), resourceName, items);
    ValidationReport report = CatalogReader.create().read(code, descriptor);
    Catalog catalog = report.catalog().orElseThrow(() -> new IllegalStateException(report.problems().toString()));
    ExchangeProvider provider = ExchangeProvider.builder().identity(identity).trustStore(city.trust)
        .addHubCertificate(hubIdentity.certificate()).catalog(catalog)
        .handler(code, query -> {
          runs.computeIfAbsent(code, k -> new AtomicInteger()).incrementAndGet();
          parameters.computeIfAbsent(code, k -> new CopyOnWriteArrayList<>()).add(query.parameters());
          beforeAnswer.accept(code);
          return handler.query(query);
        })
        .auditRecorder(event -> {
          providerAudit.add(event);
          return providerAudit.size() - 1;
        })
        .subjectPseudonymizer(HmacSubjectPseudonymizer.withKey(("pseudonym key of " + code + " ......")
            .getBytes(StandardCharsets.UTF_8)))
        .build();
    fixture.register(identity, serve(provider));
    fixture.client(identity).createResources(descriptor);
  }

  private String serve(ExchangeProvider provider) throws Exception {
    Server jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServlet(new ServletHolder(new ProviderServlet(provider)), "/shuqiao/exchange");
    jetty.setHandler(context);
    jetty.start();
    servers.add(jetty);
    return "http://127.0.0.1:" + connector.getLocalPort() + "/shuqiao/exchange";
  }

  /** One unconditional resource; items as {@code name:length[:masking]}. */
  private static String catalog(String code, String providerCode, String name, List<String> items) {
    StringBuilder yaml = new StringBuilder("version: 1\ncatalog:\n  title: 测试目录\n  description: 出生一件事测试目录\n"
        + "  publisher: 测试单位\nresources:\n  - code: \"" + code + "\"\n    name: " + name + "\n"
        + "    classification:\n      view: " + (code.startsWith("1") ? "基础" : code.startsWith("2") ? "主题" : "部门")
        + "\n      code: \"" + code.substring(0, code.indexOf('/')) + "\"\n"
        + "    provider:\n      name: 测试部门\n      code: " + providerCode + "\n"
        + "    abstract: " + name + "，供出生一件事联办使用。\n    format: 数据库\n    items:\n");
    for (String item : items) {
      String[] parts = item.split(":");
      yaml.append("      - name: ").append(parts[0]).append("\n        type: C\n        length: ").append(parts[1])
          .append('\n');
      if (parts.length > 2) {
        yaml.append("        personal: true\n        masking: ").append(parts[2]).append('\n');
      }
    }
    return yaml.append("    sharing:\n      type: 无条件共享\n      method: 接口\n    openness:\n      type: 不予开放\n"
        + "    updateCycle: 实时\n    publishedOn: 2024-03-01\n").toString();
  }

  int runs(String code) {
    AtomicInteger count = runs.get(code);
    return count == null ? 0 : count.get();
  }

  String providerCode(String resource) {
    return TestCity.code(providers.get(resource));
  }

  /** The birth bundle over this city's provider codes. */
  String birthBundle() {
    return """
        bundle: 1
        name: 出生一件事
        purpose: 出生一件事联办
        form: [birthCertificateNumber]
        consent:
          - resource: "%1$s"
            items: [出生医学证明编号, 新生儿姓名]
          - resource: "%2$s"
            items: [公民身份号码, 户号]
          - resource: "%3$s"
            items: [参保人员编号, 参保状态]
          - resource: "%4$s"
            items: [社保卡号, 申领状态]
        steps:
          - id: birth-certificate
            resource: "%1$s"
            provider: %5$s
            items: [出生医学证明编号, 新生儿姓名]
            inputs:
              出生医学证明编号: form.birthCertificateNumber
            purpose: 出生一件事：核验出生医学证明
          - id: household
            resource: "%2$s"
            provider: %6$s
            items: [公民身份号码, 户号]
            inputs:
              出生医学证明编号: steps.birth-certificate.出生医学证明编号
            purpose: 出生一件事：出生登记落户
          - id: medical-insurance
            resource: "%3$s"
            provider: %7$s
            items: [参保人员编号, 参保状态]
            inputs:
              公民身份号码: steps.household.公民身份号码
          - id: social-security-card
            resource: "%4$s"
            provider: %8$s
            items: [社保卡号, 申领状态]
            inputs:
              公民身份号码: steps.household.公民身份号码
            required: false
        """.formatted(BIRTH, HOUSEHOLD, INSURANCE, CARD, providerCode(BIRTH), providerCode(HOUSEHOLD),
        providerCode(INSURANCE), providerCode(CARD));
  }

  List<AuditEvent> hubEvents() {
    List<AuditEvent> events = new ArrayList<>();
    for (long i = 0; i < fixture.hub().auditEntries(); i++) {
      events.add(fixture.hub().auditEvent(i));
    }
    return events;
  }

  @Override
  public void close() throws Exception {
    for (Server server : servers) {
      server.stop();
    }
    fixture.close();
  }
}
