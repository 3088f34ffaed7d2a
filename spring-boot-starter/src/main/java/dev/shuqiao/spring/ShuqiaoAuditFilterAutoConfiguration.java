package dev.shuqiao.spring;

import dev.shuqiao.audit.Actor;
import dev.shuqiao.audit.AuditLog;
import dev.shuqiao.audit.hook.AuditFilter;
import dev.shuqiao.crypto.DepartmentIdentity;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ClassUtils;

/**
 * Registers the {@link AuditFilter} for {@code shuqiao.audit.filter.url-patterns}. The actor is the
 * authenticated user as operator of the department (from its certificate) and {@code
 * shuqiao.system-name}: with Spring Security, the authentication of its security context (an
 * anonymous one is nobody); without, the servlet container's {@code getRemoteUser()} or user
 * principal (set by the container or an authentication filter ordered before this one). A request
 * from nobody is refused with 401 and recorded as denied.
 */
@AutoConfiguration(after = ShuqiaoAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({FilterRegistrationBean.class, jakarta.servlet.Filter.class})
@ConditionalOnShuqiaoProperty("shuqiao.audit.filter.url-patterns")
public class ShuqiaoAuditFilterAutoConfiguration {

  static final String SPRING_SECURITY = "org.springframework.security.core.context.SecurityContextHolder";

  /** For Spring. */
  public ShuqiaoAuditFilterAutoConfiguration() {}

  @Bean
  @ConditionalOnMissingBean(name = "shuqiaoAuditFilter")
  FilterRegistrationBean<AuditFilter> shuqiaoAuditFilter(ShuqiaoProperties properties,
      ObjectProvider<AuditLog> auditLog, ObjectProvider<DepartmentIdentity> identity,
      @Value("${spring.application.name:}") String applicationName) {
    AuditLog log = auditLog.getIfAvailable(() -> {
      throw new IllegalStateException("shuqiao.audit.filter.url-patterns is set, so shuqiao.audit.directory is required");
    });
    String department = identity.getIfAvailable(() -> {
      throw new IllegalStateException("shuqiao.audit.filter.url-patterns is set, so the department identity "
          + "(shuqiao.identity.*) is required: the actor is an operator of that department");
    }).department().creditCode().toString();
    String system = ShuqiaoAutoConfiguration.systemName(properties, applicationName);
    ShuqiaoProperties.Audit.Filter p = properties.getAudit().getFilter();
    AuditFilter.Builder filter = AuditFilter.builder(log).action(p.getAction());
    if (ClassUtils.isPresent(SPRING_SECURITY, getClass().getClassLoader())) {
      Function<HttpServletRequest, Optional<Actor>> actors = SpringSecurityActors.resolver(department, system);
      filter.actorResolver(actors);
    } else {
      filter.containerPrincipal(department, system);
    }
    FilterRegistrationBean<AuditFilter> registration = new FilterRegistrationBean<>(filter.build());
    registration.setName("shuqiaoAuditFilter");
    registration.setUrlPatterns(p.getUrlPatterns());
    registration.setOrder(p.getOrder());
    return registration;
  }
}
