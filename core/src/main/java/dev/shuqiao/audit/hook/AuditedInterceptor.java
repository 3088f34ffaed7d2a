package dev.shuqiao.audit.hook;

import dev.shuqiao.audit.AuditOutcome;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Records every call of an {@link Audited} method in the current {@link AuditScope}: the scope's
 * actor and case, the annotation's action and resource, and the outcome (returned: success; a
 * {@link SecurityException}: denied; any other exception: failed, and rethrown).
 *
 * <p>Fails closed: a call outside any audit scope is refused before the method runs, and if the
 * record cannot be written the method's result is not returned; the {@code AuditException} is
 * thrown instead. Enabled for the whole application by its priority; no {@code beans.xml} entry
 * is needed.
 */
@Audited
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE + 100)
public class AuditedInterceptor {

  /** For the CDI container. */
  public AuditedInterceptor() {}

  @AroundInvoke
  public Object audit(InvocationContext invocation) throws Exception {
    Method method = invocation.getMethod();
    Audited audited = binding(invocation, method);
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
    } catch (Exception | Error e) {
      scope.record(audited.action(), resource, AuditOutcome.FAILED);
      throw e;
    }
    scope.record(audited.action(), resource, AuditOutcome.SUCCESS);
    return result;
  }

  private static Audited binding(InvocationContext invocation, Method method) {
    Audited fromContainer = invocation.getInterceptorBinding(Audited.class);
    if (fromContainer != null) {
      return fromContainer;
    }
    Audited onMethod = method.getAnnotation(Audited.class);
    if (onMethod != null) {
      return onMethod;
    }
    Audited onClass = method.getDeclaringClass().getAnnotation(Audited.class);
    if (onClass == null) {
      throw new IllegalStateException("AuditedInterceptor on a method without @Audited: " + method);
    }
    return onClass;
  }
}
