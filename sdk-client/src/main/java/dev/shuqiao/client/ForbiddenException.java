package dev.shuqiao.client;

/** HTTP 403: the caller is authenticated but may not do this (not the provider, not an administrator, suspended). */
public final class ForbiddenException extends ShuqiaoException {

  private static final long serialVersionUID = 1L;

  public ForbiddenException(String message, int status, String type, String requestId) {
    super(message, status, type, requestId, null);
  }
}
