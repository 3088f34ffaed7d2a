package dev.shuqiao.compliance.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.analysis.Value;

/**
 * What the dataflow knows about one stack slot or local: nothing, a text built from literals and
 * parameters, an int constant, a parameter, bytes derived from a text, a fresh byte array, a
 * {@code KeyPairGenerator} of a known algorithm, or a {@code StringBuilder} with known content.
 */
final class SymbolicValue implements Value {

  enum Kind { UNKNOWN, TEXT, INT, PARAM, BYTES, NEW_ARRAY, KEY_PAIR_GENERATOR, BUILDER }

  static final SymbolicValue UNKNOWN_1 = new SymbolicValue(1, Kind.UNKNOWN, null, 0, null);
  static final SymbolicValue UNKNOWN_2 = new SymbolicValue(2, Kind.UNKNOWN, null, 0, null);

  private final int size;
  private final Kind kind;
  /** Literal parts (String) and parameter references (Integer), for TEXT, BYTES, BUILDER, KPG. */
  private final List<Object> parts;
  /** The int constant for INT, the parameter index for PARAM. */
  private final int number;
  /** The NEWARRAY instruction for NEW_ARRAY. */
  private final AbstractInsnNode origin;

  private SymbolicValue(int size, Kind kind, List<Object> parts, int number, AbstractInsnNode origin) {
    this.size = size;
    this.kind = kind;
    this.parts = parts;
    this.number = number;
    this.origin = origin;
  }

  static SymbolicValue unknown(int size) {
    return size == 2 ? UNKNOWN_2 : UNKNOWN_1;
  }

  static SymbolicValue text(String literal) {
    return new SymbolicValue(1, Kind.TEXT, List.of(literal), 0, null);
  }

  static SymbolicValue text(List<Object> parts) {
    return new SymbolicValue(1, Kind.TEXT, normalize(parts), 0, null);
  }

  static SymbolicValue integer(int value) {
    return new SymbolicValue(1, Kind.INT, null, value, null);
  }

  static SymbolicValue param(int index, int size) {
    return new SymbolicValue(size, Kind.PARAM, null, index, null);
  }

  /** Bytes of a text ({@code "k".getBytes()}, {@code decode("…")}); constant when the text is. */
  static SymbolicValue bytes(List<Object> parts) {
    return new SymbolicValue(1, Kind.BYTES, normalize(parts), 0, null);
  }

  static SymbolicValue newArray(AbstractInsnNode origin) {
    return new SymbolicValue(1, Kind.NEW_ARRAY, null, 0, origin);
  }

  static SymbolicValue keyPairGenerator(List<Object> algorithm) {
    return new SymbolicValue(1, Kind.KEY_PAIR_GENERATOR, normalize(algorithm), 0, null);
  }

  static SymbolicValue builder(List<Object> parts) {
    return new SymbolicValue(1, Kind.BUILDER, normalize(parts), 0, null);
  }

  Kind kind() {
    return kind;
  }

  List<Object> parts() {
    return parts;
  }

  int number() {
    return number;
  }

  AbstractInsnNode origin() {
    return origin;
  }

  /**
   * The parts this value contributes to a string concatenation: a text's parts, an int's digits,
   * a parameter reference; {@code null} when unknown.
   */
  List<Object> asParts() {
    return switch (kind) {
      case TEXT -> parts;
      case INT -> List.of(Integer.toString(number));
      case PARAM -> List.of(number);
      default -> null;
    };
  }

  /** The literal text when every part is a literal; {@code null} otherwise. */
  String constantText() {
    if (kind != Kind.TEXT && kind != Kind.KEY_PAIR_GENERATOR) {
      return null;
    }
    return literal(parts);
  }

  static String literal(List<Object> parts) {
    StringBuilder text = new StringBuilder();
    for (Object part : parts) {
      if (!(part instanceof String literal)) {
        return null;
      }
      text.append(literal);
    }
    return text.toString();
  }

  static List<Object> concat(List<Object> left, List<Object> right) {
    if (left == null || right == null) {
      return null;
    }
    List<Object> all = new ArrayList<>(left);
    all.addAll(right);
    return normalize(all);
  }

  /** Adjacent literals joined, so equal texts have equal parts and the analysis converges. */
  private static List<Object> normalize(List<Object> parts) {
    List<Object> result = new ArrayList<>();
    for (Object part : parts) {
      int last = result.size() - 1;
      if (part instanceof String literal && last >= 0 && result.get(last) instanceof String previous) {
        result.set(last, previous + literal);
      } else {
        result.add(part);
      }
    }
    return List.copyOf(result);
  }

  @Override
  public int getSize() {
    return size;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SymbolicValue value
        && value.size == size
        && value.kind == kind
        && value.number == number
        && value.origin == origin
        && Objects.equals(value.parts, parts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(size, kind, parts, number, System.identityHashCode(origin));
  }

  @Override
  public String toString() {
    return kind + (parts != null ? parts.toString() : kind == Kind.INT || kind == Kind.PARAM ? "" + number : "");
  }
}
