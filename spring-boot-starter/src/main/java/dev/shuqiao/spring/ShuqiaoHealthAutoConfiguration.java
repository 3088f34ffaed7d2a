package dev.shuqiao.spring;

import dev.shuqiao.audit.AuditLog;
import dev.shuqiao.client.ShuqiaoClient;
import dev.shuqiao.crypto.DepartmentIdentity;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The Actuator health indicator {@code shuqiao} ({@code /actuator/health/shuqiao}) when Actuator is
 * present; switch it off with {@code management.health.shuqiao.enabled=false}.
 */
@AutoConfiguration(after = ShuqiaoAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator")
@ConditionalOnEnabledHealthIndicator("shuqiao")
public class ShuqiaoHealthAutoConfiguration {

  /** For Spring. */
  public ShuqiaoHealthAutoConfiguration() {}

  @Bean
  @ConditionalOnMissingBean(name = "shuqiaoHealthIndicator")
  HealthIndicator shuqiaoHealthIndicator(ShuqiaoProperties properties, ObjectProvider<DepartmentIdentity> identity,
      ObjectProvider<ShuqiaoClient> client, ObjectProvider<AuditLog> auditLog) {
    return new ShuqiaoHealthIndicator(identity.getIfAvailable(), client.getIfAvailable(), auditLog.getIfAvailable(),
        properties.getHealth().getCertificateWarningDays(), Clock.systemUTC());
  }
}
