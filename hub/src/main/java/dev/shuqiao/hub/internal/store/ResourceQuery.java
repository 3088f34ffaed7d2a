package dev.shuqiao.hub.internal.store;

import java.time.Instant;

/** Catalog search criteria; null means "any". {@code text} is matched case-insensitively as a substring. */
public record ResourceQuery(String text, String providerCode, String sharingType, String classificationPrefix,
    String format, Instant updatedSince, boolean includeRetired, int offset, int limit) {
}
