package dev.shuqiao.spring;

import dev.shuqiao.audit.AuditLog;
import dev.shuqiao.audit.HmacSubjectPseudonymizer;
import dev.shuqiao.catalog.CreditCode;
import dev.shuqiao.client.RetryOptions;
import dev.shuqiao.client.ShuqiaoClient;
import dev.shuqiao.client.model.CreateDepartmentOptions;
import dev.shuqiao.crypto.CertificateAuthority;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.KeyAlgorithm;
import dev.shuqiao.crypto.KeyRequest;
import dev.shuqiao.crypto.Pem;
import dev.shuqiao.crypto.PseudonymKey;
import dev.shuqiao.crypto.TrustStore;
import dev.shuqiao.hub.HubServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A city for one test class: a CA, a running hub (embedded H2, port 0, temporary directory) with its
 * exchange identity, the health commission whose Spring Boot application the test starts (its key,
 * certificate, catalog and pseudonym key written to files as an operator would), and the public
 * security bureau as a plain-client consumer.
 */
final class StarterCity implements AutoCloseable {

  static final String PROVIDER_CODE = "114502000075623136";
  static final String CONSUMER_CODE = "11450200007562452W";
  static final String BIRTH_OPEN = "1 01 003/000002";
  static final String CERTIFICATE_NUMBER = "Q450200123";
  static final String KEYSTORE_PASSWORD = "test-only-pkcs12-password";

  final Path root;
  final CertificateAuthority ca;
  final TrustStore trust;
  final DepartmentIdentity admin;
  final DepartmentIdentity hubExchange;
  final DepartmentIdentity provider;
  final DepartmentIdentity consumer;
  final HubServer hub;
  final Path files;
  private AuditLog consumerAudit;
  private ShuqiaoClient consumerClient;

  StarterCity() {
    try {
      root = Files.createTempDirectory("shuqiao-starter-it");
      files = Files.createDirectories(root.resolve("etc"));
      ca = CertificateAuthority.create(KeyAlgorithm.SM2, "柳州市测试根CA", CreditCode.parse(creditCode("11450200MB059901")),
          Duration.ofDays(800));
      trust = TrustStore.builder().addRoot(ca.certificate()).addCrl(ca.crl(List.of(), Duration.ofDays(2))).build();
      admin = issue("柳州市大数据发展局", creditCode("11450200MB059902"));
      hubExchange = issue("柳州市大数据发展局（数据交换）", creditCode("11450200MB059903"));
      provider = issue("柳州市卫生健康委员会", PROVIDER_CODE);
      consumer = issue("柳州市公安局", CONSUMER_CODE);
      hub = HubServer.builder().port(0).host("127.0.0.1").dataDirectory(Files.createDirectories(root.resolve("hub")))
          .trustStore(trust).addAdmin(admin.certificate()).exchangeIdentity(hubExchange)
          .auditOrigin("hub.starter-it.example").allowInsecureEndpoints(true).build().start();
      write("city-ca.pem", Pem.encode(ca.certificate()));
      write("city-ca.crl.pem", Pem.encode(ca.crl(List.of(), Duration.ofDays(2))));
      write("hub-exchange.pem", Pem.encode(hubExchange.certificate()));
      Files.write(files.resolve("department.p12"), provider.toPkcs12(KEYSTORE_PASSWORD.toCharArray()));
      write("department.key.pem", provider.exportPrivateKeyPem());
      write("department.pem", Pem.encode(provider.certificate()));
      write("pseudonym.key", Base64.getEncoder().encodeToString(PseudonymKey.generate(provider.suite()).exportSecret()));
      write("catalog.yaml", catalog());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The application's {@code shuqiao.*} properties; {@code pkcs12} chooses the identity's form. */
  Map<String, String> properties(boolean pkcs12) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("shuqiao.hub.endpoint", hub.uri().toString());
    p.put("shuqiao.hub.exchange-certificates", file("hub-exchange.pem"));
    if (pkcs12) {
      p.put("shuqiao.identity.pkcs12", file("department.p12"));
      p.put("shuqiao.identity.password", KEYSTORE_PASSWORD);
    } else {
      p.put("shuqiao.identity.private-key", file("department.key.pem"));
      p.put("shuqiao.identity.certificate", file("department.pem"));
    }
    p.put("shuqiao.trust.roots", file("city-ca.pem"));
    p.put("shuqiao.trust.crls", file("city-ca.crl.pem"));
    p.put("shuqiao.audit.directory", root.resolve("app-audit").toString());
    p.put("shuqiao.audit.origin", "audit.health.starter-it.example");
    p.put("shuqiao.audit.filter.url-patterns", "/api/*");
    p.put("shuqiao.pseudonym-key", file("pseudonym.key"));
    p.put("shuqiao.provider.catalog", file("catalog.yaml"));
    p.put("shuqiao.system-name", "出生医学证明管理系统");
    p.put("management.endpoint.health.show-details", "always");
    return p;
  }

  String file(String name) {
    return "file:" + files.resolve(name);
  }

  String catalogText() {
    return catalog();
  }

  /** The administrator registers the health commission with its provider endpoint. */
  void registerProvider(String endpointUrl) {
    ShuqiaoClient adminClient = ShuqiaoClient.builder().endpoint(hub.uri().toString()).credential(admin)
        .retryOptions(RetryOptions.none()).build();
    adminClient.createDepartment(new CreateDepartmentOptions(PROVIDER_CODE, provider.department().name(),
        Pem.encode(provider.certificate()), endpointUrl));
    adminClient.createDepartment(new CreateDepartmentOptions(CONSUMER_CODE, consumer.department().name(),
        Pem.encode(consumer.certificate()), "https://ga.liuzhou.example.gov.cn/shuqiao"));
  }

  /** The public security bureau's client: exchanges through the hub, audited in its own log. */
  ShuqiaoClient consumerClient() {
    if (consumerClient == null) {
      try {
        consumerAudit = AuditLog.builder().directory(Files.createDirectories(root.resolve("consumer-audit")))
            .origin("audit.police.starter-it.example").open();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      consumerClient = ShuqiaoClient.builder().endpoint(hub.uri().toString()).credential(consumer).trustStore(trust)
          .addHubExchangeCertificate(hubExchange.certificate()).auditRecorder(consumerAudit)
          .subjectPseudonymizer(HmacSubjectPseudonymizer.of(PseudonymKey.generate(consumer.suite()),
              HmacSubjectPseudonymizer.DEFAULT_KIND))
          .systemName("人口户籍管理系统").retryOptions(RetryOptions.none()).callTimeout(Duration.ofSeconds(30)).build();
    }
    return consumerClient;
  }

  @Override
  public void close() throws IOException {
    hub.close();
    if (consumerAudit != null) {
      consumerAudit.close();
    }
    try (Stream<Path> all = Files.walk(root)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private DepartmentIdentity issue(String name, String code) {
    KeyRequest request = KeyRequest.generate(KeyAlgorithm.SM2, name, CreditCode.parse(code));
    return request.complete(ca.issue(request.csrPem(), Duration.ofDays(400)));
  }

  private void write(String name, String text) throws IOException {
    Files.writeString(files.resolve(name), text, StandardCharsets.UTF_8);
  }

  /** The unconditional birth-certificate issue resource of the health commission. */
  private static String catalog() {
    return "version: 1\ncatalog:\n  title: 卫健委目录\n  description: 启动器测试用目录\n  publisher: 柳州市卫生健康委员会\n"
        + "resources:\n"
        + "  - code: \"" + BIRTH_OPEN + "\"\n"
        + "    name: 出生医学证明签发信息\n"
        + "    classification:\n      view: 基础\n      code: \"1 01 003\"\n"
        + "    provider:\n      name: 柳州市卫生健康委员会\n      code: " + PROVIDER_CODE + "\n"
        + "    abstract: 出生医学证明签发信息，供启动器测试使用。\n"
        + "    format: 数据库\n"
        + "    items:\n"
        + "      - name: 出生医学证明编号\n        type: C\n        length: 11\n"
        + "      - name: 签发日期\n        type: D\n"
        + "    sharing:\n      type: 无条件共享\n      method: 接口\n"
        + "    openness:\n      type: 不予开放\n"
        + "    updateCycle: 实时\n    publishedOn: 2024-03-01\n";
  }

  /** A valid code from its first 16 characters (both check characters computed). */
  static String creditCode(String first16) {
    return CreditCode.withCheckCharacters(first16).toString();
  }
}
