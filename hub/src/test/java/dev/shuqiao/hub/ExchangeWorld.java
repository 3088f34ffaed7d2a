package dev.shuqiao.hub;

import dev.shuqiao.audit.ExchangeAuditCheck;
import dev.shuqiao.audit.ExchangeAuditReport;
import dev.shuqiao.client.model.CreateGrantOptions;
import dev.shuqiao.client.model.Grant;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.KeyAlgorithm;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The city of the end-to-end tests: one hub with an exchange identity and three department apps,
 * each with its own identity, audit log and embedded provider; the insurance bureau's provider
 * connects out to the hub (pull mode), the others take pushes on Jetty. With {@code capture}, the
 * consumers reach the hub and the hub reaches the push providers through {@link CapturingProxy}s
 * that keep every byte the hub receives and sends.
 *
 * <p>Resources: police provide {@link #HOUSEHOLD} (unconditional); health provides {@link #BIRTH}
 * (conditional, police hold a grant for three of its four items), {@link #BIRTH_OPEN}
 * (unconditional) and {@link #BIRTH_SECRET} (not shared); insurance provides {@link #INSURED}
 * (unconditional).
 */
final class ExchangeWorld implements AutoCloseable {

  static final String HOUSEHOLD = "1 02 001/000001";
  static final String BIRTH = "1 01 003/000001";
  static final String BIRTH_OPEN = "1 01 003/000002";
  static final String BIRTH_SECRET = "1 01 003/000003";
  static final String INSURED = "1 03 002/000001";

  // Distinctive values: none of them may ever be readable at the hub.
  static final String CERTIFICATE = "Q4502ZX9917";
  static final String NEWBORN = "张小明";
  static final String MOTHER_ID = "450202199003154426";
  static final String SUBJECT = "450202201501010012";
  static final String CITIZEN = "450203198807070035";
  static final String CITIZEN_NAME = "王建国";
  static final String ADDRESS = "柳州市城中区文惠路88号";
  static final String INSURED_ID = "450204197512120018";
  static final String EMPLOYER = "柳州钢铁集团有限公司";

  static final List<String> GRANTED = List.of("出生医学证明编号", "新生儿姓名", "出生体重");

  final TestCity city = new TestCity();
  final KeyAlgorithm algorithm;
  final DepartmentIdentity hubIdentity;
  final HubFixture fixture;
  final CapturingProxy hubProxy;
  final DepartmentApp police;
  final DepartmentApp health;
  final DepartmentApp insurance;
  final String grantId;
  private final Path root;

  ExchangeWorld(KeyAlgorithm algorithm, boolean capture, Duration providerTimeout) throws Exception {
    this(algorithm, capture, providerTimeout, world -> { });
  }

  /** {@code beforeStart} may add resources to the departments before their providers start. */
  ExchangeWorld(KeyAlgorithm algorithm, boolean capture, Duration providerTimeout,
      java.util.function.Consumer<ExchangeWorld> beforeStart) throws Exception {
    this.algorithm = algorithm;
    this.root = Files.createTempDirectory("shuqiao-e2e");
    hubIdentity = city.department("柳州市大数据发展局（交换）", algorithm);
    fixture = HubFixture.h2(city, b -> b.exchangeIdentity(hubIdentity).providerTimeout(providerTimeout)
        .exchangeRateLimit(100_000, 100_000).circuitBreaker(1000, Duration.ofMillis(1)).maxBodyBytes(256 * 1024));
    hubProxy = capture ? new CapturingProxy(fixture.hub().uri()) : null;

    police = new DepartmentApp(city, "柳州市公安局", algorithm, DepartmentApp.Mode.PUSH, root);
    health = new DepartmentApp(city, "柳州市卫生健康委员会", algorithm, DepartmentApp.Mode.PUSH, root);
    insurance = new DepartmentApp(city, "柳州市医疗保障局", algorithm, DepartmentApp.Mode.PULL, root);

    police.serve(new DepartmentApp.Served(HOUSEHOLD, resource(HOUSEHOLD, police.code, "常住人口户籍信息", UNCONDITIONAL,
        item("公民身份号码", "C", 18, null), item("姓名", "C", 50, "name"), item("户籍地址", "C", 200, null)), "公民身份号码",
        DepartmentApp.table("公民身份号码", List.of(Map.of("公民身份号码", CITIZEN, "姓名", CITIZEN_NAME, "户籍地址", ADDRESS,
            "内部备注", "仅供内部使用")))));
    Map<String, Map<String, Object>> births = DepartmentApp.table("出生医学证明编号", List.of(Map.of("出生医学证明编号",
        CERTIFICATE, "新生儿姓名", NEWBORN, "出生体重", 3250, "母亲身份证号", MOTHER_ID, "签发日期", "2026-11-30",
        "备注", "院内备注")));
    health.serve(new DepartmentApp.Served(BIRTH, resource(BIRTH, health.code, "出生医学证明信息", CONDITIONAL,
        item("出生医学证明编号", "C", 11, null), item("新生儿姓名", "C", 50, "name"), item("出生体重", "N", 5, null),
        item("母亲身份证号", "C", 18, "id-number")), "出生医学证明编号", births));
    health.serve(new DepartmentApp.Served(BIRTH_OPEN, resource(BIRTH_OPEN, health.code, "出生医学证明签发信息",
        UNCONDITIONAL, item("出生医学证明编号", "C", 11, null), item("签发日期", "D", 0, null)), "出生医学证明编号", births));
    health.serve(new DepartmentApp.Served(BIRTH_SECRET, resource(BIRTH_SECRET, health.code, "出生医学证明底册",
        NOT_SHARED, item("出生医学证明编号", "C", 11, null), item("备注", "C", 200, null)), "出生医学证明编号", births));
    insurance.serve(new DepartmentApp.Served(INSURED, resource(INSURED, insurance.code, "基本医疗保险参保信息",
        UNCONDITIONAL, item("公民身份号码", "C", 18, null), item("参保状态", "C", 20, null), item("参保单位", "C", 200, null)),
        "公民身份号码", DepartmentApp.table("公民身份号码", List.of(Map.of("公民身份号码", INSURED_ID, "参保状态", "正常参保",
            "参保单位", EMPLOYER)))));

    beforeStart.accept(this);
    for (DepartmentApp app : apps()) {
      URI endpoint = app.startProvider(city.trust, hubIdentity.certificate(), capture);
      fixture.register(app.identity, endpoint.toString());
      app.client(hubUri(), city.trust, hubIdentity.certificate());
      app.client().createResources(app.descriptor());
      app.connect();
    }
    Grant grant = police.client().createGrant(new CreateGrantOptions(BIRTH, GRANTED, "出生一件事：户籍登记",
        "《户口登记条例》第七条", Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(30))));
    health.client().approveGrant(grant.id(), "符合出生一件事联办要求");
    grantId = grant.id();
  }

  List<DepartmentApp> apps() {
    return List.of(police, health, insurance);
  }

  /** Where consumers and pollers reach the hub. */
  URI hubUri() {
    return hubProxy != null ? hubProxy.uri() : fixture.hub().uri();
  }

  /** Stops the hub as a crash would and starts it on the same data; the proxy (and so every client and poller) follows it. */
  void restartHub() {
    HubServer hub = fixture.restart(0);
    hubProxy.target(hub.uri());
  }

  Path hubAuditDirectory() {
    return fixture.dataDirectory(0).resolve("audit");
  }

  /** The three departments' logs against the hub's, read from their directories while all are running. */
  ExchangeAuditReport crossCheck() throws IOException {
    ExchangeAuditCheck.Builder check = ExchangeAuditCheck.builder().hub(hubAuditDirectory());
    apps().forEach(app -> check.department(app.code, app.auditDirectory));
    return check.build().run();
  }

  // ---- catalog descriptors ----

  static final String UNCONDITIONAL = "    sharing:\n      type: 无条件共享\n      method: 接口\n";
  static final String CONDITIONAL = "    sharing:\n      type: 有条件共享\n      conditions: 仅限出生一件事联办。\n"
      + "      basis: 《柳州市政务数据共享管理办法》\n      method: 接口\n";
  static final String NOT_SHARED = "    sharing:\n      type: 不予共享\n      basis: 《中华人民共和国个人信息保护法》\n";

  static String catalog(List<String> resources) {
    return "version: 1\ncatalog:\n  title: 测试目录\n  description: 端到端测试用目录\n  publisher: 测试单位\nresources:\n"
        + String.join("", resources);
  }

  static String item(String name, String type, int length, String masking) {
    return "      - name: " + name + "\n        type: " + type + "\n" + (length > 0 ? "        length: " + length + "\n" : "")
        + (masking == null ? "" : "        personal: true\n        sensitive: true\n        masking: " + masking + "\n");
  }

  static String resource(String code, String providerCode, String name, String sharing, String... items) {
    return "  - code: \"" + code + "\"\n"
        + "    name: " + name + "\n"
        + "    classification:\n      view: 基础\n      code: \"" + code.substring(0, code.indexOf('/')) + "\"\n"
        + "    provider:\n      name: 测试部门\n      code: " + providerCode + "\n"
        + "    abstract: " + name + "，供端到端测试使用。\n"
        + "    format: 数据库\n"
        + "    items:\n" + String.join("", items)
        + sharing
        + "    openness:\n      type: 不予开放\n"
        + "    updateCycle: 实时\n    publishedOn: 2024-03-01\n";
  }

  @Override
  public void close() throws Exception {
    for (DepartmentApp app : apps()) {
      app.close();
    }
    if (hubProxy != null) {
      hubProxy.close();
    }
    fixture.close();
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
