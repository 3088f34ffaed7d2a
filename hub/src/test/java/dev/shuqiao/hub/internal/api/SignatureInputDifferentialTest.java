package dev.shuqiao.hub.internal.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shuqiao.hub.internal.service.HubException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hand-written parser accepts exactly what the regular expressions it replaced accepted, with
 * the same fields and the same problem: the old parser is kept here as the reference, and both read
 * well-formed headers and thousands of mutated ones.
 */
class SignatureInputDifferentialTest {

  private static final Pattern INPUT = Pattern.compile(
      "([a-z][a-z0-9_-]{0,15})=(\\(((?:\"[a-z@][a-z0-9@_-]{0,63}\"(?: \"[a-z@][a-z0-9@_-]{0,63}\")*)?)\\)"
          + "((?:;[a-z]{1,16}=(?:\"[A-Za-z0-9_.+/=:-]{0,128}\"|[0-9]{1,15}))*))");
  private static final Pattern PARAM = Pattern.compile(";([a-z]{1,16})=(\"[^\"]*\"|[0-9]+)");
  private static final Pattern SIGNATURE = Pattern.compile("([a-z][a-z0-9_-]{0,15})=:([A-Za-z0-9+/]{1,1024}={0,2}):");

  /**
   * The parser before the hand-written one, verbatim in behaviour, giving what {@link #outcome}
   * reads from a parsed header: label, components, parameters, params and the signature in base64.
   */
  static List<Object> reference(String inputHeader, String signatureHeader) {
    if (inputHeader == null || signatureHeader == null) {
      throw SignatureInput.unauthorized("signature-required", "sign the request (RFC 9421 Signature-Input and Signature headers)");
    }
    Matcher input = INPUT.matcher(inputHeader.strip());
    Matcher sig = SIGNATURE.matcher(signatureHeader.strip());
    if (!input.matches() || !sig.matches() || !input.group(1).equals(sig.group(1))) {
      throw SignatureInput.unauthorized("signature-malformed", "Signature-Input or Signature is not one well-formed signature");
    }
    List<String> components = new ArrayList<>();
    if (!input.group(3).isEmpty()) {
      for (String quoted : input.group(3).split(" ")) {
        components.add(quoted.substring(1, quoted.length() - 1));
      }
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    Matcher param = PARAM.matcher(input.group(4));
    while (param.find()) {
      String value = param.group(2);
      if (parameters.put(param.group(1), value.startsWith("\"") ? value.substring(1, value.length() - 1) : value) != null) {
        throw SignatureInput.unauthorized("signature-malformed", "a signature parameter is repeated");
      }
    }
    byte[] signature;
    try {
      signature = Base64.getDecoder().decode(sig.group(2));
    } catch (IllegalArgumentException e) {
      throw SignatureInput.unauthorized("signature-malformed", "the signature is not base64");
    }
    return List.of(input.group(1), List.copyOf(components), parameters, input.group(2),
        Base64.getEncoder().encodeToString(signature));
  }

  private static final String[] INPUTS = {
      "sig1=(\"@method\" \"@path\" \"@query\" \"content-digest\");created=1764230400;nonce=\"abcdefghijklmnop\";keyid=\"11450200075623181Q\";alg=\"sm2-sm3\"",
      "sig1=(\"@method\" \"@path\" \"@query\" \"content-digest\" \"idempotency-key\");created=1764230400;nonce=\"0000000000000042\";keyid=\"s-AbCd_-09\";alg=\"hmac-sm3\"",
      "a=()", "x-1_=(\"@a\");expires=123456789012345", "sig1=(\"" + "a".repeat(64) + "\");k=\"" + "Z".repeat(128) + "\"",
      "abcdefghijklmnop=(\"@method\")", "sig1=(\"@method\");" + "p".repeat(16) + "=1",
      "sig1=(\"@method\" \"x\");a=1;b=2;c=3;d=4;e=5;f=6;g=7;h=8;i=9;j=\"x\"", "sig1=();a=1;b=2;c=3;d=4;e=5;f=6;g=7;a=\"8\"",
  };
  private static final String[] SIGNATURES = {"sig1=:AAEC:", "sig1=:AAECAw==:", "sig1=:" + "A".repeat(1024) + ":",
      "a=:AA==:", "x-1_=:AAEC:", "abcdefghijklmnop=:AAEC:"};
  private static final String ALPHABET = "\"();=:, @-_.+/aAzZ09sig1\t\u00e9\u4e2d%\\";

  @Test
  void handWrittenParser_agreesWithTheRegularExpressions() {
    Random random = new Random(20261127);
    int accepted = 0;
    for (int n = 0; n < 60_000; n++) {
      String input = INPUTS[random.nextInt(INPUTS.length)];
      String signature = SIGNATURES[random.nextInt(SIGNATURES.length)];
      int edits = random.nextInt(4);
      for (int e = 0; e < edits; e++) {
        if (random.nextBoolean()) {
          input = mutate(input, random);
        } else {
          signature = mutate(signature, random);
        }
      }
      if (random.nextInt(50) == 0) {
        input = " \t" + input + " ";
      }
      if (same(input, signature)) {
        accepted++;
      }
    }
    // Both sides must see plenty of valid headers, not only rejections.
    assertThat(accepted).isGreaterThan(5_000);
    same(null, "sig1=:AAEC:");
    same("sig1=()", null);
  }

  /** Asserts both parsers give the same result; returns true if they accepted. */
  private static boolean same(String input, String signature) {
    Object expected = outcome(() -> reference(input, signature));
    Object actual = outcome(() -> read(SignatureInput.parse(input, signature)));
    assertThat(actual).as("Signature-Input %s, Signature %s", input, signature).isEqualTo(expected);
    return expected instanceof List;
  }

  /** What the parser gives, each parameter read through {@link SignatureInput#parameter} as requests do. */
  private static List<Object> read(SignatureInput s) {
    Map<String, String> parameters = new LinkedHashMap<>();
    s.parameters().keySet().forEach(name -> parameters.put(name, s.parameter(name)));
    assertThat(s.appendParams(new StringBuilder()).toString()).isEqualTo(s.params());
    return List.of(s.label(), s.components(), parameters, s.params(), Base64.getEncoder().encodeToString(s.signature()));
  }

  private static Object outcome(java.util.function.Supplier<List<Object>> parse) {
    try {
      return parse.get();
    } catch (HubException e) {
      return e.status() + " " + e.type() + " " + e.getMessage();
    }
  }

  private static String mutate(String s, Random random) {
    if (s.isEmpty()) {
      return String.valueOf(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    int at = random.nextInt(s.length());
    char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
    return switch (random.nextInt(5)) {
      case 0 -> s.substring(0, at) + s.substring(at + 1);                       // delete
      case 1 -> s.substring(0, at) + c + s.substring(at);                       // insert
      case 2 -> s.substring(0, at) + c + s.substring(at + 1);                   // replace
      case 3 -> s.substring(0, at) + s.charAt(at) + s.substring(at);            // duplicate a character
      default -> s.substring(0, at) + s.substring(at, Math.min(s.length(), at + 1 + random.nextInt(20))).repeat(2)
          + s.substring(Math.min(s.length(), at + 1 + random.nextInt(20)));     // duplicate a run
    };
  }
}
