package dev.shuqiao.provider;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class whose instances are records of a catalog resource, by resource code. The compliance
 * rules ({@code shuqiao-maven-plugin}) read it from bytecode to check every field against the catalog;
 * {@link ExchangeProvider} reads it at run time to map a handler's records to information items.
 *
 * <pre>{@code
 * @DataResource("1 01 003/000001")
 * public final class BirthCertificate {
 *   @Item("出生医学证明编号") String number;
 *   @Item("新生儿姓名") @Masked String babyName;
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface DataResource {

  /** The resource code as written in the catalog, e.g. {@code 1 01 003/000001}. */
  String value();
}
