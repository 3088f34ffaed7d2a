package dev.shuqiao.provider;

/**
 * A provider problem (docs/exchange.md §5): the type slug, its HTTP status, and a detail safe to
 * show the consumer (never personal data, never an exception's message from below).
 */
final class Refusal extends RuntimeException {

  static final String TYPE_PREFIX = "https://shuqiao.dev/problems/";

  private final String type;
  private final int status;

  Refusal(String type, int status, String detail) {
    super(detail, null, false, false);
    this.type = type;
    this.status = status;
  }

  String type() {
    return type;
  }

  int status() {
    return status;
  }

  String detail() {
    return getMessage();
  }

  /** A refusal of the query (4xx) rather than a failure of the provider (5xx). */
  boolean denied() {
    return status < 500;
  }

  String title() {
    return switch (type) {
      case "ticket-malformed" -> "The authorization ticket is malformed";
      case "ticket-signature" -> "The authorization ticket is not signed by the hub";
      case "ticket-expired" -> "The authorization ticket is expired";
      case "ticket-mismatch" -> "The authorization ticket does not match this provider or request";
      case "envelope-invalid" -> "The query envelope does not open";
      case "no-handler" -> "This provider serves no such resource";
      case "query-refused" -> "The provider refused the query";
      case "malformed-json" -> "The relay message is not valid";
      case "body-too-large" -> "The relay message is too large";
      case "audit-unavailable" -> "The provider cannot audit the exchange";
      case "method-not-allowed" -> "Method not allowed";
      case "unsupported-media-type" -> "Unsupported media type";
      default -> "The provider failed to answer";
    };
  }
}
