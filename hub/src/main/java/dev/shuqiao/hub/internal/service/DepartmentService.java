package dev.shuqiao.hub.internal.service;

import dev.shuqiao.audit.AuditAction;
import dev.shuqiao.catalog.CreditCode;
import dev.shuqiao.crypto.Department;
import dev.shuqiao.crypto.ExpiredSenderException;
import dev.shuqiao.crypto.Pem;
import dev.shuqiao.crypto.TrustStore;
import dev.shuqiao.hub.internal.store.DepartmentRow;
import dev.shuqiao.hub.internal.store.DepartmentStore;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/** Registering, suspending and listing departments; every write is the administrator's. */
public final class DepartmentService {

  /** What an administrator submits to register a department. */
  public record Registration(String code, String name, String certificatePem, String endpointUrl) {}

  private final DepartmentStore store = new DepartmentStore();
  private final Supplier<TrustStore> trust;
  private final Auditor auditor;
  private final Clock clock;

  public DepartmentService(Supplier<TrustStore> trust, Auditor auditor, Clock clock) {
    this.trust = trust;
    this.auditor = auditor;
    this.clock = clock;
  }

  public DepartmentRow register(Connection c, Caller caller, Registration r) throws SQLException {
    caller.requireAdmin();
    requireCreditCode(r.code());
    checkCertificate(r);
    checkEndpoint(r.endpointUrl());
    Instant now = clock.instant();
    DepartmentRow row = new DepartmentRow(r.code(), r.name(), r.certificatePem(), r.endpointUrl(), "ACTIVE", now, now);
    if (!store.insert(c, row)) {
      throw HubException.conflict("department-exists", "a department with this code is already registered");
    }
    auditor.record(caller, AuditAction.DEPARTMENT_REGISTER, "department.register", "department/" + r.code(), null);
    return row;
  }

  public DepartmentRow suspend(Connection c, Caller caller, String code) throws SQLException {
    caller.requireAdmin();
    DepartmentRow row = get(c, code);
    if (!row.active()) {
      return row;
    }
    Instant now = clock.instant();
    store.updateStatus(c, code, "SUSPENDED", now);
    auditor.record(caller, AuditAction.DEPARTMENT_SUSPEND, "department.suspend", "department/" + code, null);
    return new DepartmentRow(row.code(), row.name(), row.certificatePem(), row.endpointUrl(), "SUSPENDED",
        row.createdAt(), now);
  }

  public DepartmentRow get(Connection c, String code) throws SQLException {
    return store.find(c, code).orElseThrow(() -> HubException.notFound("department"));
  }

  public List<DepartmentRow> list(Connection c, int offset, int limit) throws SQLException {
    return store.list(c, offset, limit);
  }

  static void requireCreditCode(String code) {
    try {
      CreditCode.parse(code);
    } catch (IllegalArgumentException e) {
      throw HubException.unprocessable("invalid-credit-code", "code is not a valid 统一社会信用代码: " + e.getMessage(), "code");
    }
    try {
      dev.shuqiao.audit.Actor.of(code, Auditor.SYSTEM);
    } catch (IllegalArgumentException e) {
      // All digits, a birth date at characters 7-14 and both check characters right: the audit log
      // cannot tell it from a resident identity number and would refuse every record naming it.
      throw HubException.unprocessable("unauditable-credit-code", "code is also a well-formed resident identity number,"
          + " which the audit log refuses to record; such a department cannot be registered", "code");
    }
  }

  private void checkCertificate(Registration r) {
    X509Certificate certificate;
    try {
      certificate = Pem.certificate(r.certificatePem());
    } catch (IllegalArgumentException e) {
      throw HubException.unprocessable("invalid-certificate", "certificatePem is not one PEM certificate", "certificatePem");
    }
    Department department;
    try {
      department = trust.get().validate(certificate, clock.instant());
    } catch (ExpiredSenderException e) {
      throw HubException.unprocessable("certificate-expired", "the certificate is outside its validity period", "certificatePem");
    } catch (RuntimeException e) {
      throw HubException.unprocessable("certificate-untrusted", "the city CA does not vouch for this certificate", "certificatePem");
    }
    if (!department.creditCode().toString().equals(r.code())) {
      throw HubException.unprocessable("certificate-mismatch", "the certificate names another department", "certificatePem");
    }
  }

  private static void checkEndpoint(String url) {
    try {
      URI uri = new URI(url);
      if (!uri.isAbsolute() || uri.getHost() == null
          || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
        throw new IllegalArgumentException();
      }
    } catch (Exception e) {
      throw HubException.unprocessable("invalid-endpoint", "endpointUrl must be an absolute http(s) URL", "endpointUrl");
    }
  }
}
