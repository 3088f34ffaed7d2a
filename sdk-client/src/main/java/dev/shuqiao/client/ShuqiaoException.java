package dev.shuqiao.client;

/**
 * Base of every failure the client reports. When the hub answered with an RFC 9457 problem, {@link
 * #status()}, {@link #type()} (the stable slug, e.g. {@code not-the-provider}) and {@link #requestId()}
 * tell what happened; for transport failures the status is 0.
 */
public class ShuqiaoException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String type;
  private final String requestId;

  public ShuqiaoException(String message, int status, String type, String requestId, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.type = type;
    this.requestId = requestId;
  }

  /** The HTTP status, or 0 when no answer came. */
  public int status() {
    return status;
  }

  /** The problem type slug (the last segment of the type URI), or {@code transport} / {@code unknown}. */
  public String type() {
    return type;
  }

  /** The request id the hub logged, the same across retries. */
  public String requestId() {
    return requestId;
  }
}
