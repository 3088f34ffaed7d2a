package dev.shuqiao.client.model;

import java.time.Instant;

/**
 * A department as the hub knows it. {@code status} is ACTIVE or SUSPENDED (the administrator's
 * decision), unless the certificate is REVOKED (per the city CA's current CRL), EXPIRED (outside its
 * validity period) or UNTRUSTED (the CA no longer vouches for it): those take precedence, since the
 * hub refuses the department's requests either way. {@code suspended} is the administrator's flag
 * alone; {@code certificateNotAfter} is null from a hub that does not send it.
 */
public record RegisteredDepartment(String code, String name, String endpointUrl, String status, String certificatePem,
    Instant createdAt, Instant updatedAt, boolean suspended, Instant certificateNotAfter) {

  public boolean active() {
    return "ACTIVE".equals(status);
  }
}
