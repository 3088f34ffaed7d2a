package dev.shuqiao.hub.internal.service;

/**
 * Who acts: a registered department, or a hub administrator; {@code operator} names the official
 * who acted through the web console ({@code null} for a signed API request), so the audit log
 * records the person as well as the department.
 */
public record Caller(String code, boolean admin, String operator) {

  public Caller(String code, boolean admin) {
    this(code, admin, null);
  }

  /** An official signed in to the console, acting for {@code code} (or as a hub administrator). */
  public static Caller official(String code, boolean admin, String operator) {
    return new Caller(code, admin, java.util.Objects.requireNonNull(operator, "operator"));
  }

  public static Caller department(String code) {
    return new Caller(code, false);
  }

  public static Caller admin(String code) {
    return new Caller(code, true);
  }

  public void requireAdmin() {
    if (!admin) {
      throw HubException.forbidden("admin-required", "only a hub administrator may do this");
    }
  }

  public void requireDepartment() {
    if (admin) {
      throw HubException.forbidden("department-required", "only a registered department may do this");
    }
  }
}
