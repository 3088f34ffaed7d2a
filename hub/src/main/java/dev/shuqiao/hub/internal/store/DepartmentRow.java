package dev.shuqiao.hub.internal.store;

import java.time.Instant;

/** A registered department. {@code status} is ACTIVE or SUSPENDED. */
public record DepartmentRow(String code, String name, String certificatePem, String endpointUrl,
    String status, Instant createdAt, Instant updatedAt) {

  public boolean active() {
    return "ACTIVE".equals(status);
  }
}
