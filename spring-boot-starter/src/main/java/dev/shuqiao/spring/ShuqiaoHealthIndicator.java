package dev.shuqiao.spring;

import dev.shuqiao.audit.AuditLog;
import dev.shuqiao.client.AuthenticationException;
import dev.shuqiao.client.NotFoundException;
import dev.shuqiao.client.ShuqiaoException;
import dev.shuqiao.client.ShuqiaoClient;
import dev.shuqiao.client.model.RegisteredDepartment;
import dev.shuqiao.crypto.DepartmentIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Actuator health {@code shuqiao}: the hub reachable and knowing this department as active, the
 * audit log's directory writable, and the department certificate valid (with days left). Down when
 * any of these fails; a certificate within {@code shuqiao.health.certificate-warning-days} of expiry
 * keeps the status and says {@code certificateExpiringSoon: true}.
 */
final class ShuqiaoHealthIndicator extends AbstractHealthIndicator {

  private final DepartmentIdentity identity;
  private final ShuqiaoClient client;
  private final AuditLog auditLog;
  private final int warningDays;
  private final Clock clock;

  ShuqiaoHealthIndicator(DepartmentIdentity identity, ShuqiaoClient client, AuditLog auditLog, int warningDays,
      Clock clock) {
    super("shuqiao health check failed");
    this.identity = identity;
    this.client = client;
    this.auditLog = auditLog;
    this.warningDays = warningDays;
    this.clock = clock;
  }

  @Override
  protected void doHealthCheck(Health.Builder health) {
    boolean up = true;
    if (identity != null) {
      up &= certificate(health);
    }
    if (auditLog != null) {
      up &= auditLog(health);
    }
    if (client != null && identity != null) {
      up &= hub(health);
    }
    if (up) {
      health.up();
    } else {
      health.down();
    }
  }

  private boolean certificate(Health.Builder health) {
    Instant now = clock.instant();
    Instant notAfter = identity.certificate().getNotAfter().toInstant();
    Instant notBefore = identity.certificate().getNotBefore().toInstant();
    long daysLeft = Duration.between(now, notAfter).toDays();
    boolean valid = !now.isBefore(notBefore) && now.isBefore(notAfter);
    health.withDetail("department", identity.department().creditCode().toString())
        .withDetail("certificateValid", valid)
        .withDetail("certificateNotAfter", notAfter.toString())
        .withDetail("certificateDaysLeft", Math.max(daysLeft, 0))
        .withDetail("certificateExpiringSoon", valid && daysLeft < warningDays);
    return valid;
  }

  private boolean auditLog(Health.Builder health) {
    Path directory = auditLog.directory();
    boolean writable = Files.isDirectory(directory) && Files.isWritable(directory);
    health.withDetail("auditLogWritable", writable).withDetail("auditLogSize", auditLog.size());
    return writable;
  }

  private boolean hub(Health.Builder health) {
    String code = identity.department().creditCode().toString();
    try {
      RegisteredDepartment registered = client.getDepartment(code);
      health.withDetail("hubReachable", true).withDetail("hubDepartmentStatus", registered.status());
      return registered.active();
    } catch (NotFoundException | AuthenticationException e) {
      // A department the hub does not know cannot authenticate: both mean "not registered".
      health.withDetail("hubReachable", true).withDetail("hubDepartmentStatus", "not registered");
      return false;
    } catch (ShuqiaoException e) {
      boolean answered = e.status() >= 400;
      health.withDetail("hubReachable", answered).withDetail("hubError", answered ? e.type() : "no answer");
      return false;
    } catch (RuntimeException e) {
      health.withDetail("hubReachable", false).withDetail("hubError", e.getClass().getSimpleName());
      return false;
    }
  }
}
