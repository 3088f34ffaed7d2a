package dev.shuqiao.exchange;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** The wire form of {@link ExchangeTicket}: strict JSON payload, base64url parts, the signed bytes. */
final class TicketCodec {

  /** Signed bytes = this prefix, a line feed, then the payload. */
  static final byte[] PREFIX = "shuqiao exchange ticket v1\n".getBytes(StandardCharsets.US_ASCII);
  /** A ticket longer than this is malformed; the largest legal one is far smaller. */
  static final int MAX_TICKET_CHARS = 128 * 1024;
  static final int MAX_ITEMS = 500;

  private static final Set<String> MEMBERS = Set.of("v", "hub", "messageId", "consumer", "provider", "resource", "items",
      "grantId", "purpose", "caseId", "requestDigest", "issuedAt", "expiresAt");
  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]*");
  private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
      .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).maxNumberLength(20).build())
      .build())
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

  private TicketCodec() {}

  record Parts(byte[] payload, byte[] signature) {}

  static Parts split(String ticket) {
    if (ticket == null || ticket.isEmpty() || ticket.length() > MAX_TICKET_CHARS) {
      throw malformed("the ticket is empty or longer than " + MAX_TICKET_CHARS + " characters");
    }
    int dot = ticket.indexOf('.');
    if (dot < 0 || ticket.indexOf('.', dot + 1) >= 0) {
      throw malformed("a ticket is two base64url parts joined by one '.'");
    }
    byte[] payload = decodePart(ticket.substring(0, dot), "payload");
    byte[] signature = decodePart(ticket.substring(dot + 1), "signature");
    return new Parts(payload, signature);
  }

  private static byte[] decodePart(String part, String what) {
    if (part.isEmpty() || !BASE64URL.matcher(part).matches()) {
      throw malformed("the ticket's " + what + " is not base64url without padding");
    }
    try {
      byte[] decoded = base64urlDecode(part);
      if (!base64url(decoded).equals(part)) {
        throw malformed("the ticket's " + what + " is not canonical base64url");
      }
      return decoded;
    } catch (IllegalArgumentException e) {
      throw malformed("the ticket's " + what + " is not base64url without padding");
    }
  }

  static byte[] signedBytes(byte[] payload) {
    byte[] signed = new byte[PREFIX.length + payload.length];
    System.arraycopy(PREFIX, 0, signed, 0, PREFIX.length);
    System.arraycopy(payload, 0, signed, PREFIX.length, payload.length);
    return signed;
  }

  static byte[] encode(ExchangeTicket t) {
    return encodeText(t).getBytes(StandardCharsets.UTF_8);
  }

  static String encodeText(ExchangeTicket t) {
    ObjectNode node = JSON.createObjectNode();
    node.put("v", 1);
    node.put("hub", t.hub());
    node.put("messageId", t.messageId().toString());
    node.put("consumer", t.consumer());
    node.put("provider", t.provider());
    node.put("resource", t.resourceCode());
    ArrayNode items = node.putArray("items");
    t.items().forEach(items::add);
    node.put("grantId", t.grantIdOrNull());
    node.put("purpose", t.purpose());
    node.put("caseId", t.caseIdOrNull());
    node.put("requestDigest", t.requestDigest());
    node.put("issuedAt", t.issuedAt().toEpochMilli());
    node.put("expiresAt", t.expiresAt().toEpochMilli());
    try {
      return JSON.writeValueAsString(node);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a ticket", e);
    }
  }

  static ExchangeTicket decode(byte[] payload) {
    if (payload.length < 2 || payload[0] != '{' || payload[payload.length - 1] != '}') {
      throw malformed("the ticket's payload is not exactly one JSON object (nothing before or after it)");
    }
    JsonNode root;
    try {
      root = JSON.readTree(payload);
    } catch (IOException e) {
      throw malformed("the ticket's payload is not one JSON object without duplicate members");
    }
    if (root == null || !root.isObject()) {
      throw malformed("the ticket's payload is not a JSON object");
    }
    Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
    Set<String> seen = new HashSet<>();
    while (fields.hasNext()) {
      String name = fields.next().getKey();
      if (!MEMBERS.contains(name)) {
        throw malformed("the ticket has an unknown member '" + printable(name) + "'");
      }
      seen.add(name);
    }
    for (String member : MEMBERS) {
      if (!seen.contains(member)) {
        throw malformed("the ticket lacks member '" + member + "'");
      }
    }
    JsonNode v = root.get("v");
    if (!v.isIntegralNumber() || v.bigIntegerValue().intValue() != 1 || v.bigIntegerValue().bitLength() > 31) {
      throw malformed("ticket version 'v' must be 1");
    }
    String messageId = string(root, "messageId");
    if (!UUID_TEXT.matcher(messageId).matches()) {
      throw malformed("ticket member 'messageId' is not a lower-case UUID");
    }
    try {
      return ExchangeTicket.builder()
          .hub(string(root, "hub"))
          .messageId(UUID.fromString(messageId))
          .consumer(string(root, "consumer"))
          .provider(string(root, "provider"))
          .resourceCode(string(root, "resource"))
          .items(items(root.get("items")))
          .grantId(nullableString(root, "grantId"))
          .purpose(string(root, "purpose"))
          .caseId(nullableString(root, "caseId"))
          .requestDigest(string(root, "requestDigest"))
          .issuedAt(millis(root, "issuedAt"))
          .expiresAt(millis(root, "expiresAt"))
          .build();
    } catch (IllegalArgumentException e) {
      throw malformed("the ticket is invalid: " + e.getMessage());
    }
  }

  private static String string(JsonNode root, String name) {
    JsonNode node = root.get(name);
    if (!node.isTextual()) {
      throw malformed("ticket member '" + name + "' must be a string");
    }
    return node.textValue();
  }

  private static String nullableString(JsonNode root, String name) {
    return root.get(name).isNull() ? null : string(root, name);
  }

  private static List<String> items(JsonNode node) {
    if (!node.isArray()) {
      throw malformed("ticket member 'items' must be an array of strings");
    }
    List<String> items = new ArrayList<>(node.size());
    for (JsonNode item : node) {
      if (!item.isTextual()) {
        throw malformed("ticket member 'items' must be an array of strings");
      }
      items.add(item.textValue());
    }
    return items;
  }

  private static Instant millis(JsonNode root, String name) {
    JsonNode node = root.get(name);
    if (!node.isIntegralNumber() || node.bigIntegerValue().bitLength() > 63 || node.bigIntegerValue().signum() < 0) {
      throw malformed("ticket member '" + name + "' must be a non-negative integer of milliseconds");
    }
    return Instant.ofEpochMilli(node.longValue());
  }

  // ---- field rules shared by the builder and the decoder ----

  static String requireText(String name, String value, int maxChars) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
    if (value.length() > maxChars) {
      throw new IllegalArgumentException(name + " is longer than " + maxChars + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new IllegalArgumentException(name + " contains a control character");
      }
    }
    return value;
  }

  static List<String> requireItems(List<String> items) {
    if (items == null || items.isEmpty()) {
      throw new IllegalArgumentException("items must name at least one item");
    }
    if (items.size() > MAX_ITEMS) {
      throw new IllegalArgumentException("items names more than " + MAX_ITEMS + " items");
    }
    Set<String> seen = new HashSet<>();
    for (String item : items) {
      requireText("item", item, 200);
      if (!seen.add(item)) {
        throw new IllegalArgumentException("items names an item twice");
      }
    }
    return List.copyOf(items);
  }

  static String requireDigest(String digest) {
    if (digest == null) {
      throw new IllegalArgumentException("requestDigest is required");
    }
    ExchangeTicket.DigestAlgorithm algorithm = ExchangeTicket.DigestAlgorithm.of(digest);
    String encoded = digest.substring(algorithm.prefix().length());
    if (!BASE64URL.matcher(encoded).matches() || encoded.length() != 43) {
      throw new IllegalArgumentException("requestDigest must carry a 32-byte digest in base64url");
    }
    byte[] decoded = base64urlDecode(encoded);
    if (!base64url(decoded).equals(encoded)) {
      throw new IllegalArgumentException("requestDigest is not canonical base64url");
    }
    return digest;
  }

  static String base64url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static byte[] base64urlDecode(String text) {
    return Base64.getUrlDecoder().decode(text);
  }

  /** A member name for a message: at most 40 characters, controls escaped. */
  private static String printable(String name) {
    StringBuilder out = new StringBuilder();
    name.codePoints().limit(40).forEach(cp -> {
      if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
        out.append(String.format("\\u%04x", cp));
      } else {
        out.appendCodePoint(cp);
      }
    });
    return out.toString();
  }

  private static TicketException malformed(String message) {
    return new TicketException(TicketException.MALFORMED, message);
  }
}
