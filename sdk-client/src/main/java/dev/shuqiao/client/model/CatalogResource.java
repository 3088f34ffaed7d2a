package dev.shuqiao.client.model;

import java.time.Instant;
import java.util.Optional;

/**
 * A registered catalog resource. {@code sharingType} is UNCONDITIONAL, CONDITIONAL or NOT_SHARED;
 * {@code status} ACTIVE or RETIRED; {@code descriptorJson} (the resource as descriptor JSON) is present
 * on single-resource reads, absent in search results.
 */
public record CatalogResource(String code, String name, String providerCode, String summary, String sharingType,
    String classification, String format, int version, String status, Instant updatedAt,
    Optional<String> descriptorJson) {}
