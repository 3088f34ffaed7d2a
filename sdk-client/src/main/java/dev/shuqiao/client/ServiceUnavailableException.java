package dev.shuqiao.client;

/** HTTP 503: the hub is unavailable even after the retries. */
public final class ServiceUnavailableException extends ShuqiaoException {

  private static final long serialVersionUID = 1L;

  public ServiceUnavailableException(String message, int status, String type, String requestId) {
    super(message, status, type, requestId, null);
  }
}
