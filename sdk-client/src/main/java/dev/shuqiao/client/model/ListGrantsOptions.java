package dev.shuqiao.client.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Which grants to list: the caller's role, optionally one status, only overdue pending applications
 * or all, and the page size (1..100).
 */
public record ListGrantsOptions(GrantRole role, Optional<GrantStatus> status, int pageSize, boolean overdueOnly) {

  public ListGrantsOptions(GrantRole role, Optional<GrantStatus> status, int pageSize) {
    this(role, status, pageSize, false);
  }

  public ListGrantsOptions {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(status, "status");
    if (pageSize < 1 || pageSize > 100) {
      throw new IllegalArgumentException("page size is 1..100");
    }
  }

  public static ListGrantsOptions of(GrantRole role) {
    return new ListGrantsOptions(role, Optional.empty(), 20);
  }

  public static ListGrantsOptions of(GrantRole role, GrantStatus status) {
    return new ListGrantsOptions(role, Optional.of(status), 20);
  }

  /** Pending applications past their decision deadline (as provider, or all of them as administrator). */
  public static ListGrantsOptions overdue(GrantRole role) {
    return new ListGrantsOptions(role, Optional.empty(), 20, true);
  }
}
