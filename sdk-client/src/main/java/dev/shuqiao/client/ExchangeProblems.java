package dev.shuqiao.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Maps the hub's answers to {@code POST /v1/exchanges} (docs/exchange.md §2, §5) to exceptions: the
 * exchange outcomes to the {@link ExchangeException}s, the errors of the HTTP layer (authentication,
 * a malformed body, a reused message id) to the client's usual types via {@link Problems}.
 */
final class ExchangeProblems {

  /** What the hub refuses as an exchange (and audits as {@code exchange.refuse}). */
  private static final Set<String> REFUSALS = Set.of("not-found", "resource-retired", "own-resource", "unknown-item",
      "not-shared", "grant-required", "grant-not-found", "grant-mismatch", "grant-not-approved", "grant-expired",
      "grant-items", "provider-refused", "rate-limited");

  record Problem(String type, String title, String detail, JsonNode body) {}

  private ExchangeProblems() {}

  static Problem read(int status, byte[] body) {
    JsonNode node;
    try {
      node = Codec.JSON.readTree(body);
    } catch (IOException e) {
      node = null;
    }
    if (node == null || !node.isObject()) {
      return new Problem("unknown", "HTTP " + status, "", Codec.JSON.createObjectNode());
    }
    String typeUri = node.path("type").asText("unknown");
    return new Problem(typeUri.substring(typeUri.lastIndexOf('/') + 1), node.path("title").asText("HTTP " + status),
        node.path("detail").asText(""), node);
  }

  static ShuqiaoException exception(int status, Problem problem, byte[] body, String requestId, UUID messageId,
      Optional<Duration> retryAfter) {
    String message = problem.title() + (problem.detail().isEmpty() ? "" : ": " + problem.detail());
    String hubRequestId = problem.body().path("requestId").asText(requestId);
    if (status == 503 && problem.type().equals("provider-unavailable")) {
      return new ProviderUnavailableException(message, status, problem.type(), hubRequestId, messageId,
          problem.body().path("circuitOpen").asBoolean(false), retryAfter.orElse(null));
    }
    if (status == 504) {
      return new ProviderTimeoutException(message, status, problem.type(), hubRequestId, messageId, null);
    }
    if (REFUSALS.contains(problem.type()) || (status == 403 && problem.type().startsWith("grant-"))) {
      JsonNode providerType = problem.body().get("providerType");
      return new ExchangeRefusedException(message, status, problem.type(), hubRequestId, messageId,
          providerType != null && providerType.isTextual() ? providerType.asText() : null);
    }
    return Problems.from(status, body, requestId);
  }
}
