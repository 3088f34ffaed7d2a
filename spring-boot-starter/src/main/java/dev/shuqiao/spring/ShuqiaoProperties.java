package dev.shuqiao.spring;

import dev.shuqiao.audit.AuditAction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * The {@code shuqiao.*} properties of a departmental Spring Boot application.
 *
 * <pre>{@code
 * shuqiao:
 *   system-name: 出生医学证明管理系统
 *   hub:
 *     endpoint: https://hub.liuzhou.example.gov.cn
 *     exchange-certificates: file:/etc/shuqiao/hub-exchange.pem
 *   identity:
 *     pkcs12: file:/etc/shuqiao/department.p12
 *     password: ${SHUQIAO_KEYSTORE_PASSWORD}
 *   trust:
 *     roots: file:/etc/shuqiao/city-ca.pem
 *   audit:
 *     directory: /var/lib/shuqiao/audit
 *     origin: audit.health.liuzhou.gov.cn
 *     filter:
 *       url-patterns: /api/births/*
 *   pseudonym-key: file:/etc/shuqiao/pseudonym.key
 *   provider:
 *     catalog: classpath:catalog.yaml
 * }</pre>
 */
@ConfigurationProperties("shuqiao")
public final class ShuqiaoProperties {

  /** The departmental system named as actor in audit records; default spring.application.name, else shuqiao-client. */
  private String systemName;

  /**
   * The department's pseudonym key: a file holding the key in Base64 (32 to 64 bytes). Used for the
   * keyed pseudonyms of data subjects in audit records and for the 'pseudonym' masking rule.
   */
  private Resource pseudonymKey;

  private final Hub hub = new Hub();
  private final Identity identity = new Identity();
  private final Trust trust = new Trust();
  private final Audit audit = new Audit();
  private final Provider provider = new Provider();
  private final Health health = new Health();

  public String getSystemName() {
    return systemName;
  }

  public void setSystemName(String systemName) {
    this.systemName = systemName;
  }

  public Resource getPseudonymKey() {
    return pseudonymKey;
  }

  public void setPseudonymKey(Resource pseudonymKey) {
    this.pseudonymKey = pseudonymKey;
  }

  public Hub getHub() {
    return hub;
  }

  public Identity getIdentity() {
    return identity;
  }

  public Trust getTrust() {
    return trust;
  }

  public Audit getAudit() {
    return audit;
  }

  public Provider getProvider() {
    return provider;
  }

  public Health getHealth() {
    return health;
  }

  /** The exchange hub the client talks to. */
  public static final class Hub {
    /** The hub's base URL, e.g. https://hub.liuzhou.example.gov.cn; without it no client is configured. */
    private String endpoint;
    /** Time limit for connecting to the hub. */
    private Duration connectTimeout = Duration.ofSeconds(10);
    /** Time limit of one attempt, from connecting to reading the whole answer. */
    private Duration callTimeout = Duration.ofSeconds(30);
    /** The hub's exchange certificates (PEM), pinned: only tickets they signed are accepted. */
    private List<Resource> exchangeCertificates = new ArrayList<>();

    public String getEndpoint() {
      return endpoint;
    }

    public void setEndpoint(String endpoint) {
      this.endpoint = endpoint;
    }

    public Duration getConnectTimeout() {
      return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
    }

    public Duration getCallTimeout() {
      return callTimeout;
    }

    public void setCallTimeout(Duration callTimeout) {
      this.callTimeout = callTimeout;
    }

    public List<Resource> getExchangeCertificates() {
      return exchangeCertificates;
    }

    public void setExchangeCertificates(List<Resource> exchangeCertificates) {
      this.exchangeCertificates = exchangeCertificates;
    }
  }

  /** The department's key and certificate: a PKCS#12 file, or a PEM private key and certificate. */
  public static final class Identity {
    /** PKCS#12 file holding the department's private key and certificate chain. */
    private Resource pkcs12;
    /** Password of the PKCS#12 file (e.g. ${SHUQIAO_KEYSTORE_PASSWORD}); never logged. */
    private String password;
    /** PEM file of the unencrypted PKCS#8 private key (instead of pkcs12). */
    private Resource privateKey;
    /** PEM file of the department's certificate (with private-key). */
    private Resource certificate;

    public Resource getPkcs12() {
      return pkcs12;
    }

    public void setPkcs12(Resource pkcs12) {
      this.pkcs12 = pkcs12;
    }

    public String getPassword() {
      return password;
    }

    public void setPassword(String password) {
      this.password = password;
    }

    public Resource getPrivateKey() {
      return privateKey;
    }

    public void setPrivateKey(Resource privateKey) {
      this.privateKey = privateKey;
    }

    public Resource getCertificate() {
      return certificate;
    }

    public void setCertificate(Resource certificate) {
      this.certificate = certificate;
    }
  }

  /** The city CA that vouches for departments and the hub. */
  public static final class Trust {
    /** PEM files of the city's root certificates. */
    private List<Resource> roots = new ArrayList<>();
    /** PEM files of intermediate CA certificates. */
    private List<Resource> intermediates = new ArrayList<>();
    /** PEM files of the CAs' certificate revocation lists. */
    private List<Resource> crls = new ArrayList<>();

    public List<Resource> getRoots() {
      return roots;
    }

    public void setRoots(List<Resource> roots) {
      this.roots = roots;
    }

    public List<Resource> getIntermediates() {
      return intermediates;
    }

    public void setIntermediates(List<Resource> intermediates) {
      this.intermediates = intermediates;
    }

    public List<Resource> getCrls() {
      return crls;
    }

    public void setCrls(List<Resource> crls) {
      this.crls = crls;
    }
  }

  /** The department's tamper-evident audit log and the filter that audits requests to its endpoints. */
  public static final class Audit {
    /** Directory of the audit log; without it no audit log is configured. */
    private Path directory;
    /** The log's origin line in checkpoints, e.g. audit.health.liuzhou.gov.cn: required for a new log, checked for an existing one. */
    private String origin;
    private final Filter filter = new Filter();

    public Path getDirectory() {
      return directory;
    }

    public void setDirectory(Path directory) {
      this.directory = directory;
    }

    public String getOrigin() {
      return origin;
    }

    public void setOrigin(String origin) {
      this.origin = origin;
    }

    public Filter getFilter() {
      return filter;
    }

    /** Audits every request to the matching paths with the actor from the authenticated user. */
    public static final class Filter {
      /** Servlet URL patterns audited, e.g. /api/*; without any the filter is not registered. */
      private List<String> urlPatterns = new ArrayList<>();
      /** The action recorded for these requests. */
      private AuditAction action = AuditAction.DATA_ACCESS;
      /** Filter order; it must run after the filter that authenticates (Spring Security's is -100). */
      private int order = 0;

      public List<String> getUrlPatterns() {
        return urlPatterns;
      }

      public void setUrlPatterns(List<String> urlPatterns) {
        this.urlPatterns = urlPatterns;
      }

      public AuditAction getAction() {
        return action;
      }

      public void setAction(AuditAction action) {
        this.action = action;
      }

      public int getOrder() {
        return order;
      }

      public void setOrder(int order) {
        this.order = order;
      }
    }
  }

  /** The provider endpoint of the exchange channel (push mode: the hub posts relay messages to it). */
  public static final class Provider {
    /** The department's catalog (YAML); with it and an ExchangeProviderCustomizer bean the endpoint is served. */
    private Resource catalog;
    /** Servlet path of the endpoint; register path's full URL with the hub as the department's endpoint. */
    private String path = "/shuqiao/exchange";
    /** The largest relay message accepted, in bytes. */
    private int maxRelayBytes = 16_777_216; // 16 MiB

    public Resource getCatalog() {
      return catalog;
    }

    public void setCatalog(Resource catalog) {
      this.catalog = catalog;
    }

    public String getPath() {
      return path;
    }

    public void setPath(String path) {
      this.path = path;
    }

    public int getMaxRelayBytes() {
      return maxRelayBytes;
    }

    public void setMaxRelayBytes(int maxRelayBytes) {
      this.maxRelayBytes = maxRelayBytes;
    }
  }

  /** The Actuator health indicator {@code shuqiao}. */
  public static final class Health {
    /** Below this many days of certificate validity the indicator reports the certificate as expiring. */
    private int certificateWarningDays = 30;

    public int getCertificateWarningDays() {
      return certificateWarningDays;
    }

    public void setCertificateWarningDays(int certificateWarningDays) {
      this.certificateWarningDays = certificateWarningDays;
    }
  }
}
