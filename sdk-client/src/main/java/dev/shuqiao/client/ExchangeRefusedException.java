package dev.shuqiao.client;

import java.util.Optional;
import java.util.UUID;

/**
 * The exchange was refused: by the hub ({@link #type()} {@code not-shared}, {@code grant-required},
 * {@code grant-not-found}, {@code grant-mismatch}, {@code grant-not-approved}, {@code grant-expired},
 * {@code grant-items}, {@code unknown-item}, {@code own-resource}, {@code resource-retired},
 * {@code not-found}, {@code rate-limited}) or by the provider ({@code provider-refused}, with the
 * provider's own type in {@link #providerType()}, e.g. {@code query-refused}). Sending the same
 * request again gets the same answer.
 */
public final class ExchangeRefusedException extends ExchangeException {

  private static final long serialVersionUID = 1L;

  private final String providerType;

  public ExchangeRefusedException(String message, int status, String type, String requestId, UUID messageId,
      String providerType) {
    super(message, status, type, requestId, messageId, null);
    this.providerType = providerType;
  }

  /** For {@code provider-refused}: the provider's problem type (docs/exchange.md §5). */
  public Optional<String> providerType() {
    return Optional.ofNullable(providerType);
  }
}
