package dev.shuqiao.client;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one logical call: signs every attempt afresh (nonces are single-use; signing happens in a
 * network interceptor, so even OkHttp's own follow-ups, such as its resend of a 503 with
 * {@code Retry-After: 0}, carry a new nonce), keeps the request id
 * and idempotency key across attempts, and retries I/O errors and 503s with backoff and jitter.
 * Logs method, path and status only: never bodies, headers or keys.
 */
final class Transport {

  private static final Logger LOG = LoggerFactory.getLogger(ShuqiaoClient.class);
  static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final OkHttpClient http;
  private final HttpUrl endpoint;
  private final RetryOptions retry;
  private final RequestSigner signer;
  private final boolean sessions;
  private final Object handshakeLock = new Object();
  private volatile Instant nextHandshake = Instant.MIN;

  Transport(OkHttpClient http, HttpUrl endpoint, RequestSigner signer, RetryOptions retry, boolean sessions) {
    this.http = http.newBuilder().addNetworkInterceptor(chain -> chain.proceed(signer.sign(chain.request()))).build();
    this.endpoint = endpoint;
    this.retry = retry;
    this.signer = signer;
    this.sessions = sessions;
  }

  /**
   * Opens a signing session before a read if none is open: one fully signed {@code POST
   * /v1/sessions}. If the hub refuses (an older hub, too many sessions), reads stay fully signed
   * and the client asks again a minute later.
   */
  private void ensureSession() {
    if (!sessions || signer.hasSession() || Instant.now().isBefore(nextHandshake)) {
      return;
    }
    synchronized (handshakeLock) {
      if (signer.hasSession() || Instant.now().isBefore(nextHandshake)) {
        return;
      }
      SigningSession.Handshake handshake = signer.handshake();
      try {
        byte[] answer = call("POST", List.of("v1", "sessions"), Map.of(), handshake.body(), JSON);
        signer.useSession(handshake, Codec.tree(answer));
      } catch (ShuqiaoException e) {
        if (e.status() == 0) {
          throw e; // the hub is unreachable: the read would retry and fail the same way
        }
        LOG.debug("no signing session, reads stay fully signed: {}", e.type());
        nextHandshake = Instant.now().plusSeconds(60);
      } catch (RuntimeException e) {
        LOG.debug("no signing session, reads stay fully signed: {}", e.getClass().getSimpleName());
        nextHandshake = Instant.now().plusSeconds(60);
      }
    }
  }

  /** The hub's URL of {@code segments} (not yet encoded) with {@code query}. */
  HttpUrl url(List<String> segments, Map<String, String> query) {
    HttpUrl.Builder url = endpoint.newBuilder();
    segments.forEach(url::addPathSegment);
    query.forEach(url::addQueryParameter);
    return url.build();
  }

  /**
   * One signed attempt of a streamed mailbox request (docs/bulk.md §2), without the call timeout
   * (a chunk or a download takes as long as its bytes do; the read timeout still applies). The
   * caller reads and closes the response, and decides about retries: resuming needs the hub's
   * offset, which only it knows how to ask for.
   */
  Response executeOnce(Request request) throws IOException {
    okhttp3.Call call = http.newCall(request);
    call.timeout().timeout(0, java.util.concurrent.TimeUnit.MILLISECONDS);
    Response response = call.execute();
    LOG.debug("{} {} -> {}", request.method(), request.url().encodedPath(), response.code());
    return response;
  }

  RetryOptions retryOptions() {
    return retry;
  }

  /** Waits the backoff before retry number {@code retryNumber} (1-based), with jitter. */
  void backoffPause(int retryNumber, String requestId) {
    pause(backoff(retryNumber), requestId);
  }

  /** Performs the call and returns the response body of a 2xx answer. */
  byte[] call(String method, List<String> segments, Map<String, String> query, byte[] body, MediaType type) {
    return call(method, segments, query, body, type, method.equals("GET"));
  }

  /**
   * Performs the call; {@code sessionAllowed} lets a change be signed within the signing session
   * (the exchange channel's poll and reply, docs/hub-api.md "Signing sessions").
   */
  byte[] call(String method, List<String> segments, Map<String, String> query, byte[] body, MediaType type,
      boolean sessionAllowed) {
    HttpUrl.Builder url = endpoint.newBuilder();
    segments.forEach(url::addPathSegment);
    query.forEach(url::addQueryParameter);
    HttpUrl target = url.build();
    String requestId = UUID.randomUUID().toString();
    String idempotencyKey = method.equals("GET") ? null : UUID.randomUUID().toString().replace("-", "");
    boolean sessionRetried = false;
    boolean fullySigned = false;
    for (int attempt = 0; ; attempt++) {
      if (sessionAllowed && !fullySigned) {
        ensureSession();
      }
      boolean inSession = sessionAllowed && !fullySigned && signer.hasSession();
      Request.Builder request = new Request.Builder().url(target).header("X-Request-Id", requestId)
          .header("Accept", "application/json, application/problem+json");
      if (idempotencyKey != null) {
        request.header("Idempotency-Key", idempotencyKey);
      }
      if (fullySigned) {
        request.tag(RequestSigner.FullSignature.class, RequestSigner.FullSignature.REQUIRED);
      } else if (sessionAllowed && !method.equals("GET")) {
        request.tag(RequestSigner.SessionAllowed.class, RequestSigner.SessionAllowed.EXCHANGE);
      }
      request.method(method, method.equals("GET") ? null : RequestBody.create(body == null ? new byte[0] : body, type));
      try (Response response = http.newCall(request.build()).execute()) {
        ResponseBody responseBody = response.body();
        byte[] bytes = responseBody == null ? new byte[0] : responseBody.bytes();
        LOG.debug("{} {} -> {} (attempt {}, request {})", method, target.encodedPath(), response.code(), attempt + 1, requestId);
        if (response.isSuccessful()) {
          return bytes;
        }
        if (response.code() == 401 && inSession) {
          signer.dropSession();
          attempt--;
          if (!sessionRetried) {
            // This hub instance does not know the session (restart, another instance, expiry):
            // open a new one and send the read again.
            sessionRetried = true;
          } else {
            // The new session is unknown too: a load balancer without affinity spreads requests
            // over instances. Sign this read with the department's key, which every instance
            // verifies, and stay with full signatures for a minute.
            fullySigned = true;
            nextHandshake = Instant.now().plusSeconds(60);
            LOG.debug("signing session unknown twice (no instance affinity?); reads are fully signed for a minute");
          }
          continue;
        }
        if (response.code() == 503 && attempt < retry.maxRetries()) {
          pause(retryAfter(response.header("Retry-After")).orElse(backoff(attempt + 1)), requestId);
          continue;
        }
        throw Problems.from(response.code(), bytes, requestId);
      } catch (IOException e) {
        if (attempt >= retry.maxRetries()) {
          LOG.warn("{} {} failed after {} attempt(s) (request {}): {}", method, target.encodedPath(), attempt + 1,
              requestId, e.getClass().getSimpleName());
          throw new ShuqiaoException("cannot reach the hub: " + e.getMessage(), 0, "transport", requestId, e);
        }
        pause(backoff(attempt + 1), requestId);
      }
    }
  }

  /**
   * Posts one exchange (docs/exchange.md §2) and returns the body of the 200 answer. Every attempt
   * sends the same bytes, so the same sealed query and message id: the message id is the exchange's
   * idempotency key at the hub (§6), and no {@code Idempotency-Key} header is sent. Retries I/O
   * errors and the hub's own 503s (not {@code provider-unavailable}, which is the provider's answer)
   * with backoff, and {@code 409 exchange-in-progress} after its {@code Retry-After}; each attempt's
   * time limit is what is left until {@code deadline}, and at the deadline it gives up with
   * {@link ProviderTimeoutException}. Any other answer is mapped by {@link ExchangeProblems}.
   */
  byte[] exchange(List<String> segments, byte[] body, Instant deadline, UUID messageId) {
    HttpUrl.Builder url = endpoint.newBuilder();
    segments.forEach(url::addPathSegment);
    HttpUrl target = url.build();
    String requestId = UUID.randomUUID().toString();
    RequestBody requestBody = RequestBody.create(body, JSON);
    int failures = 0;
    boolean sessionRetried = false;
    for (int attempt = 0; ; attempt++) {
      long left = Duration.between(Instant.now(), deadline).toMillis();
      if (left <= 0) {
        throw deadlinePassed(messageId, requestId, null);
      }
      // Within the signing session when one can be had (docs/hub-api.md "Signing sessions"): the
      // sealed query carries the department's own signature, so the HTTP request needs no second one.
      if (!sessionRetried) {
        try {
          ensureSession();
        } catch (ShuqiaoException unreachable) {
          // The hub cannot be reached: the post below meets the same I/O error and is retried as one.
        }
      }
      boolean inSession = !sessionRetried && signer.hasSession();
      Request.Builder builder = new Request.Builder().url(target).header("X-Request-Id", requestId)
          .header("Accept", "application/json, application/problem+json").post(requestBody);
      if (inSession) {
        builder.tag(RequestSigner.SessionAllowed.class, RequestSigner.SessionAllowed.EXCHANGE);
      } else {
        builder.tag(RequestSigner.FullSignature.class, RequestSigner.FullSignature.REQUIRED);
      }
      Request request = builder.build();
      okhttp3.Call call = http.newCall(request);
      call.timeout().timeout(left, java.util.concurrent.TimeUnit.MILLISECONDS);
      Duration wait;
      try (Response response = call.execute()) {
        ResponseBody responseBody = response.body();
        byte[] bytes = responseBody == null ? new byte[0] : responseBody.bytes();
        LOG.debug("POST {} -> {} (attempt {}, request {})", target.encodedPath(), response.code(), attempt + 1, requestId);
        if (response.isSuccessful()) {
          return bytes;
        }
        if (response.code() == 401 && inSession) {
          // The hub does not know the session (restart, another instance): the same bytes again,
          // signed with the department's key; the message id keeps the exchange one exchange.
          signer.dropSession();
          sessionRetried = true;
          attempt--;
          continue;
        }
        ExchangeProblems.Problem problem = ExchangeProblems.read(response.code(), bytes);
        java.util.Optional<Duration> retryAfter = retryAfter(response.header("Retry-After"));
        if (response.code() == 409 && problem.type().equals("exchange-in-progress")) {
          wait = retryAfter.orElse(Duration.ofSeconds(1));
        } else if (response.code() == 503 && !problem.type().equals("provider-unavailable")
            && failures++ < retry.maxRetries()) {
          wait = retryAfter.orElse(backoff(failures));
        } else {
          throw ExchangeProblems.exception(response.code(), problem, bytes, requestId, messageId,
              hubRetryAfter(response.header("Retry-After")));
        }
      } catch (IOException e) {
        if (!Instant.now().isBefore(deadline)) {
          throw deadlinePassed(messageId, requestId, e);
        }
        if (failures++ >= retry.maxRetries()) {
          LOG.warn("POST {} failed after {} attempt(s) (request {}): {}", target.encodedPath(), attempt + 1, requestId,
              e.getClass().getSimpleName());
          throw new ShuqiaoException("cannot reach the hub: " + e.getMessage(), 0, "transport", requestId, e);
        }
        wait = backoff(failures);
      }
      Duration untilDeadline = Duration.between(Instant.now(), deadline);
      if (wait.compareTo(untilDeadline) >= 0) {
        pause(untilDeadline.isNegative() ? Duration.ZERO : untilDeadline, requestId);
        throw deadlinePassed(messageId, requestId, null);
      }
      pause(wait, requestId);
    }
  }

  private static ProviderTimeoutException deadlinePassed(UUID messageId, String requestId, Throwable cause) {
    return new ProviderTimeoutException("the exchange's deadline passed before an answer came", 0, "deadline",
        requestId, messageId, cause);
  }

  private Duration backoff(int retryNumber) {
    return retry.backoff(retryNumber, ThreadLocalRandom.current().nextDouble(0.5, 1.0));
  }

  private java.util.Optional<Duration> retryAfter(String header) {
    return hubRetryAfter(header).map(wait -> wait.compareTo(retry.maxDelay()) > 0 ? retry.maxDelay() : wait);
  }

  /** The hub's {@code Retry-After} as it said it, not capped by the retry options. */
  private static java.util.Optional<Duration> hubRetryAfter(String header) {
    if (header == null) {
      return java.util.Optional.empty();
    }
    Duration wait;
    try {
      wait = Duration.ofSeconds(Long.parseLong(header.strip()));
    } catch (NumberFormatException e) {
      try {
        wait = Duration.between(Instant.now(), ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME));
      } catch (DateTimeParseException e2) {
        return java.util.Optional.empty();
      }
    }
    return java.util.Optional.of(wait.isNegative() ? Duration.ZERO : wait);
  }

  private static void pause(Duration delay, String requestId) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ShuqiaoException("interrupted while waiting to retry", 0, "interrupted", requestId, e);
    }
  }
}
