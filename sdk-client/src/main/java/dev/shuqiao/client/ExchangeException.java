package dev.shuqiao.client;

import java.util.Optional;
import java.util.UUID;

/**
 * Base of the failures of {@link ShuqiaoClient#exchange}: {@link ExchangeRefusedException},
 * {@link ProviderUnavailableException}, {@link ProviderTimeoutException}, {@link
 * ExchangeProtocolException}. {@link #messageId()} names the exchange, as the three audit logs do.
 */
public abstract class ExchangeException extends ShuqiaoException {

  private static final long serialVersionUID = 1L;

  private final UUID messageId;

  ExchangeException(String message, int status, String type, String requestId, UUID messageId, Throwable cause) {
    super(message, status, type, requestId, cause);
    this.messageId = messageId;
  }

  /** The exchange's message id, or empty when it failed before a query was sealed. */
  public Optional<UUID> messageId() {
    return Optional.ofNullable(messageId);
  }
}
