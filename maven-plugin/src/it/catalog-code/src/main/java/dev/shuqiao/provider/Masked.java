package dev.shuqiao.provider;

/** Stand-in for the sdk-client annotation of the same name. */
public @interface Masked {}
