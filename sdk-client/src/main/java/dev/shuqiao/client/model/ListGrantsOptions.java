package dev.shuqiao.client.model;

import java.util.Objects;
import java.util.Optional;

/** Which grants to list: the caller's role, optionally one status, and the page size (1..100). */
public record ListGrantsOptions(GrantRole role, Optional<GrantStatus> status, int pageSize) {

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
}
