package dev.shuqiao.compliance.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The JSON Schema draft-04 keywords the SARIF 2.1.0 schema uses, and nothing else: an unknown
 * keyword in the schema fails the test instead of being ignored, so validation is never silently
 * partial. Returns every violation as {@code /json/pointer: what is wrong}.
 */
final class SchemaValidator {

  private static final Set<String> ANNOTATIONS = Set.of("description", "default", "title", "$schema", "id");
  private static final Set<String> SUPPORTED = Set.of("type", "properties", "additionalProperties", "required",
      "items", "minItems", "uniqueItems", "enum", "minimum", "maximum", "pattern", "format", "$ref", "anyOf",
      "oneOf", "definitions");

  private final JsonNode root;

  SchemaValidator(JsonNode root) {
    this.root = root;
  }

  List<String> validate(JsonNode instance) {
    List<String> problems = new ArrayList<>();
    check(root, instance, "", problems);
    return problems;
  }

  private void check(JsonNode schema, JsonNode value, String at, List<String> problems) {
    for (Iterator<String> keys = schema.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!ANNOTATIONS.contains(key) && !SUPPORTED.contains(key)) {
        throw new IllegalStateException("schema keyword '" + key + "' is not supported by this validator");
      }
    }
    if (schema.has("$ref")) {
      check(resolve(schema.get("$ref").asText()), value, at, problems);
    }
    if (schema.has("type") && !hasType(value, schema.get("type").asText())) {
      problems.add(at + ": expected " + schema.get("type").asText() + " but was " + value.getNodeType());
      return;
    }
    if (schema.has("enum") && !contains(schema.get("enum"), value)) {
      problems.add(at + ": " + value + " is not one of " + schema.get("enum"));
    }
    if (value.isObject()) {
      object(schema, value, at, problems);
    }
    if (value.isArray()) {
      array(schema, value, at, problems);
    }
    if (value.isNumber()) {
      if (schema.has("minimum") && value.asDouble() < schema.get("minimum").asDouble()) {
        problems.add(at + ": " + value + " is below the minimum " + schema.get("minimum"));
      }
      if (schema.has("maximum") && value.asDouble() > schema.get("maximum").asDouble()) {
        problems.add(at + ": " + value + " is above the maximum " + schema.get("maximum"));
      }
    }
    if (value.isTextual()) {
      text(schema, value.asText(), at, problems);
    }
    if (schema.has("anyOf") && matching(schema.get("anyOf"), value, at) == 0) {
      problems.add(at + ": matches none of anyOf");
    }
    if (schema.has("oneOf") && matching(schema.get("oneOf"), value, at) != 1) {
      problems.add(at + ": does not match exactly one of oneOf");
    }
  }

  private void object(JsonNode schema, JsonNode value, String at, List<String> problems) {
    for (JsonNode required : schema.path("required")) {
      if (!value.has(required.asText())) {
        problems.add(at + ": required property '" + required.asText() + "' is missing");
      }
    }
    JsonNode properties = schema.path("properties");
    JsonNode additional = schema.get("additionalProperties");
    for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      String path = at + "/" + field.getKey();
      if (properties.has(field.getKey())) {
        check(properties.get(field.getKey()), field.getValue(), path, problems);
      } else if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
        problems.add(path + ": property not allowed here");
      } else if (additional != null && additional.isObject()) {
        check(additional, field.getValue(), path, problems);
      }
    }
  }

  private void array(JsonNode schema, JsonNode value, String at, List<String> problems) {
    if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
      problems.add(at + ": fewer than " + schema.get("minItems") + " items");
    }
    if (schema.path("uniqueItems").asBoolean() && new HashSet<>(toList(value)).size() != value.size()) {
      problems.add(at + ": items are not unique");
    }
    if (schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        check(schema.get("items"), value.get(i), at + "/" + i, problems);
      }
    }
  }

  private static void text(JsonNode schema, String text, String at, List<String> problems) {
    if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
      problems.add(at + ": '" + text + "' does not match " + schema.get("pattern").asText());
    }
    String format = schema.path("format").asText("");
    try {
      switch (format) {
        case "uri" -> {
          if (!new URI(text).isAbsolute()) {
            problems.add(at + ": '" + text + "' is not an absolute URI");
          }
        }
        case "uri-reference" -> new URI(text);
        case "date-time" -> OffsetDateTime.parse(text);
        case "" -> { }
        default -> throw new IllegalStateException("format '" + format + "' is not supported by this validator");
      }
    } catch (URISyntaxException | DateTimeParseException e) {
      problems.add(at + ": '" + text + "' is not a valid " + format);
    }
  }

  private int matching(JsonNode alternatives, JsonNode value, String at) {
    int count = 0;
    for (JsonNode alternative : alternatives) {
      List<String> problems = new ArrayList<>();
      check(alternative, value, at, problems);
      count += problems.isEmpty() ? 1 : 0;
    }
    return count;
  }

  private JsonNode resolve(String ref) {
    if (!ref.startsWith("#/")) {
      throw new IllegalStateException("only local references are supported: " + ref);
    }
    JsonNode target = root.at(ref.substring(1));
    if (target.isMissingNode()) {
      throw new IllegalStateException("dangling reference " + ref);
    }
    return target;
  }

  private static boolean hasType(JsonNode value, String type) {
    return switch (type) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "integer" -> value.isIntegralNumber();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      case "null" -> value.isNull();
      default -> throw new IllegalStateException("type '" + type + "' is not supported by this validator");
    };
  }

  private static boolean contains(JsonNode options, JsonNode value) {
    for (JsonNode option : options) {
      if (option.equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static List<JsonNode> toList(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items;
  }
}
