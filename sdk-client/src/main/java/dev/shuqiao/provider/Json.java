package dev.shuqiao.provider;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** The provider's JSON: strict reading (duplicate keys and trailing tokens refused). */
final class Json {

  static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Json() {}

  /** The tree of {@code json}; {@link IllegalArgumentException} if it does not parse. */
  static JsonNode tree(byte[] json) {
    try {
      JsonNode node = MAPPER.readTree(json);
      if (node == null) {
        throw new IllegalArgumentException("empty JSON");
      }
      return node;
    } catch (IOException e) {
      throw new IllegalArgumentException("not valid JSON", e);
    }
  }

  static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("JSON encoding failed", e);
    }
  }
}
