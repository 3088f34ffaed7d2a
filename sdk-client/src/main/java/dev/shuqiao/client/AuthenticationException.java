package dev.shuqiao.client;

/** HTTP 401: the hub did not accept the request signature (unknown key, expired certificate, replayed nonce, bad signature). */
public final class AuthenticationException extends ShuqiaoException {

  private static final long serialVersionUID = 1L;

  public AuthenticationException(String message, int status, String type, String requestId) {
    super(message, status, type, requestId, null);
  }
}
