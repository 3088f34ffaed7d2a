package dev.shuqiao.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Optional;

/**
 * What the provider answers one relay message (docs/exchange.md §4): either 200 with the reply
 * {@code {"messageId": …, "response": …}}, or an RFC 9457 problem with its status. {@link
 * ProviderServlet} writes it as it is; a container of your own writes {@link #status()}, {@link
 * #contentType()} and {@link #body()}.
 */
public final class ProviderReply {

  private final String messageId;
  private final byte[] response;
  private final Refusal refusal;

  private ProviderReply(String messageId, byte[] response, Refusal refusal) {
    this.messageId = messageId;
    this.response = response;
    this.refusal = refusal;
  }

  static ProviderReply delivered(String messageId, byte[] response) {
    return new ProviderReply(messageId, response, null);
  }

  static ProviderReply refused(String messageId, Refusal refusal) {
    return new ProviderReply(messageId, null, refusal);
  }

  /** 200 when delivered, else the problem's status. */
  public int status() {
    return refusal == null ? 200 : refusal.status();
  }

  public String contentType() {
    return refusal == null ? "application/json" : "application/problem+json";
  }

  /** The HTTP body of the push mode: the reply, or the problem. */
  public byte[] body() {
    if (refusal == null) {
      return replyJson();
    }
    ObjectNode problem = problem();
    if (messageId != null) {
      problem.put("messageId", messageId);
    }
    return Json.bytes(problem);
  }

  /** Whether the response envelope was sealed (status 200). */
  public boolean delivered() {
    return refusal == null;
  }

  /** The problem type slug of a refusal, e.g. {@code ticket-expired}. */
  public Optional<String> problemType() {
    return Optional.ofNullable(refusal).map(Refusal::type);
  }

  /** The exchange's message id, when the relay message named one. */
  public Optional<String> messageId() {
    return Optional.ofNullable(messageId);
  }

  /** The sealed response envelope (binary form) of a delivery. */
  public Optional<byte[]> responseEnvelope() {
    return Optional.ofNullable(response).map(byte[]::clone);
  }

  /** The reply of the pull mode: {@code {"messageId", "response"}} or {@code {"messageId", "problem"}}. */
  byte[] replyJson() {
    ObjectNode reply = Json.MAPPER.createObjectNode().put("messageId", messageId);
    if (refusal == null) {
      reply.put("response", Base64.getUrlEncoder().withoutPadding().encodeToString(response));
    } else {
      reply.set("problem", problem());
    }
    return Json.bytes(reply);
  }

  /** Reads back what {@link #replyJson()} wrote (the idempotency store keeps that form). */
  static ProviderReply fromReplyJson(byte[] json) {
    JsonNode reply = Json.tree(json);
    String messageId = reply.path("messageId").isTextual() ? reply.get("messageId").textValue() : null;
    if (reply.path("response").isTextual()) {
      return delivered(messageId, Base64.getUrlDecoder().decode(reply.get("response").textValue()));
    }
    JsonNode problem = reply.path("problem");
    String type = problem.path("type").asText("");
    return refused(messageId, new Refusal(type.substring(type.lastIndexOf('/') + 1), problem.path("status").asInt(500),
        problem.path("detail").asText("")));
  }

  private ObjectNode problem() {
    return Json.MAPPER.createObjectNode().put("type", Refusal.TYPE_PREFIX + refusal.type()).put("title", refusal.title())
        .put("status", refusal.status()).put("detail", refusal.detail());
  }

  @Override
  public String toString() {
    return "ProviderReply[" + status() + (refusal == null ? "" : " " + refusal.type()) + ", message " + messageId + "]";
  }
}
