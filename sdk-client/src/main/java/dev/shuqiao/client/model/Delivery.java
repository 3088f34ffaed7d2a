package dev.shuqiao.client.model;

/**
 * A dataset delivered to a consumer's mailbox: READY on the hub under {@code messageId} (also the
 * sealed stream's message id), {@code size} sealed bytes with SHA-256 {@code digest}.
 */
public record Delivery(String messageId, String consumer, String resourceCode, long size, String digest) {}
