package dev.shuqiao.hub.internal.console;

import dev.shuqiao.hub.internal.service.Caller;
import java.util.Set;

/**
 * A signed-in official: one department ({@code null} only for a hub administrator without one) and
 * roles. The console acts for the official as {@link Caller#official}, so the hub's services apply
 * their department rules and the audit log names the person.
 */
record Official(String username, String displayName, String departmentCode, Set<Role> roles) {

  /** What an official may do in the console. */
  enum Role {
    /** Browse the catalog and the department's applications. */
    VIEWER,
    /** Apply for resources and decide on the department's pending applications. */
    APPROVER,
    /** Manage the department's officials. */
    DEPT_ADMIN,
    /** Manage departments and see every application. */
    HUB_ADMIN
  }

  /** The department code the audit log records for a hub administrator without a department. */
  static final String HUB = "hub";

  boolean has(Role role) {
    return roles.contains(role);
  }

  boolean hubAdmin() {
    return roles.contains(Role.HUB_ADMIN);
  }

  Caller caller() {
    return Caller.official(departmentCode == null ? HUB : departmentCode, hubAdmin() && departmentCode == null, username);
  }
}
