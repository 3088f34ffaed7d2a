package dev.shuqiao.provider;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The field's value is masked before it leaves the provider: with the masking rule of its catalog
 * item, or entirely ({@code full}) when the catalog gives the item no rule. For the compliance rules
 * it marks a personal or sensitive field as protected.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Masked {}
