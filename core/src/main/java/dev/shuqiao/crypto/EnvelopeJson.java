package dev.shuqiao.crypto;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The JSON form: the same fields as the binary form, binary values in unpadded base64url. Opening
 * rebuilds the binary header from these fields, so both forms sign and authenticate the same bytes.
 * Parsing is strict: unknown, repeated or missing fields, wrong types, non-canonical base64 and
 * anything after the object are malformed.
 */
final class EnvelopeJson {

  static final String FORMAT = "shuqiao-envelope";
  /**
   * The encoding is canonical, so a repeated key (Jackson would keep the last) and content after the
   * object (Jackson would ignore it) are malformed, at every level.
   */
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();
  private static final Set<String> FIELDS = Set.of("format", "version", "suite", "messageId", "createdAt", "sender",
      "resourceCode", "contentType", "grantId", "caseId", "recipients", "nonce", "ciphertext");
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private EnvelopeJson() {}

  static String write(WireEnvelope wire) {
    ObjectNode root = MAPPER.createObjectNode()
        .put("format", FORMAT)
        .put("version", WireEnvelope.VERSION)
        .put("suite", wire.suite().name())
        .put("messageId", wire.messageId().toString())
        .put("createdAt", wire.createdAtMillis())
        .put("sender", ENCODER.encodeToString(wire.senderCertificate()))
        .put("resourceCode", wire.resourceCode())
        .put("contentType", wire.contentType());
    if (wire.grantId() != null) {
      root.put("grantId", wire.grantId());
    }
    if (wire.caseId() != null) {
      root.put("caseId", wire.caseId());
    }
    ArrayNode recipients = root.putArray("recipients");
    for (WireEnvelope.Recipient recipient : wire.recipients()) {
      recipients.addObject().put("keyId", ENCODER.encodeToString(recipient.keyId()))
          .put("wrappedKey", ENCODER.encodeToString(recipient.wrappedKey()));
    }
    root.put("nonce", ENCODER.encodeToString(wire.nonce()));
    root.put("ciphertext", ENCODER.encodeToString(wire.ciphertextBytes()));
    return root.toPrettyString();
  }

  static WireEnvelope parse(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (MismatchedInputException e) {
      throw new MalformedEnvelopeException("envelope JSON has content after its object");
    } catch (JsonProcessingException e) {
      String reason = e.getOriginalMessage();
      throw new MalformedEnvelopeException(reason != null && reason.startsWith("Duplicate field")
          ? "envelope JSON repeats a key" : "envelope JSON does not parse");
    }
    if (root == null || !root.isObject()) {
      throw new MalformedEnvelopeException("envelope JSON must be an object");
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new MalformedEnvelopeException("unknown envelope field '" + name + "'");
      }
    }
    if (!FORMAT.equals(text(root, "format")) || !root.path("version").isInt()) {
      throw new MalformedEnvelopeException("not a Shuqiao envelope (format and numeric version required)");
    }
    WireEnvelope.requireVersion(root.get("version").intValue());
    WireEnvelope wire = new WireEnvelope(suite(text(root, "suite")), uuid(text(root, "messageId")), millis(root),
        bytes(root, "sender"), text(root, "resourceCode"), text(root, "contentType"), optional(root, "grantId"),
        optional(root, "caseId"), recipients(root), bytes(root, "nonce"), bytes(root, "ciphertext"));
    // Round trip through the strict binary parser: one set of length and content rules for both forms.
    return WireEnvelope.parse(wire.toBinary());
  }

  private static List<WireEnvelope.Recipient> recipients(JsonNode root) {
    JsonNode array = root.get("recipients");
    if (array == null || !array.isArray() || array.size() > WireEnvelope.MAX_RECIPIENTS) {
      throw new MalformedEnvelopeException("recipients must be an array of at most 255 entries");
    }
    List<WireEnvelope.Recipient> out = new ArrayList<>();
    for (JsonNode entry : array) {
      if (!entry.isObject() || entry.size() != 2) {
        throw new MalformedEnvelopeException("a recipient has exactly keyId and wrappedKey");
      }
      out.add(new WireEnvelope.Recipient(bytes(entry, "keyId"), bytes(entry, "wrappedKey")));
    }
    return out;
  }

  private static Suite suite(String name) {
    try {
      return Suite.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new MalformedEnvelopeException("unknown suite");
    }
  }

  private static UUID uuid(String text) {
    try {
      UUID id = UUID.fromString(text);
      if (!id.toString().equals(text)) {
        throw new MalformedEnvelopeException("messageId is not a canonical UUID");
      }
      return id;
    } catch (IllegalArgumentException e) {
      throw new MalformedEnvelopeException("messageId is not a UUID");
    }
  }

  private static long millis(JsonNode root) {
    JsonNode node = root.get("createdAt");
    if (node == null || !node.canConvertToLong() || !node.isIntegralNumber()) {
      throw new MalformedEnvelopeException("createdAt must be milliseconds since the epoch");
    }
    return node.longValue();
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new MalformedEnvelopeException(field + " must be a string");
    }
    return value.textValue();
  }

  private static String optional(JsonNode root, String field) {
    if (!root.has(field)) {
      return null;
    }
    String text = text(root, field);
    if (text.isEmpty()) {
      throw new MalformedEnvelopeException(field + " must be omitted rather than empty");
    }
    return text;
  }

  private static byte[] bytes(JsonNode node, String field) {
    String text = text(node, field);
    try {
      byte[] decoded = Base64.getUrlDecoder().decode(text);
      if (!ENCODER.encodeToString(decoded).equals(text)) {
        throw new MalformedEnvelopeException(field + " is not canonical unpadded base64url");
      }
      return decoded;
    } catch (IllegalArgumentException e) {
      throw new MalformedEnvelopeException(field + " is not base64url");
    }
  }
}
