package dev.shuqiao.client;

import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.TrustStore;
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

  /** The city CA trust; when set, {@link #build()} checks the credential's certificate against it. */
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
    OkHttpClient.Builder http = (httpClient == null ? new OkHttpClient() : httpClient).newBuilder()
        .connectTimeout(connectTimeout).callTimeout(callTimeout).retryOnConnectionFailure(false);
    interceptors.forEach(http::addInterceptor);
    Transport transport = new Transport(http.build(), endpoint, new RequestSigner(credential, clock), retryOptions,
        signingSessions);
    return new ShuqiaoClient(transport, executor);
  }
}
