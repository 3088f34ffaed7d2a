package dev.shuqiao.compliance.rules;

/**
 * What one side of a sink (its algorithm, or its material) comes to in the method at hand: a
 * concrete answer, pending on the method's parameters, or dropped because it cannot be known.
 */
record Evaluation(State state, String text, Integer size, boolean constant) {

  enum State { KNOWN, PENDING, DROPPED }

  private static final Evaluation NONE = new Evaluation(State.KNOWN, null, null, false);
  private static final Evaluation PENDING_ON_PARAMETER = new Evaluation(State.PENDING, null, null, false);
  private static final Evaluation UNKNOWABLE = new Evaluation(State.DROPPED, null, null, false);

  boolean pending() {
    return state == State.PENDING;
  }

  boolean dropped() {
    return state == State.DROPPED;
  }

  static Evaluation algorithm(Sink sink, SymbolicValue value) {
    if (value == null) {
      return sink == Sink.IV || sink == Sink.SEEDED_RANDOM ? NONE : UNKNOWABLE;
    }
    java.util.List<Object> parts = value.kind() == SymbolicValue.Kind.KEY_PAIR_GENERATOR
        ? value.parts() : value.asParts();
    if (parts == null || value.kind() == SymbolicValue.Kind.INT) {
      return UNKNOWABLE;
    }
    String literal = SymbolicValue.literal(parts);
    return literal == null ? PENDING_ON_PARAMETER : new Evaluation(State.KNOWN, literal, null, false);
  }

  static Evaluation material(Sink sink, SymbolicValue value, java.util.function.Predicate<SymbolicValue> filled) {
    if (value == null) {
      return NONE;
    }
    return switch (value.kind()) {
      case INT -> new Evaluation(State.KNOWN, null, value.number(), false);
      case PARAM -> PENDING_ON_PARAMETER;
      case BYTES -> SymbolicValue.literal(value.parts()) == null
          ? PENDING_ON_PARAMETER : new Evaluation(State.KNOWN, null, null, true);
      case NEW_ARRAY -> new Evaluation(State.KNOWN, null, null, !filled.test(value));
      default -> sink == Sink.KEY_SIZE ? UNKNOWABLE : NONE;
    };
  }
}
