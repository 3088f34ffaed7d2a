package dev.shuqiao.client;

import dev.shuqiao.audit.AuditRecorder;
import dev.shuqiao.audit.SubjectPseudonymizer;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.TrustStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;

/**
 * Builds a {@link ShuqiaoClient}: {@link #endpoint} and {@link #credential} are required.
 *
 * <pre>{@code
 * ShuqiaoClient client = ShuqiaoClient.builder()
 *     .endpoint("http://localhost:8080")
 *     .credential(identity)
 *     .trustStore(cityTrust)               // optional: refuse to start with an identity the CA no longer vouches for
 *     .retryOptions(RetryOptions.defaults())
 *     .callTimeout(Duration.ofSeconds(30))
 *     .build();
 * }</pre>
 *
 * <p>For {@link ShuqiaoClient#exchange} the trust store is required, and the consumer-side audit
 * is configured here:
 *
 * <pre>{@code
 * ShuqiaoClient client = ShuqiaoClient.builder()
 *     .endpoint(hubUrl).credential(identity).trustStore(cityTrust)
 *     .addHubExchangeCertificate(hubExchangeCert)  // verify every ticket's signature
 *     .auditRecorder(auditLog)
 *     .subjectPseudonymizer(HmacSubjectPseudonymizer.of(pseudonymKey, "resident-id"))
 *     .systemName("户籍管理系统")
 *     .build();
 * }</pre>
 */
public final class ShuqiaoClientBuilder {

  private HttpUrl endpoint;
  private DepartmentIdentity credential;
  private TrustStore trustStore;
  private OkHttpClient httpClient;
  private RetryOptions retryOptions = RetryOptions.defaults();
  private final List<Interceptor> interceptors = new ArrayList<>();
  private Duration connectTimeout = Duration.ofSeconds(10);
  private Duration callTimeout = Duration.ofSeconds(30);
  private Executor executor = ForkJoinPool.commonPool();
  private Clock clock = Clock.systemUTC();
  private boolean signingSessions = true;
  private final List<X509Certificate> hubExchangeCertificates = new ArrayList<>();
  private AuditRecorder auditRecorder;
  private SubjectPseudonymizer subjectPseudonymizer;
  private String systemName = "shuqiao-client";
  private Duration directoryCacheTtl = Duration.ofSeconds(60);

  ShuqiaoClientBuilder() {}

  /** The hub's base URL, e.g. {@code https://hub.liuzhou.example.gov.cn}. */
  public ShuqiaoClientBuilder endpoint(String endpoint) {
    HttpUrl url = HttpUrl.parse(Objects.requireNonNull(endpoint, "endpoint"));
    if (url == null) {
      throw new IllegalArgumentException("endpoint is not an http(s) URL");
    }
    this.endpoint = url;
    return this;
  }

  /** The department (or administrator) identity every request is signed with. */
  public ShuqiaoClientBuilder credential(DepartmentIdentity identity) {
    this.credential = Objects.requireNonNull(identity, "identity");
    return this;
  }

  /**
   * The city CA trust; when set, {@link #build()} checks the credential's certificate against it.
   * Required for {@link ShuqiaoClient#exchange}: providers' certificates and response envelopes are
   * validated with it.
   */
  public ShuqiaoClientBuilder trustStore(TrustStore trustStore) {
    this.trustStore = Objects.requireNonNull(trustStore, "trustStore");
    return this;
  }

  /** A base OkHttp client to share connection pools; the builder derives its own from it. */
  public ShuqiaoClientBuilder httpClient(OkHttpClient httpClient) {
    this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
    return this;
  }

  public ShuqiaoClientBuilder retryOptions(RetryOptions retryOptions) {
    this.retryOptions = Objects.requireNonNull(retryOptions, "retryOptions");
    return this;
  }

  /** An OkHttp application interceptor; it sees each attempt before it is signed (so headers it adds are not covered). */
  public ShuqiaoClientBuilder addInterceptor(Interceptor interceptor) {
    interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
    return this;
  }

  public ShuqiaoClientBuilder connectTimeout(Duration timeout) {
    this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
    return this;
  }

  /** Time limit of one attempt, from connecting to reading the whole answer. */
  public ShuqiaoClientBuilder callTimeout(Duration timeout) {
    this.callTimeout = Objects.requireNonNull(timeout, "timeout");
    return this;
  }

  /** Runs the {@code *Async} methods; default the common fork-join pool. */
  public ShuqiaoClientBuilder executor(Executor executor) {
    this.executor = Objects.requireNonNull(executor, "executor");
    return this;
  }

  /**
   * Whether reads are signed within a signing session (an HMAC key agreed once per session, see
   * docs/hub-api.md) instead of with the department's key each time; default true. Changes are
   * always signed with the department's key.
   */
  public ShuqiaoClientBuilder signingSessions(boolean enabled) {
    this.signingSessions = enabled;
    return this;
  }

  /**
   * Pins the hub's exchange certificate (docs/exchange.md §1); call again to add one during a
   * rotation. With at least one pinned, every exchange's ticket must carry a signature by a pinned
   * certificate that the trust store validates, or the exchange fails with {@link
   * ExchangeProtocolException}; without, the ticket is parsed and matched but its signature is not
   * checked.
   */
  public ShuqiaoClientBuilder addHubExchangeCertificate(X509Certificate certificate) {
    hubExchangeCertificates.add(Objects.requireNonNull(certificate, "certificate"));
    return this;
  }

  /**
   * Where the consumer side of exchanges is audited (docs/exchange.md §8): {@code exchange.request}
   * before sending, then {@code exchange.deliver} or {@code exchange.refuse}. When recording fails
   * nothing is sent, or nothing is returned. Needs {@link #subjectPseudonymizer}.
   */
  public ShuqiaoClientBuilder auditRecorder(AuditRecorder recorder) {
    this.auditRecorder = Objects.requireNonNull(recorder, "recorder");
    return this;
  }

  /** Turns an exchange's subject into the keyed pseudonym the audit log records; the subject itself never is. */
  public ShuqiaoClientBuilder subjectPseudonymizer(SubjectPseudonymizer pseudonymizer) {
    this.subjectPseudonymizer = Objects.requireNonNull(pseudonymizer, "pseudonymizer");
    return this;
  }

  /** The departmental system the audit records name as actor (default {@code shuqiao-client}). */
  public ShuqiaoClientBuilder systemName(String systemName) {
    Objects.requireNonNull(systemName, "systemName");
    if (systemName.isBlank()) {
      throw new IllegalArgumentException("systemName must not be blank");
    }
    this.systemName = systemName;
    return this;
  }

  /** How long a resource's provider and its certificate are kept after a lookup (default 60 s; zero: every time). */
  public ShuqiaoClientBuilder directoryCacheTtl(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("directoryCacheTtl must be 0 to 1 hour");
    }
    this.directoryCacheTtl = ttl;
    return this;
  }

  /** The clock signatures are dated with; for tests. */
  public ShuqiaoClientBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  public ShuqiaoClient build() {
    if (endpoint == null || credential == null) {
      throw new IllegalStateException("a client needs an endpoint and a credential");
    }
    if (trustStore != null) {
      trustStore.validate(credential.certificate(), clock.instant());
    }
    if (auditRecorder != null && subjectPseudonymizer == null) {
      throw new IllegalStateException("an auditRecorder needs a subjectPseudonymizer: subjects are audited only as pseudonyms");
    }
    if (!hubExchangeCertificates.isEmpty() && trustStore == null) {
      throw new IllegalStateException("a pinned hub exchange certificate needs the trustStore that validates it");
    }
    OkHttpClient.Builder http = (httpClient == null ? new OkHttpClient() : httpClient).newBuilder()
        .connectTimeout(connectTimeout).callTimeout(callTimeout).retryOnConnectionFailure(false);
    interceptors.forEach(http::addInterceptor);
    Transport transport = new Transport(http.build(), endpoint, new RequestSigner(credential, clock), retryOptions,
        signingSessions);
    ConsumerExchange.Settings exchange = trustStore == null ? null : new ConsumerExchange.Settings(credential,
        trustStore, List.copyOf(hubExchangeCertificates), auditRecorder, subjectPseudonymizer, systemName, clock);
    return new ShuqiaoClient(transport, executor, exchange, directoryCacheTtl);
  }
}
