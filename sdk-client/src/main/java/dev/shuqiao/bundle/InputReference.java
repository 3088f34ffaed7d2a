package dev.shuqiao.bundle;

import java.util.Optional;

/** A parsed input: {@code form.<field>} ({@code step} null) or {@code steps.<id>.<item>}. */
record InputReference(String step, String name) {

  static Optional<InputReference> parse(String text) {
    if (text.startsWith("form.") && text.length() > 5 && !text.substring(5).isBlank()) {
      return Optional.of(new InputReference(null, text.substring(5)));
    }
    if (text.startsWith("steps.")) {
      int dot = text.indexOf('.', 6);
      if (dot > 6 && dot < text.length() - 1 && !text.substring(dot + 1).isBlank()) {
        return Optional.of(new InputReference(text.substring(6, dot), text.substring(dot + 1)));
      }
    }
    return Optional.empty();
  }

  boolean fromForm() {
    return step == null;
  }
}
