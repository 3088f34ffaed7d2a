package dev.shuqiao.hub.internal.service;

import dev.shuqiao.audit.AuditAction;
import dev.shuqiao.hub.WorkingCalendar;
import dev.shuqiao.hub.internal.store.GrantRow;
import dev.shuqiao.hub.internal.store.GrantStore;
import dev.shuqiao.hub.internal.store.ResourceRow;
import dev.shuqiao.hub.internal.store.ResourceStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Sharing grants (有条件共享): a consumer applies for items of a conditional resource, its provider
 * approves or refuses with a written reason, and may later revoke; an approval ends at its period.
 */
public final class GrantService {

  /** The longest period a grant may cover. */
  static final Duration MAX_PERIOD = Duration.ofDays(3 * 366);
  /** The provider decides within 10 working days of the city's {@link WorkingCalendar}. */
  static final int DECISION_WORKING_DAYS = 10;

  /** A consumer's application. */
  public record Application(String resourceCode, List<String> items, String purpose, String legalBasis,
      Instant validFrom, Instant validUntil) {}

  /** What a provider may decide. */
  public enum Decision { APPROVE, REFUSE, REVOKE }

  private final GrantStore grants = new GrantStore();
  private final ResourceStore resources = new ResourceStore();
  private final Auditor auditor;
  private final Clock clock;
  private final WorkingCalendar calendar;

  public GrantService(Auditor auditor, Clock clock, WorkingCalendar calendar) {
    this.auditor = auditor;
    this.clock = clock;
    this.calendar = calendar;
  }

  public GrantRow apply(Connection c, Caller caller, Application a) throws SQLException {
    caller.requireDepartment();
    ResourceRow resource = resources.find(c, a.resourceCode(), false).orElseThrow(() -> HubException.notFound("resource"));
    if (!"ACTIVE".equals(resource.status())) {
      throw HubException.conflict("resource-retired", "the resource is retired");
    }
    switch (resource.sharingType()) {
      case "UNCONDITIONAL" -> throw HubException.conflict("grant-not-needed",
          "the resource is shared unconditionally; any registered department may obtain it without a grant");
      case "NOT_SHARED" -> throw HubException.unprocessable("not-shareable",
          "the resource is not shared (不予共享) and can never be granted", "resourceCode");
      default -> { }
    }
    if (resource.providerCode().equals(caller.code())) {
      throw HubException.unprocessable("own-resource", "a provider needs no grant for its own resource", "resourceCode");
    }
    checkItems(resource, a.items());
    checkPeriod(a.validFrom(), a.validUntil());
    Instant now = clock.instant();
    GrantRow row = new GrantRow(UUID.randomUUID().toString(), resource.code(), caller.code(), resource.providerCode(),
        List.copyOf(a.items()), a.purpose(), a.legalBasis(), a.validFrom(), a.validUntil(), "PENDING", null, null,
        null, now, decisionDeadline(now));
    grants.insert(c, row);
    auditor.record(caller, AuditAction.GRANT_APPLY, "grant.apply", resource.code(), row.id());
    return row;
  }

  public GrantRow decide(Connection c, Caller caller, String id, Decision decision, String reason) throws SQLException {
    GrantRow grant = grants.find(c, id, true).orElseThrow(() -> HubException.notFound("grant"));
    boolean revokingAdmin = caller.admin() && decision == Decision.REVOKE;
    if (!revokingAdmin && !grant.providerCode().equals(caller.code())) {
      throw HubException.forbidden("not-the-provider", "only the provider of the resource decides on its grants");
    }
    if (decision != Decision.APPROVE && (reason == null || reason.isBlank())) {
      throw HubException.unprocessable("reason-required", "a refusal or revocation needs a written reason", "reason");
    }
    Instant now = clock.instant();
    String expected = decision == Decision.REVOKE ? "APPROVED" : "PENDING";
    if (!grant.effectiveStatus(now).equals(expected)) {
      throw HubException.conflict("grant-state", "the grant is " + grant.effectiveStatus(now) + ", not " + expected);
    }
    if (decision == Decision.APPROVE && !now.isBefore(grant.validUntil())) {
      throw HubException.conflict("grant-period-over", "the requested period has already ended");
    }
    if (decision == Decision.APPROVE) {
      requireGrantable(c, grant.resourceCode());
    }
    String status = switch (decision) {
      case APPROVE -> "APPROVED";
      case REFUSE -> "REFUSED";
      case REVOKE -> "REVOKED";
    };
    GrantRow decided = grant.decided(status, reason, caller.code(), now);
    if (!grants.decide(c, decided, grant.status())) {
      throw HubException.conflict("grant-state", "the grant was decided concurrently");
    }
    AuditAction action = switch (decision) {
      case APPROVE -> AuditAction.GRANT_APPROVE;
      case REFUSE -> AuditAction.GRANT_REFUSE;
      case REVOKE -> AuditAction.GRANT_REVOKE;
    };
    auditor.record(caller, action, "grant." + decision.name().toLowerCase(java.util.Locale.ROOT), grant.resourceCode(), id);
    return decided;
  }

  /**
   * The consumer withdraws its own application while it is still PENDING; the grant becomes
   * WITHDRAWN (final) with the consumer as the one who decided and the optional reason.
   */
  public GrantRow withdraw(Connection c, Caller caller, String id, String reason) throws SQLException {
    GrantRow grant = grants.find(c, id, true).orElseThrow(() -> HubException.notFound("grant"));
    if (!grant.consumerCode().equals(caller.code())) {
      throw HubException.forbidden("not-the-consumer", "only the department that applied may withdraw an application");
    }
    Instant now = clock.instant();
    if (!grant.effectiveStatus(now).equals("PENDING")) {
      throw HubException.conflict("grant-state", "the grant is " + grant.effectiveStatus(now) + ", not PENDING");
    }
    GrantRow withdrawn = grant.decided("WITHDRAWN", reason, caller.code(), now);
    if (!grants.decide(c, withdrawn, grant.status())) {
      throw HubException.conflict("grant-state", "the grant was decided concurrently");
    }
    auditor.record(caller, AuditAction.GRANT_WITHDRAW, "grant.withdraw", grant.resourceCode(), id);
    return withdrawn;
  }

  /**
   * An application is approved only while its resource can still be granted: the resource may have
   * been retired, or changed to not shared, since the consumer applied. The resource row is locked so
   * that a concurrent retirement or update waits for this decision (or this one sees it).
   */
  private void requireGrantable(Connection c, String resourceCode) throws SQLException {
    ResourceRow resource = resources.find(c, resourceCode, true).orElse(null);
    if (resource == null || !"ACTIVE".equals(resource.status())) {
      throw HubException.conflict("resource-retired", "the resource was retired after the application; it cannot be approved");
    }
    if ("NOT_SHARED".equals(resource.sharingType())) {
      throw HubException.unprocessable("not-shareable",
          "the resource was changed to not shared (不予共享) after the application; it cannot be approved", "resourceCode");
    }
  }

  public GrantRow get(Connection c, Caller caller, String id) throws SQLException {
    GrantRow grant = grants.find(c, id, false).orElseThrow(() -> HubException.notFound("grant"));
    if (!caller.admin() && !caller.code().equals(grant.consumerCode()) && !caller.code().equals(grant.providerCode())) {
      throw HubException.forbidden("not-a-party", "only the consumer, the provider or an administrator may read a grant");
    }
    return grant;
  }

  /** {@code from} plus {@link #DECISION_WORKING_DAYS} working days, at the same time of day. */
  Instant decisionDeadline(Instant from) {
    return calendar.plusWorkingDays(from, DECISION_WORKING_DAYS);
  }

  /** The caller's grants in {@code role} (consumer or provider; an administrator may also ask for all). */
  public List<GrantRow> list(Connection c, Caller caller, String role, String status, boolean overdueOnly, int offset,
      int limit) throws SQLException {
    String column = switch (role) {
      case "consumer" -> "consumer_code";
      case "provider" -> "provider_code";
      case "all" -> {
        caller.requireAdmin();
        yield null;
      }
      default -> throw HubException.badField("role", "role is consumer, provider or all");
    };
    return grants.list(c, column, caller.code(), status, overdueOnly, clock.instant(), offset, limit);
  }

  private static void checkItems(ResourceRow resource, List<String> items) {
    if (items.isEmpty()) {
      throw HubException.unprocessable("no-items", "apply for at least one information item", "items");
    }
    Set<String> known = ResourceItems.names(resource);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      if (!known.contains(items.get(i))) {
        throw HubException.unprocessable("unknown-item", "the resource has no item with that name", "items[" + i + "]");
      }
      if (!seen.add(items.get(i))) {
        throw HubException.unprocessable("duplicate-item", "an item is listed twice", "items[" + i + "]");
      }
    }
  }

  private void checkPeriod(Instant from, Instant until) {
    if (!until.isAfter(from)) {
      throw HubException.unprocessable("invalid-period", "validUntil must be after validFrom", "validUntil");
    }
    if (!until.isAfter(clock.instant())) {
      throw HubException.unprocessable("invalid-period", "validUntil is already past", "validUntil");
    }
    if (Duration.between(from, until).compareTo(MAX_PERIOD) > 0) {
      throw HubException.unprocessable("invalid-period", "a grant covers at most three years", "validUntil");
    }
  }
}
