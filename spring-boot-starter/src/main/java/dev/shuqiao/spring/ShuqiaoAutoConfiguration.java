package dev.shuqiao.spring;

import dev.shuqiao.audit.AuditLog;
import dev.shuqiao.audit.HmacSubjectPseudonymizer;
import dev.shuqiao.client.ShuqiaoClient;
import dev.shuqiao.client.ShuqiaoClientBuilder;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.PseudonymKey;
import dev.shuqiao.crypto.TrustStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The department's parts from {@code shuqiao.*} ({@link ShuqiaoProperties}), each only when its
 * properties are set and the application has not defined its own bean of that type:
 * {@link DepartmentIdentity} ({@code shuqiao.identity.*}), {@link TrustStore} ({@code
 * shuqiao.trust.roots}), {@link AuditLog} ({@code shuqiao.audit.directory}), {@link PseudonymKey}
 * ({@code shuqiao.pseudonym-key}) and {@link ShuqiaoClient} ({@code shuqiao.hub.endpoint}). A
 * property that is set but wrong stops the application at start-up with a message naming it.
 */
@AutoConfiguration
@EnableConfigurationProperties(ShuqiaoProperties.class)
public class ShuqiaoAutoConfiguration {

  /** For Spring. */
  public ShuqiaoAutoConfiguration() {}

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnShuqiaoProperty({"shuqiao.identity.pkcs12", "shuqiao.identity.private-key",
      "shuqiao.identity.certificate"})
  DepartmentIdentity shuqiaoIdentity(ShuqiaoProperties properties) {
    return PropertyFiles.identity(properties.getIdentity()).orElseThrow();
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnShuqiaoProperty({"shuqiao.trust.roots", "shuqiao.trust.intermediates", "shuqiao.trust.crls"})
  TrustStore shuqiaoTrustStore(ShuqiaoProperties properties) {
    return PropertyFiles.trustStore(properties.getTrust()).orElseThrow();
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  @ConditionalOnShuqiaoProperty("shuqiao.audit.directory")
  AuditLog shuqiaoAuditLog(ShuqiaoProperties properties) {
    AuditLog.Builder log = AuditLog.builder().directory(properties.getAudit().getDirectory());
    String origin = properties.getAudit().getOrigin();
    if (origin != null) {
      log.origin(origin);
    }
    try {
      return log.open();
    } catch (IllegalStateException e) {
      throw new IllegalStateException("shuqiao.audit.directory (" + properties.getAudit().getDirectory() + "): "
          + e.getMessage() + (origin == null ? "; set shuqiao.audit.origin, e.g. audit.health.liuzhou.gov.cn" : ""), e);
    }
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnShuqiaoProperty("shuqiao.pseudonym-key")
  PseudonymKey shuqiaoPseudonymKey(ShuqiaoProperties properties, ObjectProvider<DepartmentIdentity> identity) {
    DepartmentIdentity department = identity.getIfAvailable(() -> {
      throw new IllegalStateException("shuqiao.pseudonym-key needs the department identity (shuqiao.identity.*): "
          + "the key's hash suite is the identity's");
    });
    return PropertyFiles.pseudonymKey(properties.getPseudonymKey(), department.suite());
  }

  /**
   * The hub client. With a trust store it can also run exchanges (pinning {@code
   * shuqiao.hub.exchange-certificates}); with an audit log it records them, subjects pseudonymized
   * with the pseudonym key.
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnShuqiaoProperty("shuqiao.hub.endpoint")
  ShuqiaoClient shuqiaoClient(ShuqiaoProperties properties, ObjectProvider<DepartmentIdentity> identity,
      ObjectProvider<TrustStore> trustStore, ObjectProvider<AuditLog> auditLog,
      ObjectProvider<PseudonymKey> pseudonymKey, @Value("${spring.application.name:}") String applicationName) {
    ShuqiaoProperties.Hub hub = properties.getHub();
    ShuqiaoClientBuilder client = ShuqiaoClient.builder().endpoint(hub.getEndpoint())
        .credential(identity.getIfAvailable(() -> {
          throw new IllegalStateException("shuqiao.hub.endpoint is set but not the department identity that signs "
              + "its requests: set shuqiao.identity.pkcs12 and password, or private-key and certificate");
        }))
        .connectTimeout(hub.getConnectTimeout()).callTimeout(hub.getCallTimeout())
        .systemName(systemName(properties, applicationName));
    trustStore.ifAvailable(client::trustStore);
    PropertyFiles.certificates(hub.getExchangeCertificates(), "shuqiao.hub.exchange-certificates")
        .forEach(client::addHubExchangeCertificate);
    AuditLog log = auditLog.getIfAvailable();
    if (log != null) {
      PseudonymKey key = pseudonymKey.getIfAvailable(() -> {
        throw new IllegalStateException("shuqiao.pseudonym-key is required with shuqiao.audit.directory and "
            + "shuqiao.hub.endpoint: the client audits exchanges, and subjects only as pseudonyms");
      });
      client.auditRecorder(log)
          .subjectPseudonymizer(HmacSubjectPseudonymizer.of(key, HmacSubjectPseudonymizer.DEFAULT_KIND));
    }
    try {
      return client.build();
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new IllegalStateException("shuqiao.hub: cannot build the client: " + e.getMessage(), e);
    }
  }

  static String systemName(ShuqiaoProperties properties, String applicationName) {
    if (properties.getSystemName() != null && !properties.getSystemName().isBlank()) {
      return properties.getSystemName().strip();
    }
    return applicationName == null || applicationName.isBlank() ? "shuqiao-client" : applicationName.strip();
  }
}
