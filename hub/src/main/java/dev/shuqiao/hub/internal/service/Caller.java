package dev.shuqiao.hub.internal.service;

/** Who signed the request: a registered department, or a hub administrator. */
public record Caller(String code, boolean admin) {

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
