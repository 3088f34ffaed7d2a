package dev.shuqiao.client.model;

/** Where a grant stands. EXPIRED is an approval whose period has ended. */
public enum GrantStatus { PENDING, APPROVED, REFUSED, REVOKED, EXPIRED, WITHDRAWN }
