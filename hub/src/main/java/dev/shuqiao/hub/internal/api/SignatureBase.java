package dev.shuqiao.hub.internal.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The RFC 9421 §2.5 signature base of a request, as UTF-8 bytes: one line {@code "name": value}
 * per covered component, then {@code "@signature-params": } and the inner list exactly as sent.
 * Every signed request needs one, so it is built in one presized builder and read out byte by byte
 * when it is ASCII (as it is unless a header value is not), without a String and its encoding.
 */
final class SignatureBase {

  private static final String PARAMS_LINE = "\"@signature-params\": ";

  private SignatureBase() {}

  /** The base of {@code input}, with {@code valueOf} giving each covered component's value. */
  static byte[] of(SignatureInput input, UnaryOperator<String> valueOf) {
    List<String> components = input.components();
    StringBuilder text = new StringBuilder(96 * components.size() + PARAMS_LINE.length() + 160);
    for (String component : components) {
      text.append('"').append(component).append("\": ").append(valueOf.apply(component)).append('\n');
    }
    return utf8(input.appendParams(text.append(PARAMS_LINE)));
  }

  /** {@code text} in UTF-8: copied char by char while it is ASCII, else encoded through a String. */
  private static byte[] utf8(StringBuilder text) {
    byte[] bytes = new byte[text.length()];
    for (int i = 0; i < bytes.length; i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        return text.toString().getBytes(StandardCharsets.UTF_8);
      }
      bytes[i] = (byte) c;
    }
    return bytes;
  }
}
