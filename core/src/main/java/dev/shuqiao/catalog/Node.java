package dev.shuqiao.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A descriptor value with the position it was read from. Jackson's tree model drops positions, and
 * every problem must point at a line, so descriptors are read into this small tree instead.
 */
abstract class Node {

  final SourcePosition position;

  Node(SourcePosition position) {
    this.position = position;
  }

  /** How the value is named in "expected X, found Y" messages. */
  abstract String kind();

  /** A mapping; keys keep their order and their own positions. */
  static final class ObjectNode extends Node {
    final Map<String, Node> fields = new LinkedHashMap<>();
    final Map<String, SourcePosition> keyPositions = new LinkedHashMap<>();

    ObjectNode(SourcePosition position) {
      super(position);
    }

    @Override
    String kind() {
      return "an object";
    }
  }

  /** A sequence. */
  static final class ArrayNode extends Node {
    final List<Node> elements = new ArrayList<>();

    ArrayNode(SourcePosition position) {
      super(position);
    }

    @Override
    String kind() {
      return "a list";
    }
  }

  /** A scalar, kept as its source text; {@code quoted} strings are never numbers or booleans. */
  static final class ScalarNode extends Node {
    enum Type { STRING, NUMBER, BOOLEAN, NULL }

    final String text;
    final Type type;

    ScalarNode(SourcePosition position, String text, Type type) {
      super(position);
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
