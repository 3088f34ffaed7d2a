package dev.shuqiao.hub.internal.store;

import java.time.Instant;

/**
 * The current version of a catalog resource. {@code descriptor} is the resource as descriptor JSON;
 * {@code searchText} is the lower-cased name, abstract and item names. {@code status} is ACTIVE or RETIRED.
 */
public record ResourceRow(String code, String providerCode, String name, String summary, String sharingType,
    String classification, String format, String searchText, int version, String status, String descriptor,
    Instant updatedAt) {
}
