package dev.shuqiao.hub.internal.service;

import dev.shuqiao.audit.AuditAction;
import dev.shuqiao.catalog.CreditCode;
import dev.shuqiao.crypto.Department;
import dev.shuqiao.crypto.ExpiredSenderException;
import dev.shuqiao.crypto.Pem;
import dev.shuqiao.crypto.RevokedSenderException;
import dev.shuqiao.crypto.TrustStore;
import dev.shuqiao.hub.internal.store.DepartmentRow;
import dev.shuqiao.hub.internal.store.DepartmentStore;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The department lifecycle (docs/hub-api.md "Department lifecycle"): registration, suspension and
 * reinstatement by the administrator; name and endpoint changes by the department itself; certificate
 * rotation by the department with its current key, or by the administrator when that key is lost,
 * revoked or expired. Every change is audited before commit.
 */
public final class DepartmentService {

  /** What an administrator submits to register a department. */
  public record Registration(String code, String name, String certificatePem, String endpointUrl) {}

  /** A change a department makes to itself: either member may be null (unchanged), not both. */
  public record Update(String name, String endpointUrl) {}

  /**
   * A department as the directory shows it: {@code status} is the stored one (ACTIVE, SUSPENDED)
   * unless the certificate is revoked (REVOKED), outside its validity period (EXPIRED) or no longer
   * vouched for by the city CA (UNTRUSTED) right now; {@code suspended} is the administrator's flag.
   */
  public record Shown(DepartmentRow row, String status, boolean suspended, Instant certificateNotAfter) {}

  private final DepartmentStore store = new DepartmentStore();
  private final Supplier<TrustStore> trust;
  private final Auditor auditor;
  private final Clock clock;
  private final EndpointPolicy endpoints;

  public DepartmentService(Supplier<TrustStore> trust, Auditor auditor, Clock clock, boolean allowInsecureEndpoints) {
    this.trust = trust;
    this.auditor = auditor;
    this.clock = clock;
    this.endpoints = new EndpointPolicy(allowInsecureEndpoints);
  }

  public Shown register(Connection c, Caller caller, Registration r) throws SQLException {
    caller.requireAdmin();
    requireCreditCode(r.code());
    requireName(r.name());
    checkCertificate(r.certificatePem(), r.code());
    endpoints.check(r.endpointUrl());
    Instant now = clock.instant();
    DepartmentRow row = new DepartmentRow(r.code(), r.name(), r.certificatePem(), r.endpointUrl(), "ACTIVE", now, now);
    if (!store.insert(c, row)) {
      throw HubException.conflict("department-exists", "a department with this code is already registered;"
          + " a new certificate is installed by rotation (POST /v1/departments/{code}/certificate)");
    }
    auditor.record(caller, AuditAction.DEPARTMENT_REGISTER, "department.register", "department/" + r.code(), null);
    return show(row);
  }

  public Shown suspend(Connection c, Caller caller, String code) throws SQLException {
    caller.requireAdmin();
    return setStatus(c, caller, code, "SUSPENDED", AuditAction.DEPARTMENT_SUSPEND);
  }

  /** SUSPENDED → ACTIVE (administrator); an active department is answered unchanged and nothing is audited. */
  public Shown reinstate(Connection c, Caller caller, String code) throws SQLException {
    caller.requireAdmin();
    return setStatus(c, caller, code, "ACTIVE", AuditAction.DEPARTMENT_REINSTATE);
  }

  private Shown setStatus(Connection c, Caller caller, String code, String status, AuditAction action) throws SQLException {
    DepartmentRow row = find(c, code);
    if (row.status().equals(status)) {
      return show(row);
    }
    Instant now = clock.instant();
    store.updateStatus(c, code, status, now);
    auditor.record(caller, action, action.code(), "department/" + code, null);
    return show(new DepartmentRow(row.code(), row.name(), row.certificatePem(), row.endpointUrl(), status,
        row.createdAt(), now));
  }

  /** The department's own change of name and endpoint (its key, not the administrator's). */
  public Shown update(Connection c, Caller caller, String code, Update u) throws SQLException {
    requireSelf(caller, code);
    DepartmentRow row = find(c, code);
    if (u.name() == null && u.endpointUrl() == null) {
      throw HubException.badField("body", "give name, endpointUrl or both");
    }
    if (u.name() != null) {
      requireName(u.name());
    }
    if (u.endpointUrl() != null) {
      endpoints.check(u.endpointUrl());
    }
    String name = u.name() == null ? row.name() : u.name();
    String endpoint = u.endpointUrl() == null ? row.endpointUrl() : u.endpointUrl();
    if (name.equals(row.name()) && endpoint.equals(row.endpointUrl())) {
      return show(row);
    }
    Instant now = clock.instant();
    store.updateDetails(c, code, name, endpoint, now);
    auditor.record(caller, AuditAction.DEPARTMENT_UPDATE, "department.update", "department/" + code, null);
    return show(new DepartmentRow(code, name, row.certificatePem(), endpoint, row.status(), row.createdAt(), now));
  }

  /**
   * Installs a new certificate: by the department itself (its request is signed with the current
   * key, which proves possession of the old identity) or by an administrator (the old key is lost,
   * revoked or expired). The new certificate must be vouched for by the city CA now, name the same
   * department and be issued no earlier than the current one (no rollback to an older certificate).
   * Installing the current certificate again changes nothing.
   */
  public Shown rotate(Connection c, Caller caller, String code, String certificatePem) throws SQLException {
    if (!caller.admin()) {
      requireSelf(caller, code);
    }
    DepartmentRow row = find(c, code);
    X509Certificate next = checkCertificate(certificatePem, code);
    if (certificatePem.equals(row.certificatePem())) {
      return show(row);
    }
    X509Certificate current = Pem.certificate(row.certificatePem());
    if (next.getNotBefore().before(current.getNotBefore())) {
      throw HubException.unprocessable("certificate-older", "the new certificate was issued before the current one;"
          + " install a certificate issued after it", "certificatePem");
    }
    Instant now = clock.instant();
    if (!store.updateCertificate(c, row, certificatePem, now)) {
      throw HubException.conflict("concurrent-change", "the certificate was replaced meanwhile; read the department again");
    }
    auditor.record(caller, AuditAction.DEPARTMENT_ROTATE, "department.rotate", "department/" + code, null);
    return show(new DepartmentRow(code, row.name(), certificatePem, row.endpointUrl(), row.status(), row.createdAt(), now));
  }

  public Shown get(Connection c, String code) throws SQLException {
    return show(find(c, code));
  }

  public List<Shown> list(Connection c, int offset, int limit) throws SQLException {
    return store.list(c, offset, limit).stream().map(this::show).toList();
  }

  private DepartmentRow find(Connection c, String code) throws SQLException {
    return store.find(c, code).orElseThrow(() -> HubException.notFound("department"));
  }

  private Shown show(DepartmentRow row) {
    X509Certificate certificate = Pem.certificate(row.certificatePem());
    return new Shown(row, status(row, certificate), !row.active(), certificate.getNotAfter().toInstant());
  }

  /** The certificate's state now, as the authenticator would find it, before the stored status. */
  private String status(DepartmentRow row, X509Certificate certificate) {
    try {
      trust.get().validate(certificate, clock.instant());
    } catch (RevokedSenderException e) {
      return "REVOKED";
    } catch (ExpiredSenderException e) {
      return "EXPIRED";
    } catch (RuntimeException e) {
      return "UNTRUSTED";
    }
    return row.status();
  }

  private static void requireSelf(Caller caller, String code) {
    caller.requireDepartment();
    if (!caller.code().equals(code)) {
      throw HubException.forbidden("not-the-department", "only the department itself may change this");
    }
  }

  /** 1 to 200 characters (checked by the route), not only blanks or invisible characters, no control characters. */
  static void requireName(String name) {
    boolean visible = false;
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      if (Character.isISOControl(cp)) {
        throw HubException.unprocessable("invalid-name", "name contains a control character", "name");
      }
      int type = Character.getType(cp);
      visible |= !Character.isWhitespace(cp) && !Character.isSpaceChar(cp) && type != Character.FORMAT;
      i += Character.charCount(cp);
    }
    if (!visible) {
      throw HubException.unprocessable("invalid-name", "name has no visible character", "name");
    }
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

  private X509Certificate checkCertificate(String pem, String code) {
    X509Certificate certificate;
    try {
      certificate = Pem.certificate(pem);
    } catch (IllegalArgumentException e) {
      throw HubException.unprocessable("invalid-certificate", "certificatePem is not one PEM certificate", "certificatePem");
    }
    Department department;
    try {
      department = trust.get().validate(certificate, clock.instant());
    } catch (ExpiredSenderException e) {
      throw HubException.unprocessable("certificate-expired", "the certificate is outside its validity period", "certificatePem");
    } catch (RevokedSenderException e) {
      throw HubException.unprocessable("certificate-revoked", "the certificate is revoked", "certificatePem");
    } catch (RuntimeException e) {
      throw HubException.unprocessable("certificate-untrusted", "the city CA does not vouch for this certificate", "certificatePem");
    }
    if (!department.creditCode().toString().equals(code)) {
      throw HubException.unprocessable("certificate-mismatch", "the certificate names another department", "certificatePem");
    }
    return certificate;
  }
}
