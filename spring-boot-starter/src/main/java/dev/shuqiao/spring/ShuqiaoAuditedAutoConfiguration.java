package dev.shuqiao.spring;

import dev.shuqiao.audit.hook.Audited;
import org.springframework.aop.Advisor;
import org.springframework.aop.config.AopConfigUtils;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.core.type.AnnotationMetadata;

/**
 * {@code @Audited} on Spring beans: every call of an annotated method (or of any method of an
 * annotated class) is recorded in the current {@code AuditScope}, exactly as the CDI interceptor
 * records it ({@link dev.shuqiao.audit.hook.AuditedCall}); a call outside any scope is refused.
 * Registers an auto-proxy creator itself, so the advice applies even with {@code spring.aop.auto=false}:
 * an annotation that silently did nothing would leave calls unaudited.
 */
@AutoConfiguration
@Import(ShuqiaoAuditedAutoConfiguration.AutoProxy.class)
public class ShuqiaoAuditedAutoConfiguration {

  /** For Spring. */
  public ShuqiaoAuditedAutoConfiguration() {}

  @Bean
  @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
  @ConditionalOnMissingBean(name = "shuqiaoAuditedAdvisor")
  static Advisor shuqiaoAuditedAdvisor() {
    ComposablePointcut pointcut = new ComposablePointcut(new AnnotationMatchingPointcut(Audited.class, true))
        .union(new AnnotationMatchingPointcut(null, Audited.class, true));
    DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(pointcut, new AuditedMethodInterceptor());
    // Outermost of the infrastructure advice (e.g. outside @Transactional): a rolled-back call is recorded as failed.
    advisor.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
    return advisor;
  }

  /** Makes sure an auto-proxy creator exists (the one Spring Boot's AOP configuration would register). */
  static final class AutoProxy implements ImportBeanDefinitionRegistrar {
    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
      AopConfigUtils.registerAutoProxyCreatorIfNecessary(registry);
      AopConfigUtils.forceAutoProxyCreatorToUseClassProxying(registry);
    }
  }
}
