package dev.shuqiao.hub.internal.api;

import dev.shuqiao.hub.internal.service.HubException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One RFC 9421 signature as the hub accepts it: a single label in {@code Signature-Input} and
 * {@code Signature}, parsed strictly. {@code params} is the exact inner-list text, which is the
 * value of {@code @signature-params} in the signature base.
 */
record SignatureInput(String label, List<String> components, Map<String, String> parameters, String params,
    byte[] signature) {

  private static final int MAX_LABEL = 16;
  private static final int MAX_COMPONENT = 64;
  private static final int MAX_NAME = 16;
  private static final int MAX_QUOTED = 128;
  private static final int MAX_DIGITS = 15;
  private static final int MAX_SIGNATURE_CHARS = 1024;

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
    List<String> components = new ArrayList<>();
    Map<String, String> parameters = new LinkedHashMap<>();
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
        components.add(in.substring(i + 1, end - 1));
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
    i++;
    boolean repeated = false;
    while (i < in.length()) {
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
      String name = in.substring(nameStart, i);
      i++;
      String value;
      if (i < in.length() && in.charAt(i) == '"') {
        int valueStart = ++i;
        while (i < in.length() && i - valueStart < MAX_QUOTED && isValueChar(in.charAt(i))) {
          i++;
        }
        if (i >= in.length() || in.charAt(i) != '"') {
          throw malformed();
        }
        value = in.substring(valueStart, i);
        i++;
      } else {
        int valueStart = i;
        while (i < in.length() && i - valueStart < MAX_DIGITS && isDigit(in.charAt(i))) {
          i++;
        }
        if (i == valueStart || (i < in.length() && in.charAt(i) != ';')) {
          throw malformed();
        }
        value = in.substring(valueStart, i);
      }
      repeated |= parameters.put(name, value) != null;
    }
    if (repeated) { // after the whole header is known to be well-formed, as a malformed one says so first
      throw unauthorized("signature-malformed", "a signature parameter is repeated");
    }
    byte[] signature;
    try {
      signature = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw unauthorized("signature-malformed", "the signature is not base64");
    }
    return new SignatureInput(in.substring(0, labelEnd), List.copyOf(components), parameters,
        in.substring(labelEnd + 1), signature);
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
    return isLower(c) || (c >= 'A' && c <= 'Z') || isDigit(c) || "_.+/=:-".indexOf(c) >= 0;
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
