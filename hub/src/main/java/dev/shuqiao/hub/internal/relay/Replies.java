package dev.shuqiao.hub.internal.relay;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shuqiao.crypto.MalformedEnvelopeException;
import dev.shuqiao.crypto.SealedEnvelope;
import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Reads a provider's reply and its problems (docs/exchange.md §4) strictly; the envelope inside is parsed, never opened. */
public final class Replies {

  static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final Set<String> REPLY_MEMBERS = Set.of("messageId", "response", "problem");
  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  private Replies() {}

  /** The relay message: {@code {"ticket", "request"}}. */
  public static byte[] relayMessage(String ticket, byte[] request) {
    ObjectNode node = JSON.createObjectNode();
    node.put("ticket", ticket);
    node.put("request", Base64.getUrlEncoder().withoutPadding().encodeToString(request));
    return node.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * A reply body for {@code messageId}: a response envelope or a problem.
   *
   * @throws IllegalArgumentException naming what is wrong (the provider's fault, not the consumer's)
   */
  public static ProviderAnswer parse(UUID messageId, byte[] body) {
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("the reply is not JSON");
    }
    if (!(node instanceof ObjectNode object)) {
      throw new IllegalArgumentException("the reply is not a JSON object");
    }
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!REPLY_MEMBERS.contains(name)) {
        throw new IllegalArgumentException("the reply has an unknown member " + name);
      }
    }
    JsonNode id = object.get("messageId");
    if (id == null || !id.isTextual() || !id.textValue().equals(messageId.toString())) {
      throw new IllegalArgumentException("the reply's messageId is not the exchange's");
    }
    JsonNode response = object.get("response");
    JsonNode problem = object.get("problem");
    if ((response == null) == (problem == null)) {
      throw new IllegalArgumentException("a reply has exactly one of response and problem");
    }
    if (response != null) {
      return ProviderAnswer.delivered(envelope(response));
    }
    return fromProblem(problem);
  }

  /** A provider's problem object (a reply's {@code problem}, or a 4xx/5xx problem+json body). */
  static ProviderAnswer fromProblem(JsonNode problem) {
    if (!(problem instanceof ObjectNode) || !problem.path("status").canConvertToInt()) {
      throw new IllegalArgumentException("a problem is an object with a status");
    }
    int status = problem.get("status").intValue();
    String type = slug(problem.path("type").asText(""));
    if (status >= 400 && status < 500) {
      return ProviderAnswer.refused(type, "the provider refused the exchange (" + type + ", " + status + ")");
    }
    if (status >= 500 && status < 600) {
      return ProviderAnswer.failed("the provider failed (" + type + ", " + status + ")");
    }
    throw new IllegalArgumentException("a problem's status is 4xx or 5xx");
  }

  /** The last path segment of a problem type URI (or the slug itself), or {@code unknown} if it is not a slug. */
  static String slug(String type) {
    String last = type.substring(type.lastIndexOf('/') + 1);
    return SLUG.matcher(last).matches() ? last : "unknown";
  }

  private static byte[] envelope(JsonNode response) {
    if (!response.isTextual()) {
      throw new IllegalArgumentException("response is base64url text");
    }
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(response.textValue());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("response is not base64url");
    }
    try {
      SealedEnvelope.fromBinary(bytes);
    } catch (MalformedEnvelopeException e) {
      throw new IllegalArgumentException("response is not a sealed envelope");
    }
    return bytes;
  }
}
