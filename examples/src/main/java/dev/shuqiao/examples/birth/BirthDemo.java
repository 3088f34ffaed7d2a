package dev.shuqiao.examples.birth;

import dev.shuqiao.audit.AuditLog;
import dev.shuqiao.audit.AuditVerifier;
import dev.shuqiao.audit.Checkpoint;
import dev.shuqiao.audit.CheckpointVerifier;
import dev.shuqiao.audit.ExchangeAuditCheck;
import dev.shuqiao.audit.ExchangeAuditReport;
import dev.shuqiao.audit.HmacSubjectPseudonymizer;
import dev.shuqiao.audit.NoteKeys;
import dev.shuqiao.audit.Receipt;
import dev.shuqiao.audit.Receipts;
import dev.shuqiao.audit.VerificationReport;
import dev.shuqiao.audit.Actor;
import dev.shuqiao.bundle.Application;
import dev.shuqiao.bundle.BundleDefinition;
import dev.shuqiao.bundle.BundleResult;
import dev.shuqiao.bundle.BundleRunner;
import dev.shuqiao.bundle.Consent;
import dev.shuqiao.catalog.CreditCode;
import dev.shuqiao.client.ShuqiaoClient;
import dev.shuqiao.client.model.CreateDepartmentOptions;
import dev.shuqiao.client.model.CreateGrantOptions;
import dev.shuqiao.client.model.Grant;
import dev.shuqiao.crypto.CertificateAuthority;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.KeyAlgorithm;
import dev.shuqiao.crypto.KeyRequest;
import dev.shuqiao.crypto.Pem;
import dev.shuqiao.crypto.StorageKey;
import dev.shuqiao.crypto.TrustStore;
import dev.shuqiao.hub.HubServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The birth bundle (出生一件事) end to end, in one run: a demo city CA, the hub (embedded H2 in a
 * temporary directory), four departments each with its own identity, audit log and provider (the
 * medical insurance bureau behind a firewall, connected out to the hub), and the service center
 * that runs the bundle for a sample family. Then every audit log is verified, the department logs
 * against the checkpoints the hub witnessed, the three sides' exchange records are cross-checked,
 * and the family's access receipts are printed with their proofs checked.
 *
 * <p>Everything runs in this JVM, each party on its own port and directory: one process is what a
 * newcomer can start with Java alone and what cleans up after itself on every exit path; the
 * parties still only meet over HTTP through the hub, as separate processes would.
 *
 * <pre>{@code ./shuqiao-demo}</pre>
 */
public final class BirthDemo {

  static final String BIRTH = "1 01 003/000001";
  static final String HOUSEHOLD = "1 01 001/000001";
  static final String INSURANCE = "2 03 001/000042";
  static final String CARD = "2 04 001/000007";
  static final String SERVICE_CENTER_CODE = FakeIds.creditCode("11450200MB051234");
  static final String CASE_ID = "BIRTH-450200-20261205-0017";

  private final PrintStream out;
  private final List<String> failures = new ArrayList<>();
  private final List<String> unavailable = new ArrayList<>();
  private int step;

  BirthDemo(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    // The story is the output; the servers' INFO lines would bury it.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    DemoOutcome outcome = new BirthDemo(out).run();
    System.exit(outcome.ok() ? 0 : 1);
  }

  /** Runs the whole story and returns what it established; never throws for a failed check. */
  DemoOutcome run() {
    out.println("数桥 Shuqiao — 出生一件事 birth bundle demo");
    out.println("(all people, numbers and departments are fictitious; ID numbers and credit codes are valid in format only)");
    Path root;
    try {
      root = Files.createTempDirectory("shuqiao-demo");
    } catch (IOException e) {
      failures.add("could not create a temporary directory: " + e.getMessage());
      return outcome(null, 0, 0, 0, List.of());
    }
    try {
      return story(root);
    } catch (Exception e) {
      failures.add("the demo stopped: " + e.getClass().getSimpleName() + ": " + e.getMessage());
      out.println("  ✗ FAILED: " + e.getClass().getSimpleName() + ": " + e.getMessage());
      return outcome(null, 0, 0, 0, List.of());
    } finally {
      delete(root);
    }
  }

  private DemoOutcome story(Path root) throws Exception {
    step("创建演示城市CA / demo city CA and the hub's identities");
    CertificateAuthority ca = CertificateAuthority.create(KeyAlgorithm.SM2, "柳州市大数据发展局演示根CA",
        CreditCode.parse(FakeIds.creditCode("11450200MB059901")), Duration.ofDays(30));
    TrustStore trust = TrustStore.builder().addRoot(ca.certificate()).addCrl(ca.crl(List.of(), Duration.ofDays(2)))
        .build();
    DepartmentIdentity admin = issue(ca, "柳州市大数据发展局", FakeIds.creditCode("11450200MB059902"));
    DepartmentIdentity hubExchange = issue(ca, "柳州市大数据发展局（数据交换）", FakeIds.creditCode("11450200MB059903"));
    done("SM2 root CA; hub administrator and exchange identities issued");

    step("启动数据交换中心 / start the hub (embedded H2, temporary data directory)");
    Path hubDir = Files.createDirectories(root.resolve("hub"));
    HubServer hub = HubServer.builder().port(0).host("127.0.0.1").dataDirectory(hubDir).trustStore(trust)
        .addAdmin(admin.certificate()).exchangeIdentity(hubExchange).auditOrigin("hub.liuzhou.example")
        // The demo's departments serve on http://127.0.0.1 beside the hub: a development setting, never production.
        .allowInsecureEndpoints(true).build().start();
    List<Department> departments = new ArrayList<>();
    try {
      done("hub at " + hub.uri());
      return withHub(root, ca, trust, admin, hubExchange, hub, hubDir, departments);
    } finally {
      for (Department d : departments) {
        try {
          d.close();
        } catch (Exception e) {
          // closing on the way out; the failure that got us here is already recorded
        }
      }
      hub.close();
    }
  }

  private DemoOutcome withHub(Path root, CertificateAuthority ca, TrustStore trust, DepartmentIdentity admin,
      DepartmentIdentity hubExchange, HubServer hub, Path hubDir, List<Department> departments) throws Exception {
    step("四个部门上线 / four departments start, each with its own key, audit log and provider");
    Map<String, String> descriptors = splitCatalog(resource("catalogs/birth-catalog.yaml"));
    Department health = new Department(ca, "柳州市卫生健康委员会", "出生医学证明管理系统", "11450200075623181Q",
        Department.Mode.PUSH, descriptors.get("11450200075623181Q"), root);
    departments.add(health);
    Department police = new Department(ca, "柳州市公安局", "人口户籍管理系统", "114502000756245X4M",
        Department.Mode.PUSH, descriptors.get("114502000756245X4M"), root);
    departments.add(police);
    Department insurance = new Department(ca, "柳州市医疗保障局", "医保参保登记系统", "11450200MB15337658",
        Department.Mode.PULL, descriptors.get("11450200MB15337658"), root);
    departments.add(insurance);
    Department hrss = new Department(ca, "柳州市人力资源和社会保障局", "社保卡服务系统", "114502000756300235",
        Department.Mode.PUSH, descriptors.get("114502000756300235"), root);
    departments.add(hrss);
    Department center = new Department(ca, "柳州市政务服务中心", "一件事联办系统", SERVICE_CENTER_CODE,
        Department.Mode.CONSUMER_ONLY, "", root);
    departments.add(center);
    Map<Department, Object[]> served = new LinkedHashMap<>();
    served.put(health, new Object[] {BIRTH, "出生医学证明编号", BirthData.birthCertificates()});
    served.put(police, new Object[] {HOUSEHOLD, "出生医学证明编号", BirthData.households()});
    served.put(insurance, new Object[] {INSURANCE, "出生医学证明编号", BirthData.insurance()});
    served.put(hrss, new Object[] {CARD, "出生医学证明编号", BirthData.cards()});
    ShuqiaoClient adminClient = ShuqiaoClient.builder().endpoint(hub.uri().toString()).credential(admin).build();
    for (Department d : departments) {
      URI endpoint;
      Object[] s = served.get(d);
      if (s != null) {
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> table = (Map<String, Map<String, Object>>) s[2];
        endpoint = d.startProvider(trust, hubExchange.certificate(), (String) s[0], (String) s[1], table);
      } else {
        endpoint = URI.create("https://zwfw.liuzhou.example/shuqiao");
      }
      adminClient.createDepartment(new CreateDepartmentOptions(d.code, d.name, Pem.encode(d.identity.certificate()),
          endpoint.toString()));
      d.connectClient(hub.uri(), trust, hubExchange.certificate());
      d.connectOut();
      out.printf("    %-16s %s  %s%n", d.name, d.code, switch (d.mode) {
        case PUSH -> "provider (push) " + endpoint;
        case PULL -> "provider (pull: behind a firewall, connected out to the hub)";
        case CONSUMER_ONLY -> "consumer (runs the bundle)";
      });
    }
    done("5 departments registered with the hub");

    step("登记目录 / each provider registers its catalog (examples/catalogs/birth-catalog.yaml)");
    int resources = 0;
    for (Department d : List.of(health, police, insurance, hrss)) {
      resources += d.client().createResources(d.descriptor()).size();
    }
    done(resources + " resources in the hub's catalog");

    step("申请并审批有条件共享 / the service center applies for the conditional grants; providers approve");
    Instant now = Instant.now();
    Grant birthGrant = center.client().createGrant(new CreateGrantOptions(BIRTH,
        List.of("出生医学证明编号", "新生儿姓名", "新生儿性别", "出生日期时间", "母亲姓名"), "出生一件事联办：核验出生医学证明",
        "《广西壮族自治区“出生一件事”联办实施方案》（示例）", now.minusSeconds(60), now.plus(Duration.ofDays(365))));
    health.client().approveGrant(birthGrant.id(), "用途与出生一件事联办一致，申请信息项为最小必要");
    Grant householdGrant = center.client().createGrant(new CreateGrantOptions(HOUSEHOLD,
        List.of("公民身份号码", "姓名", "户号", "登记日期"), "出生一件事联办：新生儿落户结果", "《中华人民共和国户口登记条例》第七条",
        now.minusSeconds(60), now.plus(Duration.ofDays(365))));
    police.client().approveGrant(householdGrant.id(), "新生儿落户结果回传联办系统，符合共享条件");
    done("出生医学证明 grant " + birthGrant.id() + ", 户籍登记 grant " + householdGrant.id() + " approved");

    step("运行出生一件事 / the service center runs the birth bundle for the family");
    String yaml = resource("bundles/birth-bundle.yaml").replace("${grant.birth}", birthGrant.id())
        .replace("${grant.household}", householdGrant.id());
    BundleDefinition definition = BundleDefinition.read("birth-bundle.yaml", yaml,
        BundleDefinition.hubLookup(center.client()));
    Application application = Application.builder(CASE_ID).subject(BirthData.MOTHER_ID)
        .formField("birthCertificateNumber", BirthData.CERTIFICATE_NUMBER)
        .consent(Consent.builder().reference("CONSENT-" + CASE_ID).grantedAt(now)
            .allowAll(definition.consentScope()).build())
        .build();
    BundleResult result;
    try (BundleRunner runner = BundleRunner.builder().exchange(center.client()).auditRecorder(center.audit)
        .actor(Actor.of(center.code, center.system))
        .pseudonymizer(HmacSubjectPseudonymizer.of(center.pseudonymKey, HmacSubjectPseudonymizer.DEFAULT_KIND))
        .journalDirectory(Files.createDirectories(root.resolve("cases")))
        .journalKey(StorageKey.derive(center.identity, "bundle-journal")).build()) {
      result = runner.run(definition, application);
    }
    printResult(result);
    if (result.status() != BundleResult.Status.COMPLETED) {
      failures.add("the bundle ended " + result.status());
    }

    step("发布并见证审计检查点 / departments publish audit checkpoints; the hub witnesses (cosigns) them");
    for (Department d : departments) {
      d.stopServing();
    }
    String witnessKeyText = center.client().getWitnessKey();
    CheckpointVerifier witnessKey = NoteKeys.verifier(witnessKeyText);
    Map<String, Checkpoint> witnessed = new LinkedHashMap<>();
    for (Department d : departments) {
      Checkpoint cosigned = d.client().publishAuditCheckpoint(d.audit, d.checkpointSigner);
      Instant at = cosigned.verifyCosignature(witnessKey);
      witnessed.put(d.code, cosigned);
      out.printf("    %-16s size %d, cosigned by the hub at %s%n", d.name, cosigned.treeSize(), at);
    }
    done(witnessed.size() + " checkpoints witnessed");

    step("三方审计交叉核对 / cross-check the consumer's, hub's and providers' exchange audit");
    ExchangeAuditCheck.Builder check = ExchangeAuditCheck.builder().hub(hubDir.resolve("audit"));
    departments.forEach(d -> check.department(d.code, d.auditDirectory));
    ExchangeAuditReport cross = check.build().run();
    if (cross.ok()) {
      done(cross.exchanges() + " exchanges, every one on all three sides, same outcome");
    } else {
      cross.discrepancies().forEach(x -> fail("audit cross-check: " + x));
    }

    step("公民访问回执 / the family's access receipts (who accessed the mother's data, when, why)");
    Checkpoint hubCheckpoint = Checkpoint.parse(center.client().getAuditCheckpoint());
    CheckpointVerifier hubKey = NoteKeys.verifier(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        hub.uri().resolve("/v1/audit/verifier-key")).build(), HttpResponse.BodyHandlers.ofString()).body().strip());
    hubCheckpoint.verify(hubKey);
    Map<String, CheckpointVerifier> keys = new LinkedHashMap<>();
    keys.put(hubCheckpoint.origin(), hubKey);
    Receipts.Builder receipts = Receipts.builder();
    for (Department d : departments) {
      CheckpointVerifier key = NoteKeys.verifier(d.checkpointSigner.verifierKey());
      keys.put(d.audit.origin(), key);
      receipts.department(d.code, d.audit,
          HmacSubjectPseudonymizer.of(d.pseudonymKey, HmacSubjectPseudonymizer.DEFAULT_KIND), key);
    }
    hub.close(); // releases its log; the receipts read it as an auditor would
    List<String> receiptLines = new ArrayList<>();
    try (AuditLog hubLog = AuditLog.builder().directory(hubDir.resolve("audit")).open()) {
      List<Receipt> list = receipts.hub(hubLog, hubKey).build().forSubject(BirthData.MOTHER_ID);
      for (Receipt r : list) {
        r.evidence().forEach(e -> e.verify(keys.get(e.logOrigin())));
        String line = String.format("%s → %s  %s %s  purpose「%s」 case %s  %s, %d proofs verified",
            r.consumer(), r.provider().orElse("?"), r.resourceCode().orElse("?"),
            r.items(), r.purpose().orElse(""), r.caseId().orElse(""), r.outcome(), r.evidence().size());
        receiptLines.add(line.strip());
        out.println("    " + line.strip());
        if (!r.proven() || !r.confirmedByHub()) {
          fail("receipt " + r.resourceCode().orElse("?") + " not proven on every side");
        }
      }
    }
    if (receiptLines.size() != result.steps().stream()
        .filter(s -> s.state() == BundleResult.StepState.DELIVERED).count()) {
      fail("expected one receipt per delivered step, found " + receiptLines.size());
    } else {
      done(receiptLines.size() + " receipts, every inclusion proof verified against a signed checkpoint");
    }

    step("校验全部审计日志 / verify every audit log (department logs against the hub's witnessed checkpoint)");
    for (Department d : departments) {
      d.close();
    }
    departments.clear();
    int verified = 0;
    int witnessedOk = 0;
    VerificationReport hubReport = AuditVerifier.withKeys(List.of(hubKey)).verify(hubDir.resolve("audit"));
    verified += report("hub", hubReport);
    for (Department d : List.of(health, police, insurance, hrss, center)) {
      VerificationReport r = AuditVerifier.withKeys(List.of(keys.get(d.audit.origin())))
          .verifyWitnessed(d.auditDirectory, witnessed.get(d.code), witnessKey);
      int ok = report(d.name, r);
      verified += ok;
      witnessedOk += ok;
    }
    if (verified == 6) {
      done("6 logs intact; 5 department logs match what the hub witnessed");
    }
    return outcome(result, verified, witnessedOk, cross.ok() ? cross.exchanges() : 0, receiptLines);
  }

  private int report(String who, VerificationReport r) {
    if (r.ok()) {
      out.printf("    %-16s OK  %d entries, %d checkpoint(s)%n", who, r.entries(), r.checkpointSizes().size());
      return 1;
    }
    fail("audit log of " + who + ": " + r.problem().map(Object::toString).orElse("not ok"));
    return 0;
  }

  private void printResult(BundleResult result) {
    for (BundleResult.StepOutcome s : result.steps()) {
      out.printf("    %-22s %-9s %s%n", s.stepId(), s.state(), s.reason().orElse(""));
      s.records().forEach(rec -> rec.fields().forEachRemaining(f -> out.printf("        %s: %s%n", f.getKey(),
          f.getValue().asText())));
    }
    out.println("    (masked as the catalog says: names, ID numbers and card numbers travel masked unless granted otherwise)");
    if (result.status() == BundleResult.Status.COMPLETED) {
      done("case " + result.caseId() + " COMPLETED: " + result.steps().size() + " steps delivered");
    } else {
      fail("case " + result.caseId() + " " + result.status());
    }
  }

  private DemoOutcome outcome(BundleResult result, int verified, int witnessed, int exchanges, List<String> receipts) {
    out.println();
    if (!unavailable.isEmpty()) {
      unavailable.forEach(u -> out.println("  not available yet: " + u));
    }
    boolean ok = failures.isEmpty() && result != null && result.status() == BundleResult.Status.COMPLETED;
    out.println(ok ? "✔ 出生一件事 demo completed: data travelled, the family did not (数据跑路，群众不跑腿)."
        : "✗ demo FAILED: " + String.join("; ", failures));
    return new DemoOutcome(failures, unavailable, result, verified, witnessed, exchanges, receipts);
  }

  private void step(String title) {
    out.println();
    out.printf("[%d/10] %s%n", ++step, title);
  }

  private void done(String what) {
    out.println("  ✓ " + what);
  }

  private void fail(String what) {
    failures.add(what);
    out.println("  ✗ " + what);
  }

  private static DepartmentIdentity issue(CertificateAuthority ca, String name, String code) {
    KeyRequest request = KeyRequest.generate(KeyAlgorithm.SM2, name, CreditCode.parse(code));
    return request.complete(ca.issue(request.csrPem(), Duration.ofDays(30)));
  }

  static String resource(String name) {
    try (InputStream in = BirthDemo.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final Pattern PROVIDER_CODE = Pattern.compile("\\n    provider:\\n(?:      [^\\n]*\\n)*?      code: (\\S+)");

  /** The sample catalog split into one descriptor per provider (credit code → descriptor). */
  static Map<String, String> splitCatalog(String yaml) {
    int start = yaml.indexOf("\nresources:\n");
    String header = yaml.substring(0, start + "\nresources:\n".length());
    String[] blocks = yaml.substring(header.length()).split("(?m)^(?=  - code: )");
    Map<String, StringBuilder> byProvider = new LinkedHashMap<>();
    for (String block : blocks) {
      Matcher m = PROVIDER_CODE.matcher("\n" + block);
      if (block.isBlank() || !m.find()) {
        continue;
      }
      // A department registers only its own resources; links to other departments' resources stay in
      // the city-wide file, where they resolve.
      byProvider.computeIfAbsent(m.group(1), k -> new StringBuilder(header))
          .append(block.replaceAll("(?m)^    related:\\n(?:      .*\\n)*", ""));
    }
    Map<String, String> out = new LinkedHashMap<>();
    byProvider.forEach((k, v) -> out.put(k, v.toString()));
    return out;
  }

  private static void delete(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temporary directory is harmless
    }
  }
}
