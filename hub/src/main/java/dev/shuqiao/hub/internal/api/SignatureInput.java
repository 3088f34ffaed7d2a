package dev.shuqiao.hub.internal.api;

import dev.shuqiao.hub.internal.service.HubException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One RFC 9421 signature as the hub accepts it: a single label in {@code Signature-Input} and
 * {@code Signature}, parsed strictly. {@code params} is the exact inner-list text, which is the
 * value of {@code @signature-params} in the signature base.
 */
record SignatureInput(String label, List<String> components, Map<String, String> parameters, String params,
    byte[] signature) {

  private static final Pattern INPUT = Pattern.compile(
      "([a-z][a-z0-9_-]{0,15})=(\\(((?:\"[a-z@][a-z0-9@_-]{0,63}\"(?: \"[a-z@][a-z0-9@_-]{0,63}\")*)?)\\)"
          + "((?:;[a-z]{1,16}=(?:\"[A-Za-z0-9_.+/=:-]{0,128}\"|[0-9]{1,15}))*))");
  private static final Pattern PARAM = Pattern.compile(";([a-z]{1,16})=(\"[^\"]*\"|[0-9]+)");
  private static final Pattern SIGNATURE = Pattern.compile("([a-z][a-z0-9_-]{0,15})=:([A-Za-z0-9+/]{1,1024}={0,2}):");

  static SignatureInput parse(String inputHeader, String signatureHeader) {
    if (inputHeader == null || signatureHeader == null) {
      throw unauthorized("signature-required", "sign the request (RFC 9421 Signature-Input and Signature headers)");
    }
    Matcher input = INPUT.matcher(inputHeader.strip());
    Matcher sig = SIGNATURE.matcher(signatureHeader.strip());
    if (!input.matches() || !sig.matches() || !input.group(1).equals(sig.group(1))) {
      throw unauthorized("signature-malformed", "Signature-Input or Signature is not one well-formed signature");
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
        throw unauthorized("signature-malformed", "a signature parameter is repeated");
      }
    }
    byte[] signature;
    try {
      signature = Base64.getDecoder().decode(sig.group(2));
    } catch (IllegalArgumentException e) {
      throw unauthorized("signature-malformed", "the signature is not base64");
    }
    return new SignatureInput(input.group(1), List.copyOf(components), parameters, input.group(2), signature);
  }

  static HubException unauthorized(String type, String detail) {
    return new HubException(401, type, "The request is not authenticated", detail);
  }
}
