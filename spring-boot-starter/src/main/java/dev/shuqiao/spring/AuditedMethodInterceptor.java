package dev.shuqiao.spring;

import dev.shuqiao.audit.hook.Audited;
import dev.shuqiao.audit.hook.AuditedCall;
import java.lang.reflect.Method;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.annotation.AnnotatedElementUtils;

/** Runs an {@code @Audited} method of a Spring bean through {@link AuditedCall}. */
final class AuditedMethodInterceptor implements MethodInterceptor {

  @Override
  public Object invoke(MethodInvocation invocation) throws Throwable {
    Class<?> target = invocation.getThis() == null ? invocation.getMethod().getDeclaringClass()
        : AopUtils.getTargetClass(invocation.getThis());
    Method method = AopUtils.getMostSpecificMethod(invocation.getMethod(), target);
    Audited audited = AnnotatedElementUtils.findMergedAnnotation(method, Audited.class);
    if (audited == null) {
      audited = AnnotatedElementUtils.findMergedAnnotation(target, Audited.class);
    }
    if (audited == null) {
      throw new IllegalStateException("@Audited advice on a method without @Audited: " + method);
    }
    return AuditedCall.proceed(audited, method, invocation::proceed);
  }
}
