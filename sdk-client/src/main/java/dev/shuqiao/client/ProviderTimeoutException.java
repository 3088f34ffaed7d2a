package dev.shuqiao.client;

import java.util.UUID;

/**
 * No answer in time: the hub gave up waiting for the provider (HTTP 504, {@link #type()}
 * {@code provider-timeout}), or the request's own deadline passed first ({@code deadline}, status 0).
 */
public final class ProviderTimeoutException extends ExchangeException {

  private static final long serialVersionUID = 1L;

  public ProviderTimeoutException(String message, int status, String type, String requestId, UUID messageId,
      Throwable cause) {
    super(message, status, type, requestId, messageId, cause);
  }
}
