package dev.shuqiao.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A descriptor value with the position it was read from. Jackson's tree model drops positions, and
 * every problem must point at a line, so descriptors are read into this small tree instead. Objects
 * keep their fields in a list: descriptor objects have a dozen keys, and a linear scan beats hashing
 * (a 10,000-resource catalog has 200,000 objects); only an object with many keys gets a hash index.
 */
abstract class Node {

  private final String source;
  private final int line;
  private final int column;

  Node(String source, int line, int column) {
    this.source = source;
    this.line = line;
    this.column = column;
  }

  SourcePosition position() {
    return new SourcePosition(source, line, column);
  }

  SourcePosition position(Field field) {
    return new SourcePosition(source, field.keyLine, field.keyColumn);
  }

  /** How the value is named in "expected X, found Y" messages. */
  abstract String kind();

  /** One key of an object, with the key's own position. */
  static final class Field {
    final String key;
    final int keyLine;
    final int keyColumn;
    /** A repeated key: reported when read, and its value never used. */
    final boolean duplicate;
    Node value;

    Field(String key, int keyLine, int keyColumn, boolean duplicate) {
      this.key = key;
      this.keyLine = keyLine;
      this.keyColumn = keyColumn;
      this.duplicate = duplicate;
    }
  }

  /**
   * A mapping; keys keep their order and their own positions. Lookups scan the list while it is
   * short (as descriptor objects are) and use a hash index once it is not, so a mapping with very
   * many keys is read in linear, not quadratic, time.
   */
  static final class ObjectNode extends Node {
    /** Above this many fields, lookups go through {@link #index}. */
    static final int SCAN_LIMIT = 16;

    final List<Field> fields = new ArrayList<>(8);
    /** Position of the first field of each key; built when the object outgrows {@link #SCAN_LIMIT}. */
    private Map<String, Integer> index;

    ObjectNode(String source, int line, int column) {
      super(source, line, column);
    }

    /** Appends {@code field}; the only way fields are added, so the index stays complete. */
    void add(Field field) {
      fields.add(field);
      if (index != null) {
        index.putIfAbsent(field.key, fields.size() - 1);
      } else if (fields.size() > SCAN_LIMIT) {
        index = new HashMap<>(fields.size() * 4);
        for (int i = 0; i < fields.size(); i++) {
          index.putIfAbsent(fields.get(i).key, i);
        }
      }
    }

    /** Index of the first field named {@code key} in {@link #fields}, or -1. */
    int indexOf(String key) {
      if (index != null) {
        Integer at = index.get(key);
        return at == null ? -1 : at;
      }
      for (int i = 0; i < fields.size(); i++) {
        if (fields.get(i).key.equals(key)) {
          return i;
        }
      }
      return -1;
    }

    @Override
    String kind() {
      return "an object";
    }
  }

  /** A sequence. */
  static final class ArrayNode extends Node {
    final List<Node> elements = new ArrayList<>();
    /** Elements handed to a listener while parsing instead of being kept in {@link #elements}. */
    int streamed;

    ArrayNode(String source, int line, int column) {
      super(source, line, column);
    }

    @Override
    String kind() {
      return "a list";
    }
  }

  /** A scalar, kept as its source text. */
  static final class ScalarNode extends Node {
    enum Type { STRING, NUMBER, BOOLEAN, NULL }

    final String text;
    final Type type;

    ScalarNode(String source, int line, int column, String text, Type type) {
      super(source, line, column);
      this.text = text;
      this.type = type;
    }

    @Override
    String kind() {
      switch (type) {
        case NUMBER:
          return "a number";
        case BOOLEAN:
          return "a boolean";
        case NULL:
          return "null";
        default:
          return "text";
      }
    }
  }
}
