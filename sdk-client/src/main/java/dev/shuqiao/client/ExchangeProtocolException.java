package dev.shuqiao.client;

import java.util.UUID;

/**
 * The answer did not verify, so nothing of it is returned: the response envelope does not open, is
 * not from the provider the query was sealed for, answers another message, carries an item outside
 * the ticket; the ticket does not verify or names another exchange; or the provider's registered
 * certificate is not one the city trust store vouches for. {@link #type()} says which check failed.
 */
public final class ExchangeProtocolException extends ExchangeException {

  private static final long serialVersionUID = 1L;

  public ExchangeProtocolException(String message, String type, UUID messageId, Throwable cause) {
    super(message, 0, type, null, messageId, cause);
  }
}
