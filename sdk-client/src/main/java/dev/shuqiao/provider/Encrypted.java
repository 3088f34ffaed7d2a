package dev.shuqiao.provider;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The field's value leaves the provider only encrypted. Through the exchange channel every record is
 * sealed end to end for the consumer anyway, so at run time the value is delivered as it is (masked
 * only if the catalog gives its item a rule); for the compliance rules it marks a personal or
 * sensitive field as protected.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Encrypted {}
