package dev.shuqiao.compliance.rules;

import java.util.List;
import org.objectweb.asm.tree.MethodInsnNode;

/** How library calls that only reshape a text (or turn it into key bytes) move symbolic values. */
final class StringCalls {

  private StringCalls() {}

  /** The result of {@code call} on {@code values} (receiver first), or {@code null} if unknown. */
  static SymbolicValue apply(MethodInsnNode call, List<? extends SymbolicValue> values) {
    String key = call.owner + "." + call.name;
    return switch (key) {
      case "java/lang/String.toUpperCase", "java/lang/String.toLowerCase", "java/lang/String.trim",
          "java/lang/String.strip", "java/lang/String.intern", "java/lang/String.toString" ->
          textOf(values.get(0));
      case "java/lang/String.valueOf", "java/util/Objects.requireNonNull" ->
          values.size() >= 1 ? textOf(values.get(0)) : null;
      case "java/lang/String.concat" -> concat(values.get(0), values.get(1));
      case "java/lang/String.getBytes", "java/lang/String.toCharArray" -> bytesOf(values.get(0));
      case "java/util/Base64$Decoder.decode", "java/util/HexFormat.parseHex" ->
          values.size() == 2 ? bytesOf(values.get(1)) : null;
      case "java/lang/StringBuilder.append" -> append(values.get(0), typed(values.get(1), call.desc.charAt(1)));
      case "java/lang/StringBuilder.toString" ->
          values.get(0).kind() == SymbolicValue.Kind.BUILDER ? SymbolicValue.text(values.get(0).parts()) : null;
      case "java/security/KeyPairGenerator.getInstance" -> keyPairGenerator(values.get(0));
      default -> null;
    };
  }

  /** An int constant as the text it stands for when its declared type is char or boolean. */
  static SymbolicValue typed(SymbolicValue value, char descriptor) {
    if (value.kind() != SymbolicValue.Kind.INT) {
      return value;
    }
    return switch (descriptor) {
      case 'C' -> SymbolicValue.text(String.valueOf((char) value.number()));
      case 'Z' -> SymbolicValue.text(String.valueOf(value.number() != 0));
      default -> value;
    };
  }

  private static SymbolicValue textOf(SymbolicValue value) {
    List<Object> parts = value.asParts();
    return parts == null ? null : SymbolicValue.text(parts);
  }

  private static SymbolicValue concat(SymbolicValue left, SymbolicValue right) {
    List<Object> parts = SymbolicValue.concat(left.asParts(), right.asParts());
    return parts == null ? null : SymbolicValue.text(parts);
  }

  private static SymbolicValue bytesOf(SymbolicValue text) {
    List<Object> parts = text.asParts();
    return parts == null ? null : SymbolicValue.bytes(parts);
  }

  private static SymbolicValue append(SymbolicValue builder, SymbolicValue value) {
    if (builder.kind() != SymbolicValue.Kind.BUILDER) {
      return null;
    }
    List<Object> parts = SymbolicValue.concat(builder.parts(), value.asParts());
    return parts == null ? null : SymbolicValue.builder(parts);
  }

  private static SymbolicValue keyPairGenerator(SymbolicValue algorithm) {
    List<Object> parts = algorithm.asParts();
    return parts == null ? null : SymbolicValue.keyPairGenerator(parts);
  }
}
