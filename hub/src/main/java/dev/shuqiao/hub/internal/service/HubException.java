package dev.shuqiao.hub.internal.service;

import java.util.List;
import java.util.Map;

/**
 * A client-visible failure, rendered as RFC 9457 problem+json. {@code type} is a stable slug
 * (the problem type URI ends with it); {@code detail} never carries secrets or personal data.
 */
public final class HubException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String type;
  private final String title;
  private final String field;
  private final transient List<Map<String, Object>> problems;
  private final transient Map<String, Object> members;
  private final long retryAfterSeconds;

  public HubException(int status, String type, String title, String detail) {
    this(status, type, title, detail, null, List.of());
  }

  public HubException(int status, String type, String title, String detail, String field,
      List<Map<String, Object>> problems) {
    this(status, type, title, detail, field, problems, Map.of(), -1);
  }

  private HubException(int status, String type, String title, String detail, String field,
      List<Map<String, Object>> problems, Map<String, Object> members, long retryAfterSeconds) {
    super(detail, null, false, false);
    this.status = status;
    this.type = type;
    this.title = title;
    this.field = field;
    this.problems = List.copyOf(problems);
    this.members = Map.copyOf(members);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The same problem with one more extension member (RFC 9457 §3.2), e.g. {@code messageId}. */
  public HubException with(String member, Object value) {
    java.util.LinkedHashMap<String, Object> more = new java.util.LinkedHashMap<>(members);
    more.put(member, value);
    return new HubException(status, type, title, getMessage(), field, problems, more, retryAfterSeconds);
  }

  /** The same problem with a {@code Retry-After} of {@code seconds} (whole seconds, at least 1). */
  public HubException retryAfter(long seconds) {
    return new HubException(status, type, title, getMessage(), field, problems, members, Math.max(1, seconds));
  }

  /** Extension members beyond type, title, status, detail, field and problems. */
  public Map<String, Object> members() {
    return members;
  }

  /** Seconds for {@code Retry-After}, or -1 for the default (1 s on a 503, none otherwise). */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public static HubException badField(String field, String detail) {
    return new HubException(400, "invalid-field", "A field of the request is invalid", detail, field, List.of());
  }

  public static HubException notFound(String what) {
    return new HubException(404, "not-found", "No such " + what, "no " + what + " with that identifier");
  }

  public static HubException forbidden(String type, String detail) {
    return new HubException(403, type, "Not allowed", detail);
  }

  public static HubException conflict(String type, String detail) {
    return new HubException(409, type, "Conflicts with the current state", detail);
  }

  public static HubException unprocessable(String type, String detail, String field) {
    return new HubException(422, type, "The request cannot be applied", detail, field, List.of());
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }

  public String title() {
    return title;
  }

  public String field() {
    return field;
  }

  public List<Map<String, Object>> problems() {
    return problems;
  }
}
