package dev.shuqiao.hub.internal.relay;

/**
 * What a provider made of one relay message (docs/exchange.md §5). {@code response} is the sealed
 * response envelope (DELIVERED only), never opened here; {@code providerType} is the slug of the
 * provider's problem type (REFUSED); {@code detail} says what went wrong in words safe to show the
 * consumer (no provider text beyond its problem type and status).
 */
public record ProviderAnswer(Kind kind, byte[] response, String providerType, String detail) {

  /** How the provider answered. */
  public enum Kind {
    /** A response envelope. */
    DELIVERED,
    /** A 4xx or a problem reply with a 4xx status: an answer, not a failure. */
    REFUSED,
    /** A 5xx, a broken connection or a malformed reply. */
    FAILED,
    /** No answer within the provider timeout. */
    TIMEOUT
  }

  static ProviderAnswer delivered(byte[] response) {
    return new ProviderAnswer(Kind.DELIVERED, response, null, null);
  }

  static ProviderAnswer refused(String providerType, String detail) {
    return new ProviderAnswer(Kind.REFUSED, null, providerType, detail);
  }

  static ProviderAnswer failed(String detail) {
    return new ProviderAnswer(Kind.FAILED, null, null, detail);
  }

  static ProviderAnswer timeout() {
    return new ProviderAnswer(Kind.TIMEOUT, null, null, "the provider did not answer in time");
  }
}
