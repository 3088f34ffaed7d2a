package dev.shuqiao.audit.hook;

import dev.shuqiao.audit.AuditOutcome;
import java.lang.reflect.Method;
import java.util.Objects;
import java.util.Optional;

/**
 * One call of an {@link Audited} method, recorded in the current {@link AuditScope}. What the CDI
 * {@link AuditedInterceptor} and the Spring Boot starter's advisor both run, so that a call is
 * recorded alike in either container:
 *
 * <pre>{@code
 * Audited audited = AuditedCall.annotation(method, targetClass).orElseThrow();
 * return AuditedCall.proceed(audited, method, invocation::proceed);
 * }</pre>
 *
 * <p>The record holds the scope's actor and case, the annotation's action and resource (default
 * {@code <class simple name>.<method>}), and the outcome: returned, success; a {@link
 * SecurityException}, denied; anything else thrown, failed (and rethrown). Fails closed: outside
 * any audit scope the method is not run; if the record cannot be written the result is not
 * returned and the {@code AuditException} is thrown instead.
 */
public final class AuditedCall {

  /** The intercepted method itself, as the container runs it. */
  @FunctionalInterface
  public interface Invocation<X extends Throwable> {
    Object proceed() throws X;
  }

  private AuditedCall() {}

  /** The {@code @Audited} of {@code method}, else of {@code targetClass} (inherited from superclasses). */
  public static Optional<Audited> annotation(Method method, Class<?> targetClass) {
    Audited onMethod = method.getAnnotation(Audited.class);
    if (onMethod != null) {
      return Optional.of(onMethod);
    }
    Audited onClass = targetClass.getAnnotation(Audited.class);
    return Optional.ofNullable(onClass != null ? onClass : method.getDeclaringClass().getAnnotation(Audited.class));
  }

  /**
   * Runs {@code invocation} and records it with {@code audited}'s action and resource.
   *
   * @throws IllegalStateException without running the method, if no audit scope is open
   */
  public static <X extends Throwable> Object proceed(Audited audited, Method method, Invocation<X> invocation)
      throws X {
    Objects.requireNonNull(audited, "audited");
    AuditScope scope = AuditScope.current().orElseThrow(() -> new IllegalStateException("@Audited method "
        + method.getDeclaringClass().getSimpleName() + "." + method.getName()
        + " called outside an audit scope; refusing to run it unaudited"));
    Optional<String> resource = Optional.of(audited.resource().isEmpty()
        ? method.getDeclaringClass().getSimpleName() + "." + method.getName() : audited.resource());
    Object result;
    try {
      result = invocation.proceed();
    } catch (SecurityException e) {
      scope.record(audited.action(), resource, AuditOutcome.DENIED);
      throw e;
    } catch (Throwable e) {
      scope.record(audited.action(), resource, AuditOutcome.FAILED);
      throw e;
    }
    scope.record(audited.action(), resource, AuditOutcome.SUCCESS);
    return result;
  }
}
