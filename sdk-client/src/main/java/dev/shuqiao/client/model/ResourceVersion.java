package dev.shuqiao.client.model;

import java.time.Instant;

/** One entry of a resource's history: {@code change} is REGISTER, UPDATE or RETIRE. */
public record ResourceVersion(int version, String change, String changedBy, Instant changedAt, String descriptorJson) {}
