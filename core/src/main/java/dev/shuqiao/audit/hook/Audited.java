package dev.shuqiao.audit.hook;

import dev.shuqiao.audit.AuditAction;
import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a CDI bean method (or every method of a bean) whose calls are audited by
 * {@link AuditedInterceptor} in the current {@link AuditScope}.
 *
 * <pre>{@code
 * @Audited(action = AuditAction.EXCHANGE_DELIVER, resource = "450200-HC-0001")
 * public BirthCertificate deliver(ExchangeRequest request) { ... }
 * }</pre>
 */
@Inherited
@InterceptorBinding
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Audited {

  /** The action recorded. */
  @Nonbinding
  AuditAction action() default AuditAction.DATA_ACCESS;

  /** Resource code recorded; empty means {@code <bean class simple name>.<method>}. */
  @Nonbinding
  String resource() default "";
}
