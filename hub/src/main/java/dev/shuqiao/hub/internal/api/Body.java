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
          "the body is not well-formed JSON (line " + e.getLocation().getLineNr() + ")");
    }
    if (!(node instanceof ObjectNode object)) {
      throw new HubException(400, "malformed-json", "The body is not valid JSON", "the body must be a JSON object");
    }
    return new Body(object);
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
