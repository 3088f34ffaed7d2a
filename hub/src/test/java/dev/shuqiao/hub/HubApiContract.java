package dev.shuqiao.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shuqiao.audit.AuditAction;
import dev.shuqiao.audit.AuditEvent;
import dev.shuqiao.audit.Checkpoint;
import dev.shuqiao.audit.NoteKeys;
import dev.shuqiao.client.ConflictException;
import dev.shuqiao.client.ForbiddenException;
import dev.shuqiao.client.RawRequests;
import dev.shuqiao.client.ShuqiaoClient;
import dev.shuqiao.client.ValidationException;
import dev.shuqiao.client.model.CatalogResource;
import dev.shuqiao.client.model.CreateGrantOptions;
import dev.shuqiao.client.model.Grant;
import dev.shuqiao.client.model.GrantRole;
import dev.shuqiao.client.model.GrantStatus;
import dev.shuqiao.client.model.ListGrantsOptions;
import dev.shuqiao.client.model.RegisteredDepartment;
import dev.shuqiao.client.model.ResourceVersion;
import dev.shuqiao.client.model.SearchOptions;
import dev.shuqiao.client.model.SearchPage;
import dev.shuqiao.client.model.CreateDepartmentOptions;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.Pem;
import dev.shuqiao.crypto.KeyAlgorithm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The hub's behaviour through the real client over real sockets; run against H2 ({@link HubApiIT})
 * and PostgreSQL ({@link HubApiPostgresIT}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HubApiContract {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  HubFixture fixture;
  DepartmentIdentity health;
  DepartmentIdentity police;
  ShuqiaoClient healthClient;
  ShuqiaoClient policeClient;

  abstract HubFixture startFixture();

  @BeforeAll
  void start() {
    fixture = startFixture();
    health = fixture.register("柳州市卫生健康委员会", KeyAlgorithm.SM2);
    police = fixture.register("柳州市公安局", KeyAlgorithm.ED25519);
    healthClient = fixture.client(health);
    policeClient = fixture.client(police);
  }

  @AfterAll
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  static String nextCode() {
    return String.format("1 01 003/%06d", SEQUENCE.incrementAndGet());
  }

  String registerConditional() {
    String code = nextCode();
    healthClient.createResources(Descriptors.catalog(Descriptors.conditional(code, TestCity.code(health), "出生医学证明信息")));
    return code;
  }

  Grant apply(ShuqiaoClient consumer, String code, Instant until) {
    return consumer.createGrant(new CreateGrantOptions(code, List.of("证明编号"), "出生一件事户籍登记",
        "《户口登记条例》第七条", Instant.now().minusSeconds(60), until));
  }

  @Test
  void departments_areRegisteredListedAndSuspended() {
    DepartmentIdentity insurance = fixture.register("柳州市医疗保障局", KeyAlgorithm.ECDSA_P256);
    List<String> codes = StreamSupport.stream(policeClient.listDepartments().spliterator(), false)
        .map(RegisteredDepartment::code).toList();
    assertThat(codes).contains(TestCity.code(health), TestCity.code(police), TestCity.code(insurance));
    assertThat(policeClient.getDepartment(TestCity.code(insurance)).name()).isEqualTo("柳州市医疗保障局");

    RegisteredDepartment suspended = fixture.adminClient.suspendDepartment(TestCity.code(insurance));

    assertThat(suspended.status()).isEqualTo("SUSPENDED");
    assertThatThrownBy(() -> fixture.client(insurance).searchResourcesPage(SearchOptions.builder().build(), 0))
        .isInstanceOf(ForbiddenException.class).hasFieldOrPropertyWithValue("type", "department-suspended");
  }

  @Test
  void catalog_registersGetsUpdatesAndRetiresWithVersionHistory() {
    String code = nextCode();
    String provider = TestCity.code(health);
    List<CatalogResource> created = healthClient.createResources(
        Descriptors.catalog(Descriptors.conditional(code, provider, "出生医学证明信息")));
    assertThat(created).singleElement().satisfies(r -> {
      assertThat(r.code()).isEqualTo(code);
      assertThat(r.sharingType()).isEqualTo("CONDITIONAL");
      assertThat(r.version()).isEqualTo(1);
    });
    assertThat(policeClient.getResource(code).descriptorJson()).hasValueSatisfying(json -> assertThat(json).contains("证明编号"));

    CatalogResource updated = healthClient.updateResource(code,
        Descriptors.catalog(Descriptors.unconditional(code, provider, "出生医学证明摘要")));
    assertThat(updated.version()).isEqualTo(2);
    assertThat(updated.sharingType()).isEqualTo("UNCONDITIONAL");

    CatalogResource retired = healthClient.deleteResource(code);
    assertThat(retired.status()).isEqualTo("RETIRED");
    assertThat(policeClient.listResourceVersions(code)).extracting(ResourceVersion::change)
        .containsExactly("REGISTER", "UPDATE", "RETIRE");
    assertThat(policeClient.searchResourcesPage(SearchOptions.builder().text("出生医学证明摘要").build(), 0).items())
        .extracting(CatalogResource::code).doesNotContain(code);
    assertThat(policeClient.searchResourcesPage(SearchOptions.builder().text("出生医学证明摘要").includeRetired(true).build(), 0)
        .items()).extracting(CatalogResource::code).contains(code);
  }

  @Test
  void search_pagesThroughEveryMatchAndCountsFacets() {
    String provider = TestCity.code(health);
    String token = "Z" + SEQUENCE.incrementAndGet() + "Q";
    List<String> resources = new ArrayList<>();
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      String code = nextCode();
      codes.add(code);
      resources.add(i % 3 == 0 ? Descriptors.unconditional(code, provider, "统计" + token)
          : Descriptors.conditional(code, provider, "证明" + token));
    }
    healthClient.createResources(Descriptors.catalog(resources.toArray(String[]::new)));

    SearchOptions options = SearchOptions.builder().text(token.toLowerCase()).pageSize(10).build();
    SearchPage first = policeClient.searchResourcesPage(options, 0);
    List<String> all = StreamSupport.stream(policeClient.searchResources(options).spliterator(), false)
        .map(CatalogResource::code).toList();

    assertThat(first.total()).isEqualTo(23);
    assertThat(first.items()).hasSize(10);
    assertThat(first.hasMore()).isTrue();
    assertThat(first.facets().get("sharingType")).containsEntry("UNCONDITIONAL", 8L).containsEntry("CONDITIONAL", 15L);
    assertThat(first.facets().get("provider")).containsEntry(provider, 23L);
    assertThat(all).containsExactlyInAnyOrderElementsOf(codes);
    SearchPage filtered = policeClient.searchResourcesPage(SearchOptions.builder().text(token)
        .sharingType("UNCONDITIONAL").format("SPREADSHEET").provider(provider).classification("1 01")
        .updatedSince(Instant.now().minus(Duration.ofHours(1))).build(), 0);
    assertThat(filtered.total()).isEqualTo(8);
  }

  @Test
  void search_returnsExactlyTheSubstringMatches_throughTheTextIndex() {
    String provider = TestCity.code(health);
    String token = "Tk" + SEQUENCE.incrementAndGet();
    // Unusual code points keep one- and two-character queries to this test's own resources.
    List<String> names = List.of("不动产㐀登记" + token, "不动资产与动产" + token, "100%_完成㐁" + token,
        "ABC\uD83D\uDE00DEF" + token, "㐂㐃" + token);
    Map<String, String> texts = new java.util.LinkedHashMap<>();
    List<String> resources = new ArrayList<>();
    for (String name : names) {
      String code = nextCode();
      texts.put(code, (name + "\n" + name + "的登记信息，供联办使用。\n证明编号\n出生体重").toLowerCase(java.util.Locale.ROOT));
      resources.add(Descriptors.unconditional(code, provider, name));
    }
    healthClient.createResources(Descriptors.catalog(resources.toArray(String[]::new)));

    for (String query : List.of("不动产", "动产", "不动资产与动产", "㐀", "㐁", "㐂㐃", "\uD83D\uDE00", "C\uD83D\uDE00D",
        "%", "0%_", "_", "%完", token.toUpperCase(java.util.Locale.ROOT), "产㐀登", "㐃" + token.toLowerCase(), "登记")) {
      List<String> expected = texts.entrySet().stream()
          .filter(e -> e.getValue().contains(query.toLowerCase(java.util.Locale.ROOT))).map(Map.Entry::getKey).toList();
      SearchOptions options = SearchOptions.builder().text(query).pageSize(2).build();
      List<String> all = StreamSupport.stream(policeClient.searchResources(options).spliterator(), false)
          .map(CatalogResource::code).toList();
      assertThat(all.stream().filter(texts::containsKey).toList()).as(query).containsExactlyElementsOf(expected);
      assertThat(all).as(query).doesNotHaveDuplicates().isSortedAccordingTo(String::compareTo);
      assertThat(policeClient.searchResourcesPage(options, 0).total()).as(query).isEqualTo(all.size());
    }
    assertThat(policeClient.searchResourcesPage(SearchOptions.builder().text("㐀").build(), 0).total()).isEqualTo(1);

    String first = texts.keySet().iterator().next();
    healthClient.updateResource(first, Descriptors.catalog(Descriptors.conditional(first, provider, "改名㐄" + token)));
    assertThat(policeClient.searchResourcesPage(SearchOptions.builder().text("㐀").build(), 0).total()).isZero();
    SearchPage renamed = policeClient.searchResourcesPage(SearchOptions.builder().text("㐄").build(), 0);
    assertThat(renamed.items()).extracting(CatalogResource::code).containsExactly(first);
    assertThat(renamed.facets().get("sharingType")).containsExactly(Map.entry("CONDITIONAL", 1L));
    healthClient.deleteResource(first);
    assertThat(policeClient.searchResourcesPage(SearchOptions.builder().text("㐄").build(), 0).total()).isZero();
    assertThat(policeClient.searchResourcesPage(SearchOptions.builder().text("改名㐄").includeRetired(true).build(), 0)
        .items()).extracting(CatalogResource::code).containsExactly(first);
  }

  @Test
  void grants_pendingApplicationIsWithdrawnByItsConsumerOnly() throws Exception {
    String code = registerConditional();
    Grant applied = apply(policeClient, code, Instant.now().plus(Duration.ofDays(30)));
    assertThatThrownBy(() -> healthClient.withdrawGrant(applied.id(), "不是我的申请")).isInstanceOf(ForbiddenException.class);

    Grant withdrawn = policeClient.withdrawGrantAsync(applied.id(), "业务调整，不再需要").get();
    assertThat(withdrawn.status()).isEqualTo(GrantStatus.WITHDRAWN);
    AuditEvent recorded = fixture.hub().auditEvent(fixture.hub().auditEntries() - 1);
    assertThat(recorded.action()).isEqualTo(AuditAction.GRANT_WITHDRAW);
    assertThat(recorded.actor().departmentCode()).isEqualTo(TestCity.code(police));
    assertThat(withdrawn.decidedBy()).contains(TestCity.code(police));
    assertThat(withdrawn.reason()).contains("业务调整，不再需要");
    assertThatThrownBy(() -> healthClient.approveGrant(applied.id(), null)).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> policeClient.withdrawGrant(applied.id(), null)).isInstanceOf(ConflictException.class);
    assertThat(policeClient.listGrantsPageAsync(ListGrantsOptions.of(GrantRole.CONSUMER, GrantStatus.WITHDRAWN), 0).get()
        .items()).extracting(Grant::id).contains(applied.id());
    assertThat(policeClient.listDepartmentsPageAsync(0).get().items()).extracting(RegisteredDepartment::code)
        .contains(TestCity.code(police), TestCity.code(health));
  }

  @Test
  void grants_areAppliedForApprovedRevokedAndRefusedWithReasons() {
    String code = registerConditional();
    Grant applied = apply(policeClient, code, Instant.now().plus(Duration.ofDays(30)));
    assertThat(applied.status()).isEqualTo(GrantStatus.PENDING);
    assertThat(healthClient.listGrants(ListGrantsOptions.of(GrantRole.PROVIDER, GrantStatus.PENDING)))
        .extracting(Grant::id).contains(applied.id());
    assertThat(policeClient.listGrants(ListGrantsOptions.of(GrantRole.CONSUMER))).extracting(Grant::id).contains(applied.id());

    Grant approved = healthClient.approveGrant(applied.id(), null);
    assertThat(approved.status()).isEqualTo(GrantStatus.APPROVED);
    assertThat(approved.decidedBy()).contains(TestCity.code(health));
    Grant revoked = healthClient.revokeGrant(applied.id(), "联办业务已结束");
    assertThat(revoked.status()).isEqualTo(GrantStatus.REVOKED);
    assertThat(fixture.hub().auditEvent(fixture.hub().auditEntries() - 1).action()).isEqualTo(AuditAction.GRANT_REVOKE);
    assertThat(policeClient.getGrant(applied.id()).reason()).contains("联办业务已结束");

    Grant second = apply(policeClient, code, Instant.now().plus(Duration.ofDays(30)));
    assertThatThrownBy(() -> healthClient.refuseGrant(second.id(), " "))
        .isInstanceOf(ValidationException.class).hasFieldOrPropertyWithValue("type", "reason-required");
    Grant refused = healthClient.refuseGrant(second.id(), "申请用途与共享条件不符");
    assertThat(refused.status()).isEqualTo(GrantStatus.REFUSED);
    assertThatThrownBy(() -> healthClient.approveGrant(second.id(), null))
        .isInstanceOf(ConflictException.class).hasFieldOrPropertyWithValue("type", "grant-state");
  }

  @Test
  void grants_areNotNeededForUnconditionalAndImpossibleForNotSharedResources() {
    String provider = TestCity.code(health);
    String open = nextCode();
    String closed = nextCode();
    healthClient.createResources(Descriptors.catalog(Descriptors.unconditional(open, provider, "出生人数统计"),
        Descriptors.notShared(closed, provider, "出生病历")));

    assertThatThrownBy(() -> apply(policeClient, open, Instant.now().plus(Duration.ofDays(1))))
        .isInstanceOf(ConflictException.class).hasFieldOrPropertyWithValue("type", "grant-not-needed");
    assertThatThrownBy(() -> apply(policeClient, closed, Instant.now().plus(Duration.ofDays(1))))
        .isInstanceOf(ValidationException.class).hasFieldOrPropertyWithValue("type", "not-shareable");
  }

  @Test
  void grants_expireAtTheEndOfTheirPeriod() {
    // The hub's and clients' clock stands still, so the grant is applied for and approved before its
    // end however long that takes, and its end comes when the test says, not after a sleep.
    // Whole seconds: the database keeps microseconds, and H2 rounds the nanoseconds of Instant.now()
    // half up, so a grant to 12:00:00.123456789 is stored as ending at .123457, after the clock's end.
    Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    Instant until = now.plus(Duration.ofMinutes(1));
    fixture.clock.stopAt(now);
    try {
      String code = registerConditional();
      Grant grant = apply(policeClient, code, until);
      healthClient.approveGrant(grant.id(), "同意");
      fixture.clock.stopAt(until.minusMillis(1));
      assertThat(policeClient.getGrant(grant.id()).status()).isEqualTo(GrantStatus.APPROVED);

      fixture.clock.stopAt(until);

      assertThat(policeClient.getGrant(grant.id()).status()).isEqualTo(GrantStatus.EXPIRED);
      assertThat(policeClient.listGrants(ListGrantsOptions.of(GrantRole.CONSUMER, GrantStatus.EXPIRED)))
          .extracting(Grant::id).contains(grant.id());
      assertThatThrownBy(() -> healthClient.revokeGrant(grant.id(), "到期"))
          .isInstanceOf(ConflictException.class);
    } finally {
      fixture.clock.run();
    }
  }

  @Test
  void writes_repeatedWithTheSameIdempotencyKey_applyOnce() {
    String code = registerConditional();
    RawRequests raw = new RawRequests(fixture.hub().uri(), police);
    // Dated from now: a fixed validUntil (it was 2027-06-01) fails once that day has passed.
    byte[] body = RawRequests.utf8("{\"resourceCode\":\"" + code + "\",\"items\":[\"证明编号\"],\"purpose\":\"户籍登记\","
        + "\"legalBasis\":\"《户口登记条例》\",\"validFrom\":\"" + Instant.now().minus(Duration.ofDays(1))
        + "\",\"validUntil\":\"" + Instant.now().plus(Duration.ofDays(180)) + "\"}");
    Map<String, String> key = Map.of("Idempotency-Key", "retry-key-" + SEQUENCE.incrementAndGet());

    RawRequests.Answer first = raw.send("POST", "/v1/grants", body, key);
    RawRequests.Answer second = raw.send("POST", "/v1/grants", body, key);
    RawRequests.Answer reused = raw.send("POST", "/v1/grants", RawRequests.utf8("{\"resourceCode\":\"x\"}"), key);

    assertThat(first.status()).isEqualTo(201);
    assertThat(second.status()).isEqualTo(201);
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(reused.status()).isEqualTo(422);
    assertThat(reused.body()).contains("idempotency-key-reused");
    long applications = StreamSupport.stream(healthClient.listGrants(ListGrantsOptions.of(GrantRole.PROVIDER)).spliterator(), false)
        .filter(g -> g.resourceCode().equals(code)).count();
    assertThat(applications).isEqualTo(1);
  }

  @Test
  void audit_recordsEveryChangeAndPublishesSignedCheckpoints() throws Exception {
    long before = fixture.hub().auditEntries();
    String code = registerConditional();
    Grant grant = apply(policeClient, code, Instant.now().plus(Duration.ofDays(3)));
    healthClient.approveGrant(grant.id(), null);
    assertThat(fixture.hub().auditEntries() - before).isEqualTo(3);

    String note = policeClient.getAuditCheckpoint();
    String key = get("/v1/audit/verifier-key").body();
    Checkpoint checkpoint = Checkpoint.parse(note);
    checkpoint.verify(NoteKeys.verifier(key));
    assertThat(checkpoint.treeSize()).isGreaterThanOrEqualTo(before + 3);
  }

  @Test
  void health_andMetrics_answerWithoutSignature() throws Exception {
    HttpResponse<String> health = get("/health");
    HttpResponse<String> metrics = get("/metrics");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("UP");
    assertThat(metrics.body()).contains("shuqiao_hub_requests_total{status=\"2xx\"}");
  }

  @Test
  void asyncVariants_completeWithTheSameResults() {
    String code = registerConditional();
    CatalogResource resource = policeClient.getResourceAsync(code).join();
    Grant grant = policeClient.createGrantAsync(new CreateGrantOptions(code, List.of("出生体重"), "统计分析",
        "《统计法》", Instant.now(), Instant.now().plus(Duration.ofDays(1)))).join();
    assertThat(resource.code()).isEqualTo(code);
    assertThat(healthClient.approveGrantAsync(grant.id(), null).join().status()).isEqualTo(GrantStatus.APPROVED);
  }

  HttpResponse<String> get(String path) throws Exception {
    URI uri = fixture.hub().uri().resolve(path);
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * An all-digit credit code with a birth date at characters 7-14 (division code 450119) but no
   * identity-number check digit: registered, and it acts and is audited like any other (this used
   * to be a 500 on every audited change).
   */
  @org.junit.jupiter.api.Test
  void creditCodeWithADateInside_registersAndActs() {
    DepartmentIdentity identity = fixture.city.department("柳州市某局", KeyAlgorithm.ED25519,
        dev.shuqiao.catalog.CreditCode.parse("914501199001011062"));
    fixture.adminClient.createDepartment(new CreateDepartmentOptions("914501199001011062", "柳州市某局",
        Pem.encode(identity.certificate()), "https://x.example.gov.cn"));
    String code = HubApiContract.nextCode();
    fixture.client(identity).createResources(Descriptors.catalog(Descriptors.conditional(code, "914501199001011062",
        "日期形信用代码资源")));
    assertThat(fixture.client(identity).getResource(code).providerCode()).isEqualTo("914501199001011062");
    assertThat(fixture.hub().auditEvent(fixture.hub().auditEntries() - 1).actor().departmentCode())
        .isEqualTo("914501199001011062");
  }
}
