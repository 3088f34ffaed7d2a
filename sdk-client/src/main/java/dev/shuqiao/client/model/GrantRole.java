package dev.shuqiao.client.model;

/** Which side of a grant to list: the caller as consumer or as provider; ALL is for administrators. */
public enum GrantRole { CONSUMER, PROVIDER, ALL }
