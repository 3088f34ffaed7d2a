package dev.shuqiao.spring;

import dev.shuqiao.audit.AuditLog;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.PseudonymKey;
import dev.shuqiao.crypto.TrustStore;
import dev.shuqiao.provider.ExchangeProvider;
import dev.shuqiao.provider.ProviderServlet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * The provider endpoint of the exchange channel (push mode): an {@link ExchangeProvider} built from
 * {@code shuqiao.*} and the application's {@link ExchangeProviderCustomizer} beans (its resource
 * handlers), served by a {@link ProviderServlet} at {@code shuqiao.provider.path}. Register that
 * URL with the hub as the department's endpoint.
 *
 * <p>Needs {@code shuqiao.provider.catalog}, the identity, trust roots, {@code
 * shuqiao.hub.exchange-certificates}, the audit directory and the pseudonym key; a missing one
 * stops the application at start-up with its name. The relay message's hub ticket is the
 * authentication: with Spring Security, permit the path and leave it out of CSRF protection
 * ({@code docs/getting-started.md}).
 */
@AutoConfiguration(after = ShuqiaoAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ServletRegistrationBean.class, jakarta.servlet.Servlet.class})
@ConditionalOnShuqiaoProperty("shuqiao.provider.catalog")
@ConditionalOnBean(ExchangeProviderCustomizer.class)
public class ShuqiaoProviderAutoConfiguration {

  /** For Spring. */
  public ShuqiaoProviderAutoConfiguration() {}

  @Bean
  @ConditionalOnMissingBean
  ExchangeProvider shuqiaoExchangeProvider(ShuqiaoProperties properties, ObjectProvider<DepartmentIdentity> identity,
      ObjectProvider<TrustStore> trustStore, ObjectProvider<AuditLog> auditLog, ObjectProvider<PseudonymKey> pseudonymKey,
      ObjectProvider<ExchangeProviderCustomizer> customizers) {
    ExchangeProvider.Builder provider = ExchangeProvider.builder()
        .identity(required(identity, "the department identity (shuqiao.identity.*)"))
        .trustStore(required(trustStore, "shuqiao.trust.roots"))
        .catalog(PropertyFiles.catalog(properties.getProvider().getCatalog()))
        .auditRecorder(required(auditLog, "shuqiao.audit.directory"))
        .pseudonymKey(required(pseudonymKey, "shuqiao.pseudonym-key"))
        .maxRelayBytes(properties.getProvider().getMaxRelayBytes());
    var hubCertificates = PropertyFiles.certificates(properties.getHub().getExchangeCertificates(),
        "shuqiao.hub.exchange-certificates");
    if (hubCertificates.isEmpty()) {
      throw new IllegalStateException("shuqiao.provider needs shuqiao.hub.exchange-certificates: only tickets the "
          + "hub signed are accepted");
    }
    hubCertificates.forEach(provider::addHubCertificate);
    customizers.orderedStream().forEach(c -> c.customize(provider));
    try {
      return provider.build();
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new IllegalStateException("shuqiao.provider: cannot build the exchange provider: " + e.getMessage(), e);
    }
  }

  @Bean
  @ConditionalOnMissingBean(name = "shuqiaoProviderServlet")
  ServletRegistrationBean<ProviderServlet> shuqiaoProviderServlet(ExchangeProvider provider,
      ShuqiaoProperties properties) {
    String path = properties.getProvider().getPath();
    if (path == null || !path.startsWith("/") || path.contains("*")) {
      throw new IllegalStateException("shuqiao.provider.path must be an exact path starting with '/', e.g. "
          + "/shuqiao/exchange (was " + path + ")");
    }
    ServletRegistrationBean<ProviderServlet> servlet = new ServletRegistrationBean<>(new ProviderServlet(provider),
        path);
    servlet.setName("shuqiaoProviderServlet");
    return servlet;
  }

  private static <T> T required(ObjectProvider<T> bean, String what) {
    return bean.getIfAvailable(() -> {
      throw new IllegalStateException("shuqiao.provider.catalog is set, so the provider endpoint needs " + what);
    });
  }
}
