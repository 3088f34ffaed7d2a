package dev.shuqiao.hub.internal.store;

import java.time.Instant;

/** One entry of a resource's history; {@code changeKind} is REGISTER, UPDATE or RETIRE. */
public record ResourceVersionRow(String code, int version, String changeKind, String changedBy, Instant changedAt,
    String descriptor) {
}
