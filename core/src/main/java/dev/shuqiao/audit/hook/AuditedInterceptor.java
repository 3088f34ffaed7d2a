package dev.shuqiao.audit.hook;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;

/**
 * Records every call of an {@link Audited} method in the current {@link AuditScope} as {@link
 * AuditedCall} does: the scope's actor and case, the annotation's action and resource, and the
 * outcome (returned: success; a {@link SecurityException}: denied; any other exception: failed, and
 * rethrown).
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
    return AuditedCall.proceed(audited, method, invocation::proceed);
  }

  private static Audited binding(InvocationContext invocation, Method method) {
    Audited fromContainer = invocation.getInterceptorBinding(Audited.class);
    if (fromContainer != null) {
      return fromContainer;
    }
    return AuditedCall.annotation(method, method.getDeclaringClass()).orElseThrow(() ->
        new IllegalStateException("AuditedInterceptor on a method without @Audited: " + method));
  }
}
