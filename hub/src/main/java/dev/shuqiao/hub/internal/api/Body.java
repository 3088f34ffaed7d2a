package dev.shuqiao.hub.internal.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shuqiao.hub.internal.service.HubException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.nio.ByteBuffer;

/** A JSON request body read field by field, so every wrong type names its field (400, never 500). */
final class Body {

  static final ObjectMapper JSON = new ObjectMapper();
  /** For protocol bodies (the exchange channel): a duplicate key is malformed, not "last one wins". */
  private static final ObjectMapper STRICT = new ObjectMapper()
      .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private final ObjectNode node;

  private Body(ObjectNode node) {
    this.node = node;
  }

  static Body parse(byte[] bytes) {
    JsonNode node;
    try {
      node = JSON.readTree(utf8(bytes));
    } catch (JsonProcessingException e) {
      throw new HubException(400, "malformed-json", "The body is not valid JSON",
          malformed(e, "the body is not well-formed JSON"));
    }
    if (!(node instanceof ObjectNode object)) {
      throw new HubException(400, "malformed-json", "The body is not valid JSON", "the body must be a JSON object");
    }
    return new Body(object);
  }

  /**
   * Parses strictly: a duplicate key is 400 {@code malformed-json}, a member outside {@code known}
   * is 400 {@code invalid-field} naming it.
   */
  static Body parseStrict(byte[] bytes, java.util.Set<String> known) {
    JsonNode node;
    try {
      node = STRICT.readTree(utf8(bytes));
    } catch (JsonProcessingException e) {
      String why = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")
          ? "a member appears twice" : "the body is not well-formed JSON";
      throw new HubException(400, "malformed-json", "The body is not valid JSON", malformed(e, why));
    }
    if (!(node instanceof ObjectNode object)) {
      throw new HubException(400, "malformed-json", "The body is not valid JSON", "the body must be a JSON object");
    }
    for (java.util.Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw HubException.badField(name, "unknown member " + name + "; known: " + String.join(", ",
            known.stream().sorted().toList()));
      }
    }
    return new Body(object);
  }

  /**
   * The detail for a refused body. A limit of the parser (a number of over 1,000 digits, nesting
   * deeper than 500 levels) has no location, which used to end in a NullPointerException and a 500.
   */
  private static String malformed(JsonProcessingException e, String why) {
    if (e instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException) {
      return "the body exceeds a limit of the JSON reader (numbers of at most 1000 digits, nesting of at most 500 levels)";
    }
    return e.getLocation() == null ? why : why + " (line " + e.getLocation().getLineNr() + ")";
  }

  /** A required lower-case 8-4-4-4-12 UUID. */
  java.util.UUID uuid(String field) {
    String text = text(field, 36);
    if (!text.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
      throw HubException.badField(field, field + " must be a lower-case UUID");
    }
    return java.util.UUID.fromString(text);
  }

  /** Required unpadded base64url (RFC 4648 §5), decoded. */
  byte[] base64url(String field, int maxChars) {
    String text = text(field, maxChars);
    if (!text.matches("[A-Za-z0-9_-]+")) {
      throw HubException.badField(field, field + " must be base64url without padding");
    }
    try {
      return java.util.Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw HubException.badField(field, field + " must be base64url without padding");
    }
  }

  /** An optional integer in {@code min..max}, {@code fallback} when absent. */
  int optionalInt(String field, int fallback, int min, int max) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
      throw HubException.badField(field, field + " must be an integer from " + min + " to " + max);
    }
    return value.intValue();
  }

  /** An optional integer in {@code min..max}, {@code fallback} when absent. */
  long optionalLong(String field, long fallback, long min, long max) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < min || value.longValue() > max) {
      throw HubException.badField(field, field + " must be an integer from " + min + " to " + max);
    }
    return value.longValue();
  }

  /** Like {@link #textList} with 1 to {@code maxItems} distinct entries. */
  List<String> distinctTextList(String field, int maxItems, int maxLength) {
    List<String> list = textList(field, maxItems, maxLength);
    if (list.isEmpty()) {
      throw HubException.badField(field, field + " must name at least one entry");
    }
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      if (!seen.add(list.get(i))) {
        throw HubException.badField(field + "[" + i + "]", "an entry is listed twice");
      }
    }
    return list;
  }

  static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new HubException(400, "malformed-body", "The body is not UTF-8", "the body must be UTF-8 text");
    }
  }

  String text(String field, int maxLength) {
    String value = optionalText(field, maxLength);
    if (value == null || value.isBlank()) {
      throw HubException.badField(field, field + " is required");
    }
    return value;
  }

  String optionalText(String field, int maxLength) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw HubException.badField(field, field + " must be a string");
    }
    if (value.textValue().length() > maxLength) {
      throw HubException.badField(field, field + " is longer than " + maxLength + " characters");
    }
    return value.textValue();
  }

  List<String> textList(String field, int maxItems, int maxLength) {
    JsonNode value = node.get(field);
    if (value == null || !value.isArray()) {
      throw HubException.badField(field, field + " must be an array of strings");
    }
    if (value.size() > maxItems) {
      throw HubException.badField(field, field + " has more than " + maxItems + " entries");
    }
    List<String> list = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      if (!item.isTextual() || item.textValue().isBlank() || item.textValue().length() > maxLength) {
        throw HubException.badField(field + "[" + i + "]", "each entry must be a non-blank string of at most " + maxLength + " characters");
      }
      list.add(item.textValue());
    }
    return list;
  }

  Instant instant(String field) {
    String text = text(field, 40);
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw HubException.badField(field, field + " must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
    }
  }
}
