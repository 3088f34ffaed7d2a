package dev.shuqiao.provider;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Test stand-in for the SDK annotation of the same name, which rules match by descriptor. */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Encrypted {}
