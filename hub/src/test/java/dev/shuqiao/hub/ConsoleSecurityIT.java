package dev.shuqiao.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shuqiao.audit.AuditAction;
import dev.shuqiao.audit.AuditEvent;
import dev.shuqiao.audit.AuditOutcome;
import dev.shuqiao.client.ShuqiaoClient;
import dev.shuqiao.client.model.CreateGrantOptions;
import dev.shuqiao.client.model.Grant;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.KeyAlgorithm;
import dev.shuqiao.hub.internal.console.ConsoleTestSupport;
import dev.shuqiao.hub.internal.console.ConsoleTestSupport.Credentials;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The console's security over plain HTTP (the browser tests show the same flows in Chromium):
 * CSRF, session cookie flags, fixation, expiry, lockout, department isolation, escaping, audit.
 */
class ConsoleSecurityIT {

  private final HubFixture fixture = HubFixture.h2(new TestCity(), b -> b.consoleAdmin("root"));
  private final DepartmentIdentity health = fixture.register("柳州市卫生健康委员会", KeyAlgorithm.ED25519);
  private final DepartmentIdentity police = fixture.register("柳州市公安局", KeyAlgorithm.ECDSA_P256);
  private final DepartmentIdentity civil = fixture.register("柳州市民政局", KeyAlgorithm.ECDSA_P256);
  private final String db = fixture.databaseUrl(0);

  @AfterEach
  void close() {
    fixture.close();
  }

  private Instant now() {
    return fixture.clock.instant();
  }

  private Credentials official(String name, DepartmentIdentity department, String... roles) {
    return ConsoleTestSupport.enrol(db, name, name, TestCity.code(department), now(), roles);
  }

  private ConsoleClient signedIn(Credentials who) {
    ConsoleClient client = new ConsoleClient(fixture.hub().uri());
    assertThat(client.signIn(who, who.password(), now()).statusCode()).isEqualTo(303);
    return client;
  }

  /** Health provides a conditional resource named {@code name}; police applies for it. */
  private Grant pendingApplication(String name) {
    String code = HubApiContract.nextCode();
    fixture.client(health).createResources(Descriptors.catalog(Descriptors.conditional(code, TestCity.code(health), name)));
    ShuqiaoClient policeClient = fixture.client(police);
    return policeClient.createGrant(new CreateGrantOptions(code, List.of("证明编号"), "出生一件事户籍登记",
        "《户口登记条例》第七条", now(), now().plus(Duration.ofDays(40))));
  }

  @Test
  void signIn_setsAnHttpOnlyStrictCookie_notTheOneTheClientBrought() {
    Credentials clerk = official("clerk", health, "VIEWER");
    ConsoleClient client = new ConsoleClient(fixture.hub().uri());
    String forged = "A".repeat(43);
    client.cookies.put("sq_console", forged);

    assertThat(client.get("/catalog").headers().firstValue("Location")).as("a forged cookie is no session")
        .hasValue("/console/sign-in");
    HttpResponse<String> signIn = client.signIn(clerk, clerk.password(), now());

    assertThat(signIn.statusCode()).isEqualTo(303);
    assertThat(signIn.headers().firstValue("Location")).hasValue("/console/catalog");
    String cookie = ConsoleClient.setCookies(signIn).stream().filter(c -> c.startsWith("sq_console=")).findFirst().orElseThrow();
    assertThat(cookie).contains("HttpOnly", "SameSite=Strict", "Path=/console").doesNotContain("Secure")
        .doesNotContain(forged);
    assertThat(client.get("/catalog").statusCode()).isEqualTo(200);
    assertThat(ConsoleTestSupport.storedPasswordHash(db, "clerk")).startsWith("$argon2id$").doesNotContain(clerk.password());
  }

  @Test
  void signIn_needsTheTotpCode_andTheRightPassword() {
    Credentials clerk = official("clerk", health, "VIEWER");
    ConsoleClient client = new ConsoleClient(fixture.hub().uri());
    String token = ConsoleClient.csrf(client.get("/sign-in").body());

    HttpResponse<String> noCode = client.post("/sign-in", Map.of("_csrf", token, "username", "clerk", "password",
        clerk.password(), "code", "000000".equals(clerk.code(now())) ? "111111" : "000000"));
    HttpResponse<String> wrongPassword = client.signIn(clerk, clerk.password() + "x", now());

    assertThat(noCode.statusCode()).isEqualTo(401);
    assertThat(noCode.body()).contains("用户名、密码或动态验证码不正确");
    assertThat(wrongPassword.statusCode()).isEqualTo(401);
    assertThat(client.cookies).doesNotContainKey("sq_console");
  }

  @Test
  void signIn_withoutTheFormToken_isRefused() {
    Credentials clerk = official("clerk", health, "VIEWER");
    ConsoleClient client = new ConsoleClient(fixture.hub().uri());
    client.get("/sign-in");

    HttpResponse<String> response = client.post("/sign-in", Map.of("username", "clerk", "password", clerk.password(),
        "code", clerk.code(now())));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(ConsoleTestSupport.failedAttempts(db, "clerk")).isZero();
  }

  @Test
  void fiveWrongPasswords_lockTheAccount_evenAgainstTheRightOne_andAreAudited() {
    Credentials clerk = official("clerk", health, "VIEWER");
    ConsoleClient client = new ConsoleClient(fixture.hub().uri());
    long before = fixture.hub().auditEntries();
    for (int i = 0; i < 4; i++) {
      assertThat(client.signIn(clerk, "wrong-" + i, now()).statusCode()).isEqualTo(401);
    }
    assertThat(client.signIn(clerk, "wrong-4", now()).statusCode()).isEqualTo(429);

    fixture.clock.runAhead(Duration.ofSeconds(60)); // a fresh TOTP step, still inside the 15-minute lock
    HttpResponse<String> right = client.signIn(clerk, clerk.password(), now());

    assertThat(right.statusCode()).isEqualTo(429);
    assertThat(right.body()).contains("账户已暂时锁定");
    assertThat(client.cookies).doesNotContainKey("sq_console");
    List<AuditEvent> events = eventsSince(before);
    assertThat(events).extracting(AuditEvent::action).containsOnly(AuditAction.CONSOLE_SIGN_IN).hasSize(6);
    assertThat(events).extracting(AuditEvent::outcome).containsOnly(AuditOutcome.DENIED);
    assertThat(events.get(0).actor().operatorId()).hasValue("clerk");
    assertThat(events.get(0).actor().departmentCode()).isEqualTo(TestCity.code(health));

    fixture.clock.runAhead(Duration.ofMinutes(16));
    assertThat(client.signIn(clerk, clerk.password(), now()).statusCode()).as("after the lock").isEqualTo(303);
  }

  @Test
  void aDecision_withoutOrWithAWrongCsrfToken_isRefused_andTheGrantStaysPending() {
    Credentials approver = official("approver", health, "APPROVER");
    Grant grant = pendingApplication("出生医学证明信息");
    ConsoleClient client = signedIn(approver);
    String token = client.csrf();

    HttpResponse<String> missing = client.post("/decisions", Map.of("id", grant.id(), "decision", "approve"));
    HttpResponse<String> wrong = client.post("/decisions", Map.of("id", grant.id(), "decision", "approve",
        "_csrf", token.substring(1) + "x"));

    assertThat(missing.statusCode()).isEqualTo(403);
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(missing.body()).contains("CSRF");
    assertThat(fixture.client(health).getGrant(grant.id()).status().name()).isEqualTo("PENDING");

    HttpResponse<String> approved = client.post("/decisions", Map.of("id", grant.id(), "decision", "approve", "_csrf", token));
    assertThat(approved.statusCode()).isEqualTo(303);
    assertThat(fixture.client(health).getGrant(grant.id()).status().name()).isEqualTo("APPROVED");
  }

  @Test
  void aPostFromAnotherOrigin_isRefused_evenWithTheToken() {
    Credentials approver = official("approver", health, "APPROVER");
    Grant grant = pendingApplication("出生医学证明信息");
    ConsoleClient client = signedIn(approver);
    String token = client.csrf();

    HttpResponse<String> crossSite = client.post("/decisions", Map.of("id", grant.id(), "decision", "approve",
        "_csrf", token), "https://evil.example.com");
    assertThat(crossSite.statusCode()).isEqualTo(403);
    assertThat(fixture.client(health).getGrant(grant.id()).status().name()).isEqualTo("PENDING");

    String self = "http://" + fixture.hub().uri().getAuthority();
    assertThat(client.post("/decisions", Map.of("id", grant.id(), "decision", "approve", "_csrf", token), self)
        .statusCode()).isEqualTo(303);
  }

  @Test
  void anOfficialOfAnotherDepartment_neitherSeesNorDecidesTheApplication() {
    Credentials civilApprover = official("civil", civil, "APPROVER");
    Grant grant = pendingApplication("出生医学证明信息");
    ConsoleClient client = signedIn(civilApprover);

    assertThat(client.get("/applications").body()).doesNotContain(grant.id());
    HttpResponse<String> crafted = client.post("/decisions", Map.of("id", grant.id(), "decision", "refuse",
        "reason", "不是我的", "_csrf", client.csrf()));

    assertThat(crafted.statusCode()).isEqualTo(403);
    assertThat(fixture.client(health).getGrant(grant.id()).status().name()).isEqualTo("PENDING");
  }

  @Test
  void aViewer_cannotDecide_andARefusalNeedsAReason() {
    Credentials viewer = official("viewer", health, "VIEWER");
    Credentials approver = official("approver", health, "APPROVER");
    Grant grant = pendingApplication("出生医学证明信息");

    ConsoleClient asViewer = signedIn(viewer);
    assertThat(asViewer.post("/decisions", Map.of("id", grant.id(), "decision", "approve", "_csrf", asViewer.csrf()))
        .statusCode()).isEqualTo(403);
    ConsoleClient asApprover = signedIn(approver);
    HttpResponse<String> noReason = asApprover.post("/decisions", Map.of("id", grant.id(), "decision", "refuse",
        "_csrf", asApprover.csrf()));

    assertThat(noReason.statusCode()).isEqualTo(422);
    assertThat(fixture.client(health).getGrant(grant.id()).status().name()).isEqualTo("PENDING");
  }

  @Test
  void namesAndReasonsWithMarkup_areShownEscaped() {
    Credentials approver = official("approver", health, "APPROVER");
    Credentials requester = official("requester", police, "VIEWER");
    Grant grant = pendingApplication("<script>alert(1)</script>出生证明");
    ConsoleClient provider = signedIn(approver);
    provider.post("/decisions", Map.of("id", grant.id(), "decision", "refuse", "reason", "<img src=x onerror=alert(2)>",
        "_csrf", provider.csrf()));

    String detail = provider.get("/resource?code=" + java.net.URLEncoder.encode(grant.resourceCode(),
        java.nio.charset.StandardCharsets.UTF_8)).body();
    String mine = signedIn(requester).get("/applications").body();

    assertThat(detail).contains("&lt;script&gt;alert(1)&lt;/script&gt;出生证明").doesNotContain("<script>");
    assertThat(mine).contains("&lt;img src=x onerror=alert(2)&gt;").doesNotContain("<img");
  }

  @Test
  void theInbox_showsTheDeadline_andHighlightsAnOverdueApplication_whichTheHubAdministratorSeesToo() throws Exception {
    Credentials approver = official("approver", health, "APPROVER");
    Grant grant = pendingApplication("出生医学证明信息");
    String deadline = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
        .withZone(java.time.ZoneId.of("Asia/Shanghai")).format(grant.decideBy().orElseThrow());

    String before = signedIn(approver).get("/applications").body();
    assertThat(before).contains(deadline).doesNotContain("class=\"overdue\"").doesNotContain("已逾期");

    fixture.clock.runAhead(Duration.between(java.time.Instant.now(), grant.decideBy().get()).plusMinutes(1));
    String after = signedIn(approver).get("/applications").body();
    assertThat(after).contains("<tr data-grant=\"" + grant.id() + "\" class=\"overdue\">", "（已逾期）");

    Credentials root = ConsoleTestSupport.fromBootstrapFile(Files.readString(fixture.dataDirectory(0)
        .resolve("console-admin.txt")));
    String all = signedIn(root).get("/applications").body();
    assertThat(all).contains("全部申请", grant.id(), "（已逾期）");
  }

  @Test
  void clientMistakes_getA4xxPage_never5xx() {
    Credentials approver = official("approver", health, "APPROVER");
    ConsoleClient client = signedIn(approver);
    String token = client.csrf();

    assertThat(client.post("/decisions", Map.of("_csrf", token, "id", "x".repeat(100 * 1024), "decision", "approve"))
        .statusCode()).as("oversize form").isEqualTo(413);
    assertThat(client.post("/decisions", Map.of("_csrf", token, "id", "no-such-grant", "decision", "approve"))
        .statusCode()).isEqualTo(404);
    assertThat(client.post("/decisions", Map.of("_csrf", token, "id", "x", "decision", "maybe")).statusCode())
        .isEqualTo(400);
    assertThat(client.get("/catalog?sharingType=SOMETIMES").statusCode()).isEqualTo(400);
    assertThat(client.get("/catalog?page=-1").statusCode()).isEqualTo(400);
    assertThat(client.get("/resource").statusCode()).isEqualTo(400);
    assertThat(client.get("/resource?code=9%2099%20999%2F999999").statusCode()).isEqualTo(404);
    assertThat(client.get("/no-such-page").statusCode()).isEqualTo(404);
    assertThat(client.post("/applications", Map.of("_csrf", token, "code", "1 01 003/999999", "purpose", "p",
        "legalBasis", "b", "until", "not-a-date")).statusCode()).isEqualTo(400);
  }

  @Test
  void anIdleSession_expires_andSignOutEndsIt() {
    Credentials clerk = official("clerk", health, "VIEWER");
    ConsoleClient client = signedIn(clerk);
    fixture.clock.runAhead(Duration.ofMinutes(16));

    assertThat(client.get("/catalog").headers().firstValue("Location")).hasValue("/console/sign-in");

    ConsoleClient again = signedIn(clerk);
    String cookie = again.cookies.get("sq_console");
    assertThat(again.post("/sign-out", Map.of("_csrf", again.csrf())).statusCode()).isEqualTo(303);
    again.cookies.put("sq_console", cookie);
    assertThat(again.get("/catalog").headers().firstValue("Location")).as("the old cookie after sign-out")
        .hasValue("/console/sign-in");
  }

  @Test
  void approving_isAuditedWithTheOfficialAndTheDepartment() {
    Credentials approver = official("wang.fang", health, "APPROVER");
    Grant grant = pendingApplication("出生医学证明信息");
    ConsoleClient client = signedIn(approver);
    long before = fixture.hub().auditEntries();

    client.post("/decisions", Map.of("id", grant.id(), "decision", "approve", "_csrf", client.csrf()));

    AuditEvent approve = eventsSince(before).stream().filter(e -> e.action() == AuditAction.GRANT_APPROVE).findFirst()
        .orElseThrow();
    assertThat(approve.actor().operatorId()).hasValue("wang.fang");
    assertThat(approve.actor().departmentCode()).isEqualTo(TestCity.code(health));
    assertThat(approve.actor().system()).isEqualTo("shuqiao-console");
    assertThat(approve.grantId()).hasValue(grant.id());
  }

  @Test
  void theConfiguredAdministrator_isCreatedOnce_withItsSecretsInAnOwnerOnlyFile() throws Exception {
    java.nio.file.Path file = fixture.dataDirectory(0).resolve("console-admin.txt");
    Credentials root = ConsoleTestSupport.fromBootstrapFile(Files.readString(file));

    assertThat(root.username()).isEqualTo("root");
    assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(
        java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    ConsoleClient client = signedIn(root);
    assertThat(client.get("/officials").body()).contains("新增工作人员");
    assertThat(fixture.hub().auditEvent(0).action()).isEqualTo(AuditAction.CONSOLE_ENROL);

    long before = fixture.hub().auditEntries();
    HttpResponse<String> enrolled = client.post("/officials", Map.of("_csrf", client.csrf(), "username", "chen.jing",
        "displayName", "陈静", "department", TestCity.code(health), "role", "DEPT_ADMIN"));

    assertThat(enrolled.statusCode()).isEqualTo(201);
    Credentials chen = new Credentials("chen.jing", between(enrolled.body(), "id=\"new-password\">", "<"),
        between(enrolled.body(), "id=\"new-secret\">", "<"));
    AuditEvent enrol = eventsSince(before).get(0);
    assertThat(enrol.action()).isEqualTo(AuditAction.CONSOLE_ENROL);
    assertThat(enrol.actor().operatorId()).hasValue("root");
    assertThat(enrol.messageId()).hasValue("console:enrol/chen.jing");
    ConsoleClient deptAdmin = signedIn(chen);
    assertThat(deptAdmin.get("/officials").body()).contains("chen.jing").doesNotContain(">root<");
  }

  private static String between(String text, String start, String end) {
    int from = text.indexOf(start) + start.length();
    return text.substring(from, text.indexOf(end, from));
  }

  private List<AuditEvent> eventsSince(long index) {
    List<AuditEvent> events = new ArrayList<>();
    for (long i = index; i < fixture.hub().auditEntries(); i++) {
      events.add(fixture.hub().auditEvent(i));
    }
    return events;
  }
}
