package dev.shuqiao.hub.internal.api;

import dev.shuqiao.hub.internal.service.HubException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One RFC 9421 signature as the hub accepts it: a single label in {@code Signature-Input} and
 * {@code Signature}, parsed strictly. {@link #params} is the exact inner-list text, which is the
 * value of {@code @signature-params} in the signature base.
 *
 * <p>Every signed request is parsed, so the parser allocates little: the parameters are two small
 * arrays rather than a map, the usual component names are the constants below rather than copies,
 * and the inner-list text stays a range of the header until asked for.
 */
final class SignatureInput {

  private static final int MAX_LABEL = 16;
  private static final int MAX_COMPONENT = 64;
  private static final int MAX_NAME = 16;
  private static final int MAX_QUOTED = 128;
  private static final int MAX_DIGITS = 15;
  private static final int MAX_SIGNATURE_CHARS = 1024;
  /** Component names returned as these constants when they occur (what the client covers). */
  private static final List<String> KNOWN = List.of("@method", "@path", "@query", "content-digest", "idempotency-key");

  /** The stripped {@code Signature-Input}; the label ends at {@code labelEnd}, the inner list follows the {@code =}. */
  private final String header;
  private final int labelEnd;
  private final List<String> components;
  private final String[] names;
  private final String[] values;
  private final byte[] signature;

  private SignatureInput(String header, int labelEnd, List<String> components, String[] names, String[] values,
      byte[] signature) {
    this.header = header;
    this.labelEnd = labelEnd;
    this.components = components;
    this.names = names;
    this.values = values;
    this.signature = signature;
  }

  String label() {
    return header.substring(0, labelEnd);
  }

  /** The covered component names, in order. */
  List<String> components() {
    return components;
  }

  /** The value of parameter {@code name} (quotes removed), or null. */
  String parameter(String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return values[i];
      }
    }
    return null;
  }

  /** Every parameter in order (tests and diagnostics; requests use {@link #parameter}). */
  Map<String, String> parameters() {
    Map<String, String> all = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      all.put(names[i], values[i]);
    }
    return all;
  }

  /** The inner list and its parameters, exactly as sent: the value of {@code @signature-params}. */
  String params() {
    return header.substring(labelEnd + 1);
  }

  /** Appends {@link #params} to {@code to} without making it a String first; returns {@code to}. */
  StringBuilder appendParams(StringBuilder to) {
    return to.append(header, labelEnd + 1, header.length());
  }

  byte[] signature() {
    return signature;
  }

  /**
   * Parses the two headers, each stripped of surrounding white space. The grammar, strict (one
   * label, lower-case quoted component names, parameters as quoted ASCII text or integers):
   *
   * <pre>
   * Signature-Input = label "=(" [ component *( " " component ) ] ")" *( ";" name "=" value )
   * component       = DQUOTE ( a-z / "@" ) 0*63( a-z / 0-9 / "@" / "_" / "-" ) DQUOTE
   * name            = 1*16( a-z )
   * value           = DQUOTE 0*128( A-Z / a-z / 0-9 / "_" / "." / "+" / "/" / "=" / ":" / "-" ) DQUOTE
   *                 / 1*15( 0-9 )
   * Signature       = label "=:" 1*1024( A-Z / a-z / 0-9 / "+" / "/" ) 0*2"=" ":"
   * label           = a-z 0*15( a-z / 0-9 / "_" / "-" )
   * </pre>
   *
   * A hand-written scanner rather than regular expressions: every signed request is parsed, and
   * the backtracking patterns were the largest part of verifying a session-signed read.
   */
  static SignatureInput parse(String inputHeader, String signatureHeader) {
    if (inputHeader == null || signatureHeader == null) {
      throw unauthorized("signature-required", "sign the request (RFC 9421 Signature-Input and Signature headers)");
    }
    String in = inputHeader.strip();
    String sig = signatureHeader.strip();
    int labelEnd = label(in);
    int sigLabelEnd = label(sig);
    if (labelEnd < 0 || labelEnd != sigLabelEnd || !in.regionMatches(0, sig, 0, labelEnd)) {
      throw malformed();
    }
    String base64 = signatureText(sig, sigLabelEnd);
    List<String> components = new ArrayList<>(6);
    int i = components(in, labelEnd, components);
    String[] names = new String[6];
    String[] values = new String[6];
    int count = 0;
    while (i < in.length()) {
      if (count == names.length) {
        names = Arrays.copyOf(names, count * 2);
        values = Arrays.copyOf(values, count * 2);
      }
      int nameEnd = parameterName(in, i);
      names[count] = in.substring(i + 1, nameEnd);
      i = parameterValueEnd(in, nameEnd + 1);
      values[count++] = in.charAt(nameEnd + 1) == '"' ? in.substring(nameEnd + 2, i - 1) : in.substring(nameEnd + 1, i);
    }
    // After the whole header is known to be well-formed, as a malformed one says so first.
    if (repeats(names, count)) {
      throw unauthorized("signature-malformed", "a signature parameter is repeated");
    }
    byte[] signature;
    try {
      signature = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw unauthorized("signature-malformed", "the signature is not base64");
    }
    return new SignatureInput(in, labelEnd, List.copyOf(components), Arrays.copyOf(names, count),
        Arrays.copyOf(values, count), signature);
  }

  /** Reads {@code =( ... )} after the label into {@code components}; returns the index after {@code )}. */
  private static int components(String in, int labelEnd, List<String> components) {
    int i = labelEnd;
    if (!in.startsWith("=(", i)) {
      throw malformed();
    }
    i += 2;
    if (i < in.length() && in.charAt(i) != ')') {
      while (true) {
        int end = component(in, i);
        if (end < 0) {
          throw malformed();
        }
        components.add(name(in, i + 1, end - 1));
        i = end;
        if (i < in.length() && in.charAt(i) == ' ') {
          i++;
        } else {
          break;
        }
      }
    }
    if (i >= in.length() || in.charAt(i) != ')') {
      throw malformed();
    }
    return i + 1;
  }

  /** {@code s[from, to)}, as the constant of {@link #KNOWN} when it is one. */
  private static String name(String s, int from, int to) {
    for (String known : KNOWN) {
      if (known.length() == to - from && s.startsWith(known, from)) {
        return known;
      }
    }
    return s.substring(from, to);
  }

  /** The index of the {@code =} after {@code ;name} starting at {@code i}. */
  private static int parameterName(String in, int i) {
    if (in.charAt(i) != ';') {
      throw malformed();
    }
    int nameStart = ++i;
    while (i < in.length() && i - nameStart < MAX_NAME && isLower(in.charAt(i))) {
      i++;
    }
    if (i == nameStart || i >= in.length() || in.charAt(i) != '=') {
      throw malformed();
    }
    return i;
  }

  /** The end of a parameter value (quoted text or an integer) starting at {@code i}. */
  private static int parameterValueEnd(String in, int i) {
    if (i < in.length() && in.charAt(i) == '"') {
      int valueStart = ++i;
      while (i < in.length() && i - valueStart < MAX_QUOTED && isValueChar(in.charAt(i))) {
        i++;
      }
      if (i >= in.length() || in.charAt(i) != '"') {
        throw malformed();
      }
      return i + 1;
    }
    int valueStart = i;
    while (i < in.length() && i - valueStart < MAX_DIGITS && isDigit(in.charAt(i))) {
      i++;
    }
    if (i == valueStart || (i < in.length() && in.charAt(i) != ';')) {
      throw malformed();
    }
    return i;
  }

  /** Whether a name occurs twice among the first {@code count} (a set only for unusually many). */
  private static boolean repeats(String[] names, int count) {
    if (count > 8) {
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < count; i++) {
        if (!seen.add(names[i])) {
          return true;
        }
      }
      return false;
    }
    for (int i = 1; i < count; i++) {
      for (int j = 0; j < i; j++) {
        if (names[i].equals(names[j])) {
          return true;
        }
      }
    }
    return false;
  }

  /** The base64 text of {@code label=:base64:}, the label already checked. */
  private static String signatureText(String sig, int labelEnd) {
    if (!sig.startsWith("=:", labelEnd)) {
      throw malformed();
    }
    int start = labelEnd + 2;
    int i = start;
    while (i < sig.length() && i - start < MAX_SIGNATURE_CHARS && isBase64(sig.charAt(i))) {
      i++;
    }
    if (i == start) {
      throw malformed();
    }
    int padding = 0;
    while (i < sig.length() && sig.charAt(i) == '=' && padding < 2) {
      i++;
      padding++;
    }
    if (i != sig.length() - 1 || sig.charAt(i) != ':') {
      throw malformed();
    }
    return sig.substring(start, i);
  }

  /** The end of the label at the start of {@code s}, or -1. */
  private static int label(String s) {
    if (s.isEmpty() || !isLower(s.charAt(0))) {
      return -1;
    }
    int i = 1;
    while (i < s.length() && i < MAX_LABEL && (isLower(s.charAt(i)) || isDigit(s.charAt(i)) || s.charAt(i) == '_'
        || s.charAt(i) == '-')) {
      i++;
    }
    return i;
  }

  /** The end (after the closing quote) of a quoted component name starting at {@code i}, or -1. */
  private static int component(String s, int i) {
    if (i + 2 >= s.length() || s.charAt(i) != '"' || !(isLower(s.charAt(i + 1)) || s.charAt(i + 1) == '@')) {
      return -1;
    }
    int j = i + 2;
    while (j < s.length() && j - (i + 1) < MAX_COMPONENT && isComponentChar(s.charAt(j))) {
      j++;
    }
    return j < s.length() && s.charAt(j) == '"' ? j + 1 : -1;
  }

  private static boolean isLower(char c) {
    return c >= 'a' && c <= 'z';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isComponentChar(char c) {
    return isLower(c) || isDigit(c) || c == '@' || c == '_' || c == '-';
  }

  private static boolean isValueChar(char c) {
    return isLower(c) || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '_' || c == '.' || c == '+' || c == '/' || c == '='
        || c == ':' || c == '-';
  }

  private static boolean isBase64(char c) {
    return isLower(c) || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '+' || c == '/';
  }

  private static HubException malformed() {
    return unauthorized("signature-malformed", "Signature-Input or Signature is not one well-formed signature");
  }

  static HubException unauthorized(String type, String detail) {
    return new HubException(401, type, "The request is not authenticated", detail);
  }
}
