package dev.shuqiao.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the fields of one descriptor object, reporting wrong types, blank required fields, unknown
 * enum values and unknown keys as {@link Problem}s instead of failing. Every accessor returns null
 * when the value is absent or unusable, so binding goes on and all problems surface at once.
 */
final class FieldReader {

  private final Node.ObjectNode node;
  private final String path;
  private final ProblemSink sink;
  /** Which of the node's fields were read, by index: whatever is left is unknown. */
  /** The words SnakeYAML resolves to true; every other boolean word it resolves is false. */
  private static final Set<String> YAML_TRUE = Set.of("true", "yes", "on", "y");

  private final boolean[] read;

  private FieldReader(Node.ObjectNode node, String path, ProblemSink sink) {
    this.node = node;
    this.path = path;
    this.sink = sink;
    this.read = new boolean[node.fields.size()];
  }

  /** A reader over {@code node}, or null (with a wrong-type problem) when it is not an object. */
  static FieldReader of(Node node, String path, ProblemSink sink) {
    if (node instanceof Node.ObjectNode object) {
      return new FieldReader(object, path, sink);
    }
    sink.report(path, CatalogRule.WRONG_TYPE, "expected an object (key: value pairs), found " + node.kind(), node.position());
    return null;
  }

  /** Collects problems; a small interface so tests and the binder share one implementation. */
  interface ProblemSink {
    void report(String path, CatalogRule rule, String message, SourcePosition at);
  }

  String path() {
    return path;
  }

  String path(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  Node node() {
    return node;
  }

  /** The raw node of {@code key}, or null when absent or explicitly null. */
  Node raw(String key) {
    int index = node.indexOf(key);
    if (index < 0) {
      return null;
    }
    read[index] = true;
    Node value = node.fields.get(index).value;
    return value instanceof Node.ScalarNode scalar && scalar.type == Node.ScalarNode.Type.NULL ? null : value;
  }

  /** Text of a scalar; numbers are accepted as their literal text (codes are often all digits). */
  String text(String key, boolean required) {
    Node value = raw(key);
    if (value == null) {
      missing(key, required);
      return null;
    }
    if (!(value instanceof Node.ScalarNode scalar)) {
      sink.report(path(key), CatalogRule.WRONG_TYPE, "expected text, found " + value.kind(), value.position());
      return null;
    }
    if (scalar.type == Node.ScalarNode.Type.BOOLEAN) {
      sink.report(path(key), CatalogRule.WRONG_TYPE, "expected text, found '" + scalar.text
          + "', which YAML reads as a boolean; write \"" + scalar.text + "\" in quotes", value.position());
      return null;
    }
    if (scalar.text.isBlank()) {
      missing(key, required);
      return null;
    }
    if (!VisibleText.hasVisible(scalar.text)) {
      sink.report(path(key), required ? CatalogRule.REQUIRED_FIELD : CatalogRule.WRONG_TYPE, "'" + key
          + "' holds only invisible characters (" + VisibleText.escape(scalar.text) + "); write visible text",
          value.position());
      return null;
    }
    return scalar.text.strip();
  }

  <T extends Enum<T> & CatalogTerm> T term(String key, Class<T> type, boolean required) {
    String text = text(key, required);
    if (text == null) {
      return null;
    }
    T term = Terms.lookup(type, text).orElse(null);
    if (term == null) {
      sink.report(path(key), CatalogRule.UNKNOWN_VALUE, "'" + text + "' is not a known value; use one of "
          + Terms.allowed(type), raw(key).position());
    }
    return term;
  }

  /** A whole number within {@code 1..max}; null when absent or invalid (problem reported). */
  Integer positiveInt(String key, int max, CatalogRule rule) {
    Node value = raw(key);
    if (value == null) {
      return null;
    }
    if (value instanceof Node.ScalarNode scalar && scalar.type != Node.ScalarNode.Type.BOOLEAN) {
      try {
        int number = Integer.parseInt(scalar.text.strip());
        if (number >= 1 && number <= max) {
          return number;
        }
      } catch (NumberFormatException ignored) {
        // reported below
      }
      sink.report(path(key), rule, "'" + scalar.text + "' is not a whole number from 1 to " + max, value.position());
      return null;
    }
    sink.report(path(key), CatalogRule.WRONG_TYPE, "expected a whole number, found " + value.kind(), value.position());
    return null;
  }

  /**
   * A boolean: {@code true}/{@code false}, 是/否, and the other words YAML reads as booleans
   * ({@code yes}, {@code off}...). Null when absent.
   */
  Boolean bool(String key) {
    Node value = raw(key);
    if (value == null) {
      return null;
    }
    if (value instanceof Node.ScalarNode scalar && scalar.type == Node.ScalarNode.Type.BOOLEAN) {
      return YAML_TRUE.contains(scalar.text.toLowerCase(Locale.ROOT));
    }
    if (value instanceof Node.ScalarNode scalar) {
      switch (scalar.text.strip().toLowerCase(Locale.ROOT)) {
        case "true":
        case "是":
          return Boolean.TRUE;
        case "false":
        case "否":
          return Boolean.FALSE;
        default:
          break;
      }
    }
    sink.report(path(key), CatalogRule.WRONG_TYPE, "expected true or false, found " + value.kind()
        + (value instanceof Node.ScalarNode s ? " '" + s.text + "'" : ""), value.position());
    return null;
  }

  /** A list; null (with a problem) when present but not a list. */
  Node.ArrayNode list(String key, boolean required) {
    Node value = raw(key);
    if (value == null) {
      missing(key, required);
      return null;
    }
    if (value instanceof Node.ArrayNode array) {
      return array;
    }
    sink.report(path(key), CatalogRule.WRONG_TYPE, "expected a list, found " + value.kind(), value.position());
    return null;
  }

  /** A nested object's reader; null when absent (reported if required) or not an object. */
  FieldReader object(String key, boolean required) {
    Node value = raw(key);
    if (value == null) {
      missing(key, required);
      return null;
    }
    return of(value, path(key), sink);
  }

  private void missing(String key, boolean required) {
    if (required) {
      sink.report(path(key), CatalogRule.REQUIRED_FIELD, "'" + key + "' is required; add it"
          + (path.isEmpty() ? " at the top level" : " under " + path), node.position());
    }
  }

  void report(String key, CatalogRule rule, String message) {
    int index = key == null ? -1 : node.indexOf(key);
    Node at = index < 0 ? node : node.fields.get(index).value;
    sink.report(key == null ? path : path(key), rule, message, at.position());
  }

  /** Warns about every key not read so far, suggesting the closest known key. */
  void rejectUnknown(List<String> known) {
    for (int i = 0; i < read.length; i++) {
      Node.Field field = node.fields.get(i);
      String key = field.key;
      if (!read[i] && !field.duplicate) {
        String suggestion = closest(key, known);
        sink.report(path(key), CatalogRule.UNKNOWN_FIELD, "'" + key + "' is not a field here"
            + (suggestion == null ? "; known fields: " + String.join(", ", known) : "; did you mean '" + suggestion + "'?"),
            node.position(field));
      }
    }
  }

  private static String closest(String key, List<String> known) {
    String best = null;
    int bestDistance = 3;
    for (String candidate : known) {
      int distance = distance(key.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  /** Levenshtein distance; keys are short. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
