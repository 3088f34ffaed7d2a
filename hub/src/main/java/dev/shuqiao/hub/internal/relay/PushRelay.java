package dev.shuqiao.hub.internal.relay;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Push mode: {@code POST} of the relay message to the provider's registered endpoint with Jetty's
 * asynchronous {@link HttpClient} (the server's own HTTP stack, so no second one on the hub's
 * classpath), bounded by the provider timeout and a reply size limit. Redirects are not followed:
 * the registered endpoint is the only place a relay message goes.
 */
final class PushRelay implements AutoCloseable {

  private final HttpClient http;
  private final int maxReplyBytes;

  PushRelay(int maxReplyBytes) {
    this.maxReplyBytes = maxReplyBytes;
    QueuedThreadPool threads = new QueuedThreadPool(64, 4);
    threads.setName("shuqiao-hub-relay");
    threads.setDaemon(true);
    this.http = new HttpClient();
    http.setExecutor(threads);
    http.setFollowRedirects(false);
    http.setConnectTimeout(5_000);
    http.setMaxConnectionsPerDestination(256);
    http.setUserAgentField(null);
  }

  void start() {
    try {
      http.start();
    } catch (Exception e) {
      throw new IllegalStateException("the relay's HTTP client cannot start: " + e.getMessage(), e);
    }
  }

  /** Sends and waits at most {@code timeout}; never throws for the provider's faults. */
  ProviderAnswer send(URI endpoint, UUID messageId, byte[] relayMessage, Duration timeout) throws InterruptedException {
    Request request = http.newRequest(endpoint).method(HttpMethod.POST)
        .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .headers(h -> h.put(HttpHeader.ACCEPT, "application/json, application/problem+json"))
        .body(new BytesRequestContent("application/json", relayMessage));
    CompletableFuture<ContentResponse> sent = new CompletableResponseListener(request, maxReplyBytes).send();
    ContentResponse response;
    try {
      // Jetty enforces the timeout on the exchange; the extra second only guards against a lost callback.
      response = sent.get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      request.abort(e);
      return ProviderAnswer.timeout();
    } catch (ExecutionException e) {
      return e.getCause() instanceof TimeoutException ? ProviderAnswer.timeout()
          : ProviderAnswer.failed("the provider cannot be reached (" + reason(e.getCause()) + ")");
    } catch (InterruptedException e) {
      request.abort(e);
      throw e;
    }
    return answer(messageId, response);
  }

  private static ProviderAnswer answer(UUID messageId, ContentResponse response) {
    int status = response.getStatus();
    try {
      if (status == 200) {
        return Replies.parse(messageId, response.getContent());
      }
      if (status >= 400 && status < 600) {
        ProviderAnswer problem = problem(response);
        if (problem != null) {
          return problem;
        }
        return status < 500 ? ProviderAnswer.refused("unknown", "the provider refused the exchange (" + status + ")")
            : ProviderAnswer.failed("the provider failed (" + status + ")");
      }
      return ProviderAnswer.failed("the provider answered " + status);
    } catch (IllegalArgumentException e) {
      return ProviderAnswer.failed("the provider's reply is malformed: " + e.getMessage());
    }
  }

  /** A 4xx/5xx problem+json body, read for its type; null if it is none. */
  private static ProviderAnswer problem(ContentResponse response) {
    try {
      return Replies.fromProblem(Replies.JSON.readTree(response.getContent()));
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  private static String reason(Throwable cause) {
    if (cause instanceof java.net.ConnectException) {
      return "connection refused";
    }
    if (cause instanceof IOException) {
      return "connection failed";
    }
    return cause == null ? "unknown" : cause.getClass().getSimpleName();
  }

  @Override
  public void close() {
    try {
      http.stop();
    } catch (Exception e) {
      // stopping is best effort
    }
  }
}
