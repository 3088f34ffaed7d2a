package dev.shuqiao.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the property is set: a non-blank value, or a non-empty list (which YAML writes as
 * {@code name[0]}, where {@code @ConditionalOnProperty} sees nothing).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Conditional(ConditionalOnShuqiaoProperty.OnShuqiaoProperty.class)
@interface ConditionalOnShuqiaoProperty {

  /** Full property names; the condition matches when any of them is set. */
  String[] value();

  /** The condition behind the annotation. */
  final class OnShuqiaoProperty implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnShuqiaoProperty.class.getName());
      Binder binder = Binder.get(context.getEnvironment());
      for (String name : (String[]) attributes.get("value")) {
        if (binder.bind(name, Bindable.of(String.class)).map(v -> !v.isBlank()).orElse(false)
            || !binder.bind(name, Bindable.listOf(String.class)).orElse(List.of()).isEmpty()) {
          return true;
        }
      }
      return false;
    }
  }
}
