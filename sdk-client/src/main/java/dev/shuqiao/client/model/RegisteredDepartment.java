package dev.shuqiao.client.model;

import java.time.Instant;

/** A department as the hub knows it; {@code status} is ACTIVE or SUSPENDED. */
public record RegisteredDepartment(String code, String name, String endpointUrl, String status, String certificatePem,
    Instant createdAt, Instant updatedAt) {

  public boolean active() {
    return "ACTIVE".equals(status);
  }
}
