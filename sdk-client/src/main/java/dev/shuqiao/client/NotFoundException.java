package dev.shuqiao.client;

/** HTTP 404: the resource, department or grant does not exist. */
public final class NotFoundException extends ShuqiaoException {

  private static final long serialVersionUID = 1L;

  public NotFoundException(String message, int status, String type, String requestId) {
    super(message, status, type, requestId, null);
  }
}
