package dev.shuqiao.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.shuqiao.audit.Actor;
import dev.shuqiao.audit.AuditAction;
import dev.shuqiao.audit.AuditEvent;
import dev.shuqiao.audit.AuditLog;
import dev.shuqiao.audit.AuditOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner against {@link FakeHub}, a real in-process stand-in for the hub and its providers (the
 * exchange channel is being built alongside; the end-to-end bundle ITs belong next to its ITs in the
 * hub module). Real audit log, real journal files.
 */
class BundleRunnerTest {

  static final String BIRTH = "1 01 003/000001";
  static final String HOUSEHOLD = "1 01 001/000001";
  static final String INSURANCE = "2 03 001/000042";
  static final String CARD = "2 04 001/000007";
  static final String CASE = "BIRTH-450200-000017";

  @TempDir Path dir;
  private final FakeHub hub = new FakeHub();
  private final List<AuditEvent> events = new CopyOnWriteArrayList<>();
  private AuditLog auditLog;
  private BundleRunner runner;
  private final BundleDefinition birth = Fixtures.birth();

  @BeforeEach
  void setUp() {
    auditLog = AuditLog.builder().directory(dir.resolve("audit")).origin("audit.service-center.test").open();
    runner = BundleRunner.builder().stepExchange(hub.exchange())
        .auditRecorder(event -> {
          events.add(event);
          return auditLog.record(event);
        })
        .actor(Actor.of("11450200B76543212A", "service-center"))
        .journalDirectory(dir.resolve("cases")).journalKey(Fixtures.JOURNAL_KEY).retryBackoff(Duration.ZERO).build();
    hub.handle(BIRTH, (id, p) -> List.of(FakeHub.record("出生医学证明编号", p.get("出生医学证明编号"), "新生儿姓名", "张小宝",
            "母亲身份证号", "450202199001010026")))
        .handle(HOUSEHOLD, (id, p) -> List.of(FakeHub.record("公民身份号码", "450202202601010012", "户号", "450200123")))
        .handle(INSURANCE, (id, p) -> List.of(FakeHub.record("参保人员编号", "YB2026000017", "参保状态", "01")))
        .handle(CARD, (id, p) -> List.of(FakeHub.record("社保卡号", "SB2026000017", "申领状态", "01")));
  }

  @AfterEach
  void tearDown() throws Exception {
    runner.close();
    auditLog.close();
  }

  static Application application(String caseId, BundleDefinition definition) {
    return Application.builder(caseId).subject("450202202601010012").formField("birthCertificateNumber", "Q450200123")
        .consent(Consent.builder().reference("CONSENT-" + caseId).grantedAt(Instant.now())
            .allowAll(definition.consentScope()).build())
        .build();
  }

  private List<AuditEvent> stepEvents() {
    return events.stream().filter(e -> e.action() == AuditAction.BUNDLE_STEP).toList();
  }

  @Test
  void run_deliversEveryStepInDependencyOrderWithOutputsAsInputs() {
    BundleResult result = runner.run(birth, application(CASE, birth));

    assertThat(result.status()).isEqualTo(BundleResult.Status.COMPLETED);
    assertThat(result.steps()).extracting(BundleResult.StepOutcome::state).containsOnly(BundleResult.StepState.DELIVERED);
    assertThat(hub.queries).extracting(Map.Entry::getKey).startsWith(BIRTH, HOUSEHOLD)
        .containsExactlyInAnyOrder(BIRTH, HOUSEHOLD, INSURANCE, CARD);
    assertThat(hub.queries.get(0).getValue()).containsExactly(Map.entry("出生医学证明编号", "Q450200123"));
    assertThat(hub.queries.get(1).getValue()).containsExactly(Map.entry("出生医学证明编号", "Q450200123"),
        Map.entry("新生儿姓名", "张小宝"));
    assertThat(hub.queries.subList(2, 4)).extracting(Map.Entry::getValue)
        .containsOnly(Map.of("公民身份号码", "450202202601010012"));
    assertThat(result.step("medical-insurance").flatMap(s -> s.value("参保人员编号"))).contains("YB2026000017");
  }

  @Test
  void run_threadsTheCaseIdAndEachMessageIdThroughTheAuditEvents() {
    BundleResult result = runner.run(birth, application(CASE, birth));

    List<AuditEvent> steps = stepEvents();
    assertThat(steps).hasSize(4).allSatisfy(e -> {
      assertThat(e.caseId()).contains(CASE);
      assertThat(e.outcome()).isEqualTo(AuditOutcome.SUCCESS);
      assertThat(e.subject()).isEmpty(); // no pseudonymizer configured: no subject, and never in clear
    });
    assertThat(steps).extracting(e -> e.messageId().orElseThrow()).containsExactlyInAnyOrderElementsOf(
        result.steps().stream().map(s -> s.messageId().orElseThrow().toString()).toList());
    assertThat(auditLog.size()).isEqualTo(4);
  }

  @Test
  void run_runsIndependentStepsAtTheSameTime() {
    CountDownLatch bothStarted = new CountDownLatch(2);
    List<Boolean> overlapped = new CopyOnWriteArrayList<>();
    FakeHub.Handler meetTheOther = (id, p) -> {
      bothStarted.countDown();
      try {
        overlapped.add(bothStarted.await(10, TimeUnit.SECONDS)); // false if the other step never started meanwhile
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return List.of(FakeHub.record("参保人员编号", "YB1", "社保卡号", "SB1"));
    };
    hub.handle(INSURANCE, meetTheOther).handle(CARD, meetTheOther);

    BundleResult result = runner.run(birth, application(CASE, birth));

    assertThat(overlapped).containsExactly(true, true);
    assertThat(result.status()).isEqualTo(BundleResult.Status.COMPLETED);
  }

  @Test
  void run_aFailingOptionalStepLeavesTheCasePartialWithItsReason() {
    hub.handle(CARD, (id, p) -> {
      throw new StepExchange.Failure("provider-refused: query-refused", true, true, null);
    });

    BundleResult result = runner.run(birth, application(CASE, birth));

    assertThat(result.status()).isEqualTo(BundleResult.Status.PARTIAL);
    BundleResult.StepOutcome card = result.step("social-security-card").orElseThrow();
    assertThat(card.state()).isEqualTo(BundleResult.StepState.FAILED);
    assertThat(card.reason()).contains("provider-refused: query-refused");
    assertThat(card.records()).isEmpty();
    assertThat(result.step("medical-insurance").orElseThrow().state()).isEqualTo(BundleResult.StepState.DELIVERED);
    assertThat(stepEvents()).filteredOn(e -> e.resourceCode().orElseThrow().equals(CARD))
        .singleElement().satisfies(e -> {
          assertThat(e.outcome()).isEqualTo(AuditOutcome.DENIED);
          assertThat(e.messageId()).contains(card.messageId().orElseThrow().toString());
        });
  }

  @Test
  void run_aFailingRequiredStepSkipsItsDependantsAndResumeCompletesWithoutRepeatingDeliveredSteps() {
    AtomicBoolean policeDown = new AtomicBoolean(true);
    hub.handle(HOUSEHOLD, (id, p) -> {
      if (policeDown.get()) {
        throw new StepExchange.Failure("provider-unavailable", true, false, null);
      }
      return List.of(FakeHub.record("公民身份号码", "450202202601010012", "户号", "450200123"));
    });

    BundleResult first = runner.run(birth, application(CASE, birth));

    assertThat(first.status()).isEqualTo(BundleResult.Status.FAILED);
    assertThat(first.steps()).extracting(s -> s.stepId() + " " + s.state() + " " + s.reason().orElse(""))
        .containsExactly("birth-certificate DELIVERED ", "household FAILED provider-unavailable",
            "medical-insurance SKIPPED input step 'household' failed",
            "social-security-card SKIPPED input step 'household' failed");
    assertThat(hub.runs(INSURANCE)).isZero();

    policeDown.set(false);
    BundleResult resumed = runner.resume(birth, CASE);

    assertThat(resumed.status()).isEqualTo(BundleResult.Status.COMPLETED);
    assertThat(hub.runs(BIRTH)).isEqualTo(1);
    assertThat(resumed.step("birth-certificate").orElseThrow().attempts()).isZero();
    assertThat(resumed.step("birth-certificate").orElseThrow().messageId())
        .isEqualTo(first.step("birth-certificate").orElseThrow().messageId());
    assertThat(hub.runs(HOUSEHOLD)).isEqualTo(2); // the refused message id is spent: the retry is a new exchange
    assertThat(resumed.step("household").orElseThrow().messageId())
        .isNotEqualTo(first.step("household").orElseThrow().messageId());
    assertThat(hub.runs(INSURANCE)).isEqualTo(1);
    assertThat(hub.runs(CARD)).isEqualTo(1);

    assertThat(runner.resume(birth, CASE).status()).isEqualTo(BundleResult.Status.COMPLETED);
    assertThat(hub.runs.values()).extracting(AtomicInteger::get).containsExactlyInAnyOrder(1, 2, 1, 1);
  }

  @Test
  void run_retriesAFailedStepAsOftenAsItsDefinitionSays() {
    AtomicInteger calls = new AtomicInteger();
    hub.handle(BIRTH, (id, p) -> {
      if (calls.incrementAndGet() == 1) {
        throw new StepExchange.Failure("provider-unavailable", true, false, null);
      }
      return List.of(FakeHub.record("出生医学证明编号", "Q450200123", "新生儿姓名", "张小宝"));
    });

    BundleResult result = runner.run(birth, application(CASE, birth)); // birth-certificate has retries: 1

    assertThat(result.status()).isEqualTo(BundleResult.Status.COMPLETED);
    assertThat(result.step("birth-certificate").orElseThrow().attempts()).isEqualTo(2);
    assertThat(result.step("household").orElseThrow().attempts()).isEqualTo(1);
  }

  @Test
  void run_withoutConsentIsRefusedBeforeAnythingIsSentOrJournaled() {
    Application noConsent = Application.builder(CASE).formField("birthCertificateNumber", "Q450200123").build();

    BundleException e = catchThrowableOfType(() -> runner.run(birth, noConsent), BundleException.class);

    assertThat(e.reason()).isEqualTo("consent-missing");
    assertThat(hub.queries).isEmpty();
    assertThat(dir.resolve("cases")).doesNotExist();
    assertThat(stepEvents()).hasSize(4).allSatisfy(event -> {
      assertThat(event.outcome()).isEqualTo(AuditOutcome.DENIED);
      assertThat(event.caseId()).contains(CASE);
      assertThat(event.messageId()).isEmpty();
    });
  }

  @Test
  void run_withAConsentThatDoesNotCoverEveryStepIsRefused() {
    Consent partial = Consent.builder().reference("CONSENT-1").grantedAt(Instant.now())
        .allow(BIRTH, List.of("出生医学证明编号", "新生儿姓名", "母亲身份证号"))
        .allow(HOUSEHOLD, List.of("公民身份号码")).build();
    Application application = Application.builder(CASE).formField("birthCertificateNumber", "Q1").consent(partial).build();

    BundleException e = catchThrowableOfType(() -> runner.run(birth, application), BundleException.class);

    assertThat(e.reason()).isEqualTo("consent-insufficient");
    assertThat(e.getMessage()).contains("household", "medical-insurance", "social-security-card")
        .doesNotContain("birth-certificate (");
    assertThat(hub.queries).isEmpty();
  }

  @Test
  void run_withAnExpiredConsentOrAnIncompleteFormIsRefused() {
    Consent expired = Consent.builder().reference("C").grantedAt(Instant.now().minusSeconds(60))
        .expiresAt(Instant.now().minusSeconds(1)).allowAll(birth.consentScope()).build();
    Application late = Application.builder(CASE).formField("birthCertificateNumber", "Q1").consent(expired).build();
    assertThat(catchThrowableOfType(() -> runner.run(birth, late), BundleException.class).reason())
        .isEqualTo("consent-expired");

    Application noForm = Application.builder(CASE).consent(application(CASE, birth).consent().orElseThrow()).build();
    assertThat(catchThrowableOfType(() -> runner.run(birth, noForm), BundleException.class).reason())
        .isEqualTo("form-incomplete");
    assertThat(hub.queries).isEmpty();
  }

  @Test
  void run_refusesACaseIdAlreadyStartedAndResumeRefusesAnUnknownOne() {
    runner.run(birth, application(CASE, birth));

    assertThat(catchThrowableOfType(() -> runner.run(birth, application(CASE, birth)), BundleException.class).reason())
        .isEqualTo("case-exists");
    assertThat(catchThrowableOfType(() -> runner.resume(birth, "NO-SUCH-CASE"), BundleException.class).reason())
        .isEqualTo("case-unknown");
    assertThat(hub.runs(BIRTH)).isEqualTo(1);
  }

  @Test
  void resume_refusesADefinitionOtherThanTheOneTheCaseStartedWith() {
    hub.handle(HOUSEHOLD, (id, p) -> {
      throw new StepExchange.Failure("provider-unavailable", true, false, null);
    });
    runner.run(birth, application(CASE, birth));
    BundleDefinition changed = Fixtures.birthWith("purpose: 出生一件事：社保卡申领", "purpose: 出生一件事：社保卡");

    BundleException e = catchThrowableOfType(() -> runner.resume(changed, CASE), BundleException.class);

    assertThat(e.reason()).isEqualTo("definition-changed");
  }

  @Test
  void run_aStepWithoutAValueForAnInputIsSkippedWithTheInputNamed() {
    hub.handle(HOUSEHOLD, (id, p) -> List.of()); // delivered, but no record

    BundleResult result = runner.run(birth, application(CASE, birth));

    assertThat(result.step("medical-insurance").orElseThrow().reason())
        .contains("input 公民身份号码 (steps.household.公民身份号码) has no value");
    assertThat(result.status()).isEqualTo(BundleResult.Status.FAILED);
  }

  @Test
  void run_aCaseIdThatIsNoPlainFileNameGetsAHashedJournal() throws Exception {
    String caseId = "出生/2026/17";
    runner.run(birth, application(caseId, birth));

    try (var files = Files.list(dir.resolve("cases"))) {
      assertThat(files.map(p -> p.getFileName().toString()).toList()).singleElement().asString()
          .startsWith("sha256-").endsWith(".case");
    }
    assertThat(runner.resume(birth, caseId).status()).isEqualTo(BundleResult.Status.COMPLETED);
  }
}
