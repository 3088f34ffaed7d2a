package dev.shuqiao.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shuqiao.audit.AuditAction;
import dev.shuqiao.audit.AuditEvent;
import dev.shuqiao.client.AuthenticationException;
import dev.shuqiao.client.ForbiddenException;
import dev.shuqiao.client.NotFoundException;
import dev.shuqiao.client.ShuqiaoClient;
import dev.shuqiao.client.ShuqiaoException;
import dev.shuqiao.client.ValidationException;
import dev.shuqiao.client.model.CreateDepartmentOptions;
import dev.shuqiao.client.model.RegisteredDepartment;
import dev.shuqiao.client.model.UpdateDepartmentOptions;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.KeyAlgorithm;
import dev.shuqiao.crypto.Pem;
import dev.shuqiao.crypto.TrustStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The department lifecycle (docs/hub-api.md "Department lifecycle") through the real client over
 * real sockets, on a hub with the production endpoint rule (https, public hosts); run against H2
 * ({@link DepartmentLifecycleIT}) and PostgreSQL ({@link DepartmentLifecyclePostgresIT}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DepartmentLifecycleContract {

  final TestCity city = new TestCity();
  HubFixture fixture;

  /** A hub under {@link #city}'s CA with {@code allowInsecureEndpoints(false)}. */
  abstract HubFixture startFixture();

  @BeforeAll
  void start() {
    fixture = startFixture();
  }

  @AfterEach
  void restoreTimeAndTrust() {
    fixture.clock.run();
    fixture.hub().reloadTrustStore(city.trust);
  }

  @AfterAll
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void rotation_byTheDepartmentWithItsCurrentKey_movesItToTheNewKey() {
    DepartmentIdentity old = fixture.register("柳州市卫生健康委员会", KeyAlgorithm.SM2);
    String code = TestCity.code(old);
    DepartmentIdentity next = city.department(old.department().name(), KeyAlgorithm.ED25519, old.department().creditCode(),
        Duration.ofDays(365));
    ShuqiaoClient oldClient = fixture.client(old);
    oldClient.getDepartment(code); // opens a signing session with the old key

    RegisteredDepartment rotated = oldClient.rotateDepartmentCertificate(code, Pem.encode(next.certificate()));

    assertThat(rotated.certificatePem()).isEqualTo(Pem.encode(next.certificate()));
    assertThat(rotated.status()).isEqualTo("ACTIVE");
    assertThat(rotated.certificateNotAfter()).isEqualTo(next.certificate().getNotAfter().toInstant());
    assertLastAudit(AuditAction.DEPARTMENT_ROTATE, code, code);
    // The old key (and the session it opened) is refused from now on; the new key is the department.
    assertType(() -> oldClient.getDepartment(code), AuthenticationException.class, "signature-invalid");
    assertType(() -> fixture.client(old).rotateDepartmentCertificate(code, Pem.encode(old.certificate())),
        AuthenticationException.class, "signature-invalid");
    assertThat(fixture.client(next).getDepartment(code).certificatePem()).isEqualTo(Pem.encode(next.certificate()));
    // Installing the current certificate again changes nothing and audits nothing.
    long entries = fixture.hub().auditEntries();
    assertThat(fixture.client(next).rotateDepartmentCertificate(code, Pem.encode(next.certificate())).status())
        .isEqualTo("ACTIVE");
    assertThat(fixture.hub().auditEntries()).isEqualTo(entries);
  }

  @Test
  void rotation_refusesOtherDepartmentsAndCertificatesThatDoNotFit() throws Exception {
    DepartmentIdentity earlier = city.department("柳州市民政局", KeyAlgorithm.SM2);
    awaitNextSecond(); // certificates carry whole seconds: the registered one must be strictly newer
    DepartmentIdentity current = city.department("柳州市民政局", KeyAlgorithm.SM2, earlier.department().creditCode(),
        Duration.ofDays(365));
    fixture.register(current);
    String code = TestCity.code(current);
    ShuqiaoClient self = fixture.client(current);
    DepartmentIdentity other = fixture.register("柳州市财政局", KeyAlgorithm.SM2);
    DepartmentIdentity stranger = new TestCity().department("外市民政局", KeyAlgorithm.SM2, earlier.department().creditCode(),
        Duration.ofDays(365));
    DepartmentIdentity next = city.department("柳州市民政局", KeyAlgorithm.SM2, earlier.department().creditCode(),
        Duration.ofDays(365));
    long entries = fixture.hub().auditEntries();

    assertType(() -> fixture.client(other).rotateDepartmentCertificate(code, Pem.encode(next.certificate())),
        ForbiddenException.class, "not-the-department");
    assertType(() -> self.rotateDepartmentCertificate(code, Pem.encode(other.certificate())),
        ValidationException.class, "certificate-mismatch");
    assertType(() -> self.rotateDepartmentCertificate(code, Pem.encode(stranger.certificate())),
        ValidationException.class, "certificate-untrusted");
    assertType(() -> self.rotateDepartmentCertificate(code, Pem.encode(earlier.certificate())),
        ValidationException.class, "certificate-older");
    assertType(() -> self.rotateDepartmentCertificate(code, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"),
        ValidationException.class, "invalid-certificate");
    assertType(() -> fixture.adminClient.rotateDepartmentCertificate("11450200MB0000000X", Pem.encode(next.certificate())),
        NotFoundException.class, "not-found");
    assertThat(fixture.hub().auditEntries()).isEqualTo(entries);
    assertThat(self.getDepartment(code).certificatePem()).isEqualTo(Pem.encode(current.certificate()));
  }

  @Test
  void revokedDepartment_showsRevoked_isRefused_andTheAdministratorRotatesItBackIn() {
    DepartmentIdentity old = fixture.register("柳州市公安局", KeyAlgorithm.SM2);
    String code = TestCity.code(old);
    assertThat(fixture.adminClient.getDepartment(code).status()).isEqualTo("ACTIVE");
    fixture.hub().reloadTrustStore(TrustStore.builder().addRoot(city.ca.certificate())
        .addCrl(city.ca.crl(List.of(old.certificate().getSerialNumber()), Duration.ofDays(2))).build());

    RegisteredDepartment shown = fixture.adminClient.getDepartment(code);
    assertThat(shown.status()).isEqualTo("REVOKED");
    assertThat(shown.active()).isFalse();
    assertThat(shown.suspended()).isFalse();
    assertThat(java.util.stream.StreamSupport.stream(fixture.adminClient.listDepartments().spliterator(), false).filter(d -> d.code().equals(code)))
        .extracting(RegisteredDepartment::status).containsExactly("REVOKED");
    assertType(() -> fixture.client(old).getDepartment(code), AuthenticationException.class, "certificate-revoked");
    assertType(() -> fixture.client(old).rotateDepartmentCertificate(code, Pem.encode(old.certificate())),
        AuthenticationException.class, "certificate-revoked");
    // The revoked certificate cannot be installed again, not even by the administrator.
    assertType(() -> fixture.adminClient.rotateDepartmentCertificate(code, Pem.encode(old.certificate())),
        ValidationException.class, "certificate-revoked");

    DepartmentIdentity next = city.department("柳州市公安局", KeyAlgorithm.SM2, old.department().creditCode(),
        Duration.ofDays(365));
    assertThat(fixture.adminClient.rotateDepartmentCertificate(code, Pem.encode(next.certificate())).status())
        .isEqualTo("ACTIVE");
    assertLastAudit(AuditAction.DEPARTMENT_ROTATE, fixture.adminCode(), code);
    assertThat(fixture.client(next).getDepartment(code).status()).isEqualTo("ACTIVE");
    assertType(() -> fixture.client(old).getDepartment(code), AuthenticationException.class, "signature-invalid");
  }

  @Test
  void expiredDepartment_showsExpired_isRefused_andTheAdministratorRotatesItBackIn() {
    DepartmentIdentity old = city.department("柳州市税务局", KeyAlgorithm.ED25519, Duration.ofHours(1));
    fixture.register(old);
    String code = TestCity.code(old);
    fixture.clock.runAhead(Duration.ofHours(2));

    assertThat(fixture.adminClient.getDepartment(code).status()).isEqualTo("EXPIRED");
    assertType(() -> fixture.client(old).getDepartment(code), AuthenticationException.class, "certificate-expired");
    assertType(() -> fixture.client(old).rotateDepartmentCertificate(code, Pem.encode(old.certificate())),
        AuthenticationException.class, "certificate-expired");

    DepartmentIdentity next = city.department("柳州市税务局", KeyAlgorithm.ED25519, old.department().creditCode(),
        Duration.ofDays(365));
    assertThat(fixture.adminClient.rotateDepartmentCertificate(code, Pem.encode(next.certificate())).status())
        .isEqualTo("ACTIVE");
    assertThat(fixture.client(next).getDepartment(code).status()).isEqualTo("ACTIVE");
  }

  @Test
  void suspendedDepartment_isReinstatedByTheAdministratorOnly() {
    DepartmentIdentity d = fixture.register("柳州市人力资源和社会保障局", KeyAlgorithm.SM2);
    String code = TestCity.code(d);
    ShuqiaoClient self = fixture.client(d);
    fixture.adminClient.suspendDepartment(code);
    assertLastAudit(AuditAction.DEPARTMENT_SUSPEND, fixture.adminCode(), code);
    RegisteredDepartment suspended = fixture.adminClient.getDepartment(code);
    assertThat(suspended.status()).isEqualTo("SUSPENDED");
    assertThat(suspended.suspended()).isTrue();
    assertType(() -> self.getDepartment(code), ForbiddenException.class, "department-suspended");
    assertType(() -> self.reinstateDepartment(code), ForbiddenException.class, "department-suspended");
    DepartmentIdentity other = fixture.register("柳州市医疗保障局", KeyAlgorithm.SM2);
    assertType(() -> fixture.client(other).reinstateDepartment(code), ForbiddenException.class, "admin-required");
    assertType(() -> fixture.adminClient.reinstateDepartment("11450200MB0000000X"), NotFoundException.class, "not-found");

    RegisteredDepartment reinstated = fixture.adminClient.reinstateDepartment(code);

    assertThat(reinstated.status()).isEqualTo("ACTIVE");
    assertThat(reinstated.suspended()).isFalse();
    assertLastAudit(AuditAction.DEPARTMENT_REINSTATE, fixture.adminCode(), code);
    assertThat(self.getDepartment(code).status()).isEqualTo("ACTIVE");
    long entries = fixture.hub().auditEntries();
    assertThat(fixture.adminClient.reinstateDepartment(code).status()).isEqualTo("ACTIVE");
    assertThat(fixture.hub().auditEntries()).as("reinstating an active department changes nothing").isEqualTo(entries);
  }

  @Test
  void suspendedAndRevoked_showsRevokedWithTheSuspensionFlag() {
    DepartmentIdentity d = fixture.register("柳州市审计局", KeyAlgorithm.SM2);
    String code = TestCity.code(d);
    fixture.adminClient.suspendDepartment(code);
    fixture.hub().reloadTrustStore(TrustStore.builder().addRoot(city.ca.certificate())
        .addCrl(city.ca.crl(List.of(d.certificate().getSerialNumber()), Duration.ofDays(2))).build());
    RegisteredDepartment shown = fixture.adminClient.getDepartment(code);
    assertThat(shown.status()).isEqualTo("REVOKED");
    assertThat(shown.suspended()).isTrue();
  }

  @Test
  void nameAndEndpoint_areChangedByTheDepartmentItself() {
    DepartmentIdentity d = fixture.register("柳州市自然资源局", KeyAlgorithm.SM2);
    String code = TestCity.code(d);
    ShuqiaoClient self = fixture.client(d);

    RegisteredDepartment renamed = self.updateDepartment(code, new UpdateDepartmentOptions("柳州市自然资源和规划局", null));
    assertThat(renamed.name()).isEqualTo("柳州市自然资源和规划局");
    assertLastAudit(AuditAction.DEPARTMENT_UPDATE, code, code);
    RegisteredDepartment moved = self.updateDepartment(code,
        new UpdateDepartmentOptions(null, "https://zrzy.liuzhou.example.gov.cn/shuqiao/v2"));
    assertThat(moved.endpointUrl()).isEqualTo("https://zrzy.liuzhou.example.gov.cn/shuqiao/v2");
    assertThat(moved.name()).isEqualTo("柳州市自然资源和规划局");
    assertThat(fixture.adminClient.getDepartment(code).endpointUrl()).isEqualTo("https://zrzy.liuzhou.example.gov.cn/shuqiao/v2");
    long entries = fixture.hub().auditEntries();
    self.updateDepartment(code, new UpdateDepartmentOptions("柳州市自然资源和规划局", null));
    assertThat(fixture.hub().auditEntries()).as("an update that changes nothing is not audited").isEqualTo(entries);

    DepartmentIdentity other = fixture.register("柳州市住房和城乡建设局", KeyAlgorithm.SM2);
    entries = fixture.hub().auditEntries();
    assertType(() -> fixture.client(other).updateDepartment(code, new UpdateDepartmentOptions("冒名", null)),
        ForbiddenException.class, "not-the-department");
    assertType(() -> fixture.adminClient.updateDepartment(code, new UpdateDepartmentOptions("冒名", null)),
        ForbiddenException.class, "department-required");
    assertType(() -> self.updateDepartment(code, new UpdateDepartmentOptions("\u200B\u200B", null)),
        ValidationException.class, "invalid-name");
    assertType(() -> self.updateDepartment(code, new UpdateDepartmentOptions("   ", null)),
        ValidationException.class, "invalid-field");
    assertType(() -> self.updateDepartment(code, new UpdateDepartmentOptions("名".repeat(201), null)),
        ValidationException.class, "invalid-field");
    for (String url : List.of("http://zrzy.liuzhou.example.gov.cn/shuqiao", "https://127.0.0.1:8443/shuqiao",
        "https://localhost/shuqiao", "https://10.20.30.40/shuqiao", "https://[::1]/shuqiao", "https://169.254.169.254/")) {
      assertType(() -> self.updateDepartment(code, new UpdateDepartmentOptions(null, url)), ValidationException.class,
          "insecure-endpoint");
    }
    assertType(() -> self.updateDepartment(code, new UpdateDepartmentOptions(null, "https://u:p@zrzy.example.gov.cn/")),
        ValidationException.class, "invalid-endpoint");
    assertThat(fixture.hub().auditEntries()).isEqualTo(entries);
    assertThat(self.getDepartment(code).endpointUrl()).isEqualTo("https://zrzy.liuzhou.example.gov.cn/shuqiao/v2");
    fixture.adminClient.suspendDepartment(code);
    assertType(() -> self.updateDepartment(code, new UpdateDepartmentOptions("停用后改名", null)),
        ForbiddenException.class, "department-suspended");
  }

  @Test
  void registration_refusesHttpAndNonPublicEndpoints() {
    for (String url : List.of("http://wjw.example.gov.cn/shuqiao", "https://127.0.0.1/shuqiao", "https://localhost:8443/x",
        "https://192.168.10.2/shuqiao", "https://[fd00::1]/x", "https://2130706433/x")) {
      DepartmentIdentity d = city.department("柳州市统计局", KeyAlgorithm.SM2);
      assertType(() -> fixture.adminClient.createDepartment(new CreateDepartmentOptions(TestCity.code(d), "柳州市统计局",
          Pem.encode(d.certificate()), url)), ValidationException.class, "insecure-endpoint");
      assertType(() -> fixture.adminClient.getDepartment(TestCity.code(d)), NotFoundException.class, "not-found");
    }
    DepartmentIdentity d = city.department("柳州市统计局", KeyAlgorithm.SM2);
    for (String name : List.of("\u200B\u2060", "柳州市\u0007统计局")) {
      assertType(() -> fixture.adminClient.createDepartment(new CreateDepartmentOptions(TestCity.code(d), name,
          Pem.encode(d.certificate()), "https://tjj.example.gov.cn/shuqiao")), ValidationException.class, "invalid-name");
    }
  }

  private void assertLastAudit(AuditAction action, String actor, String department) {
    AuditEvent last = fixture.hub().auditEvent(fixture.hub().auditEntries() - 1);
    assertThat(last.action()).isEqualTo(action);
    assertThat(last.actor().departmentCode()).isEqualTo(actor);
    assertThat(last.resourceCode()).contains("department/" + department);
  }

  static void assertType(ThrowingCallable call, Class<? extends ShuqiaoException> kind, String type) {
    assertThatThrownBy(call).isInstanceOfSatisfying(kind, e -> assertThat(e.type()).isEqualTo(type));
  }

  private static void awaitNextSecond() {
    Instant after = Instant.now().plusSeconds(1);
    while (Instant.now().isBefore(after)) {
      Thread.onSpinWait();
    }
  }
}
