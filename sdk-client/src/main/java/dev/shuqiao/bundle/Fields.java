package dev.shuqiao.bundle;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the fields of one object of a definition, reporting wrong types, missing required fields and
 * unknown keys instead of failing, so that every problem surfaces in one pass.
 */
final class Fields {

  private final YamlTree.MapNode node;
  private final String path;
  private final Set<String> known;
  private final DefinitionBinder out;
  private final Set<String> read = new HashSet<>();

  private Fields(YamlTree.MapNode node, String path, Set<String> known, DefinitionBinder out) {
    this.node = node;
    this.path = path;
    this.known = known;
    this.out = out;
  }

  /** A reader over {@code node}, or null (reported) when it is not an object. */
  static Fields of(YamlTree node, String path, Set<String> known, DefinitionBinder out) {
    if (node instanceof YamlTree.MapNode map) {
      return new Fields(map, path, known, out);
    }
    out.report(BundleRule.WRONG_TYPE, node.position, path, "expected an object (key: value lines), found "
        + node.kind(), "see the example in docs/bundle.md");
    return null;
  }

  String path(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** The value of {@code key}; null when absent or null. */
  YamlTree raw(String key) {
    read.add(key);
    YamlTree.Entry entry = node.entry(key);
    if (entry == null || entry.value instanceof YamlTree.Scalar s && s.isNull()) {
      return null;
    }
    return entry.value;
  }

  void missing(String key, String hint) {
    out.report(BundleRule.REQUIRED_FIELD, node.position, path(key), "'" + key + "' is missing", hint);
  }

  String text(String key, boolean required) {
    YamlTree value = raw(key);
    if (value == null) {
      if (required) {
        missing(key, "add '" + key + ":' to this object (see docs/bundle.md)");
      }
      return null;
    }
    if (!(value instanceof YamlTree.Scalar scalar) || scalar.token == com.fasterxml.jackson.core.JsonToken.VALUE_TRUE
        || scalar.token == com.fasterxml.jackson.core.JsonToken.VALUE_FALSE) {
      out.report(BundleRule.WRONG_TYPE, value.position, path(key), "expected text, found " + value.kind(),
          "write the value as text, in quotes if YAML would read it otherwise");
      return null;
    }
    if (scalar.text.isBlank()) {
      out.report(BundleRule.REQUIRED_FIELD, value.position, path(key), "'" + key + "' is blank", "fill it in");
      return null;
    }
    return scalar.text;
  }

  boolean bool(String key, boolean absent) {
    YamlTree value = raw(key);
    if (value == null) {
      return absent;
    }
    if (value instanceof YamlTree.Scalar s && (s.token == com.fasterxml.jackson.core.JsonToken.VALUE_TRUE
        || s.token == com.fasterxml.jackson.core.JsonToken.VALUE_FALSE)) {
      return s.token == com.fasterxml.jackson.core.JsonToken.VALUE_TRUE;
    }
    out.report(BundleRule.WRONG_TYPE, value.position, path(key), "expected true or false, found " + value.kind(),
        "write " + key + ": true or " + key + ": false");
    return absent;
  }

  YamlTree.ListNode list(String key, boolean required) {
    YamlTree value = raw(key);
    if (value == null) {
      if (required) {
        missing(key, "add '" + key + ":' with a list under it (see docs/bundle.md)");
      }
      return null;
    }
    if (value instanceof YamlTree.ListNode list) {
      return list;
    }
    out.report(BundleRule.WRONG_TYPE, value.position, path(key), "expected a list, found " + value.kind(),
        "write one '- ' line per element, or [a, b]");
    return null;
  }

  /** The text elements of a list (others reported); required lists must have at least one. */
  List<YamlTree.Scalar> textList(String key, boolean required) {
    List<YamlTree.Scalar> texts = new ArrayList<>();
    YamlTree.ListNode list = list(key, required);
    if (list == null) {
      return texts;
    }
    if (required && list.elements.isEmpty()) {
      out.report(BundleRule.REQUIRED_FIELD, list.position, path(key), "'" + key + "' is empty",
          "list at least one element");
    }
    for (int i = 0; i < list.elements.size(); i++) {
      YamlTree element = list.elements.get(i);
      if (element instanceof YamlTree.Scalar s && s.isText() && !s.text.isBlank()) {
        texts.add(s);
      } else {
        out.report(BundleRule.WRONG_TYPE, element.position, path(key) + "[" + i + "]", "expected non-blank text, found "
            + element.kind(), "write the name as text, in quotes if needed");
      }
    }
    return texts;
  }

  /** Reports every key that was never read and is not a known field of this object. */
  void finish() {
    for (YamlTree.Entry entry : node.entries) {
      if (!read.contains(entry.key) && !known.contains(entry.key)) {
        out.report(BundleRule.UNKNOWN_FIELD, entry.keyPosition, path(entry.key), "unknown field '" + entry.key + "'",
            "remove it or correct the spelling; fields here: " + String.join(", ", new TreeSet<>(known)));
      }
    }
  }
}
