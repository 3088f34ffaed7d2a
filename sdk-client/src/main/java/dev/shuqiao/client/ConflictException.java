package dev.shuqiao.client;

/** HTTP 409: the request conflicts with the current state (already registered, already decided, retired). */
public final class ConflictException extends ShuqiaoException {

  private static final long serialVersionUID = 1L;

  public ConflictException(String message, int status, String type, String requestId) {
    super(message, status, type, requestId, null);
  }
}
