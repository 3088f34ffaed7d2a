package dev.shuqiao.compliance.rules;

import java.util.ArrayList;
import java.util.List;

/** Rewrites a callee's symbolic value in terms of one call site's arguments. */
final class Substitution {

  private Substitution() {}

  static SymbolicValue apply(SymbolicValue value, List<SymbolicValue> arguments) {
    if (value == null) {
      return null;
    }
    return switch (value.kind()) {
      case PARAM -> value.number() < arguments.size() ? arguments.get(value.number()) : SymbolicValue.UNKNOWN_1;
      case TEXT -> rebuild(value, arguments, SymbolicValue::text);
      case BYTES -> rebuild(value, arguments, SymbolicValue::bytes);
      case KEY_PAIR_GENERATOR -> rebuild(value, arguments, SymbolicValue::keyPairGenerator);
      default -> value;
    };
  }

  private static SymbolicValue rebuild(SymbolicValue value, List<SymbolicValue> arguments,
      java.util.function.Function<List<Object>, SymbolicValue> kind) {
    List<Object> parts = new ArrayList<>();
    for (Object part : value.parts()) {
      if (part instanceof Integer index) {
        List<Object> argument = index < arguments.size() ? arguments.get(index).asParts() : null;
        if (argument == null) {
          return SymbolicValue.UNKNOWN_1;
        }
        parts.addAll(argument);
      } else {
        parts.add(part);
      }
    }
    return kind.apply(parts);
  }
}
