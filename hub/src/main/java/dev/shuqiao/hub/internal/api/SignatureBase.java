package dev.shuqiao.hub.internal.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The RFC 9421 §2.5 signature base of a request, as UTF-8 bytes: one line {@code "name": value}
 * per covered component, then {@code "@signature-params": } and the inner list exactly as sent.
 * Every signed request needs one, so the usual all-ASCII base is written straight into an array of
 * its exact length rather than through a builder, a String and its encoding.
 */
final class SignatureBase {

  private static final String PARAMS_LINE = "\"@signature-params\": ";

  private SignatureBase() {}

  /** The base of {@code input}, with {@code valueOf} giving each covered component's value. */
  static byte[] of(SignatureInput input, UnaryOperator<String> valueOf) {
    List<String> components = input.components();
    String[] values = new String[components.size()];
    int length = PARAMS_LINE.length() + input.paramsLength();
    boolean ascii = true;
    for (int i = 0; i < values.length; i++) {
      values[i] = valueOf.apply(components.get(i));
      length += components.get(i).length() + values[i].length() + 5; // '"' name '": ' value '\n'
      ascii &= isAscii(values[i]);
    }
    if (!ascii) {
      return utf8(components, values, input);
    }
    // Component names and the inner list are ASCII by SignatureInput's grammar.
    byte[] base = new byte[length];
    int at = 0;
    for (int i = 0; i < values.length; i++) {
      base[at++] = '"';
      at = put(base, at, components.get(i));
      at = put(base, at, "\": ");
      at = put(base, at, values[i]);
      base[at++] = '\n';
    }
    at = put(base, at, PARAMS_LINE);
    for (int i = 0; i < input.paramsLength(); i++) {
      base[at++] = (byte) input.paramsChar(i);
    }
    return base;
  }

  /** The same base through a String, for values outside ASCII (UTF-8 encoded). */
  private static byte[] utf8(List<String> components, String[] values, SignatureInput input) {
    StringBuilder base = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      base.append('"').append(components.get(i)).append("\": ").append(values[i]).append('\n');
    }
    return base.append(PARAMS_LINE).append(input.params()).toString().getBytes(StandardCharsets.UTF_8);
  }

  private static int put(byte[] base, int at, String ascii) {
    for (int i = 0; i < ascii.length(); i++) {
      base[at++] = (byte) ascii.charAt(i);
    }
    return at;
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }
}
