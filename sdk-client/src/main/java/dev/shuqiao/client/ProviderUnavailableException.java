package dev.shuqiao.client;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * HTTP 503 {@code provider-unavailable}: the provider failed (down, answered 5xx or nonsense) or is
 * suspended, or the hub's circuit for it is open ({@link #circuitOpen()}). A new exchange (a new
 * request, so a new message id) may succeed after {@link #retryAfter()}.
 */
public final class ProviderUnavailableException extends ExchangeException {

  private static final long serialVersionUID = 1L;

  private final boolean circuitOpen;
  private final Duration retryAfter;

  public ProviderUnavailableException(String message, int status, String type, String requestId, UUID messageId,
      boolean circuitOpen, Duration retryAfter) {
    super(message, status, type, requestId, messageId, null);
    this.circuitOpen = circuitOpen;
    this.retryAfter = retryAfter;
  }

  /** Whether the hub stopped relaying to this provider for a while after repeated failures. */
  public boolean circuitOpen() {
    return circuitOpen;
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
