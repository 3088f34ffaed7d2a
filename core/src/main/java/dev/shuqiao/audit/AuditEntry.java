package dev.shuqiao.audit;

import java.util.Objects;

/** An event together with its index in the log. */
public record AuditEntry(long index, AuditEvent event) {

  public AuditEntry {
    if (index < 0) {
      throw new IllegalArgumentException("negative index " + index);
    }
    Objects.requireNonNull(event, "event");
  }
}
