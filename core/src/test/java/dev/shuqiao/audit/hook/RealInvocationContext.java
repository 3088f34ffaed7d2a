package dev.shuqiao.audit.hook;

import jakarta.interceptor.InvocationContext;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A real {@link InvocationContext} that calls the target method by reflection, as a CDI container
 * does. Core has no CDI container (Weld would be a heavy test dependency for one interceptor), so
 * the tests drive {@link AuditedInterceptor} through this instead; the hub's CDI tests cover the
 * container wiring.
 */
final class RealInvocationContext implements InvocationContext {

  private final Object target;
  private final Method method;
  private Object[] parameters;
  private final Map<String, Object> contextData = new HashMap<>();

  RealInvocationContext(Object target, String methodName, Object... parameters) throws NoSuchMethodException {
    this.target = target;
    Method found = null;
    for (Method m : target.getClass().getMethods()) {
      if (m.getName().equals(methodName) && m.getParameterCount() == parameters.length) {
        found = m;
      }
    }
    if (found == null) {
      throw new NoSuchMethodException(methodName);
    }
    this.method = found;
    this.parameters = parameters;
  }

  @Override
  public Object getTarget() {
    return target;
  }

  @Override
  public Object getTimer() {
    return null;
  }

  @Override
  public Method getMethod() {
    return method;
  }

  @Override
  public Constructor<?> getConstructor() {
    return null;
  }

  @Override
  public Object[] getParameters() {
    return parameters.clone();
  }

  @Override
  public void setParameters(Object[] params) {
    this.parameters = params.clone();
  }

  @Override
  public Map<String, Object> getContextData() {
    return contextData;
  }

  @Override
  public Object proceed() throws Exception {
    try {
      return method.invoke(target, parameters);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw (Error) e.getCause();
    }
  }

  @Override
  public Set<Annotation> getInterceptorBindings() {
    Audited binding = method.getAnnotation(Audited.class);
    return binding == null ? Set.of() : Set.of(binding);
  }
}
