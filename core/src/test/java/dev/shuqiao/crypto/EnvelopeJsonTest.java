package dev.shuqiao.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The JSON form is parsed strictly; each deviation is malformed, never silently normalised. */
class EnvelopeJsonTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Parties PARTIES = new Parties(KeyAlgorithm.ED25519);
  private static final String SEALED = PARTIES.healthToPolice().toJson();

  private static void assertMalformed(Consumer<ObjectNode> edit) throws Exception {
    ObjectNode node = (ObjectNode) JSON.readTree(SEALED);
    edit.accept(node);
    assertThatThrownBy(() -> SealedEnvelope.fromJson(node.toString())).isExactlyInstanceOf(MalformedEnvelopeException.class);
  }

  @Test
  void fromJson_rejectsUnknownMissingAndMistypedFields() throws Exception {
    assertMalformed(n -> n.put("extra", 1));
    assertMalformed(n -> n.remove("nonce"));
    assertMalformed(n -> n.put("createdAt", "yesterday"));
    assertMalformed(n -> n.put("version", 1));
    assertMalformed(n -> n.put("version", 3));
    assertMalformed(n -> n.put("version", "2"));
    assertMalformed(n -> n.put("suite", "RSA"));
    assertMalformed(n -> n.put("grantId", ""));
    assertMalformed(n -> n.put("messageId", "not-a-uuid"));
  }

  @Test
  void fromJson_rejectsPaddedOrNonCanonicalBase64() throws Exception {
    assertMalformed(n -> n.put("nonce", n.get("nonce").asText() + "="));
    assertMalformed(n -> n.put("nonce", "+" + n.get("nonce").asText().substring(1)));
    // 32 bytes = 43 characters; the last one carries two unused bits, which must be zero.
    assertMalformed(n -> {
      ObjectNode recipient = (ObjectNode) n.get("recipients").get(0);
      String keyId = recipient.get("keyId").asText();
      String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
      char last = alphabet.charAt(alphabet.indexOf(keyId.charAt(42)) | 1);
      recipient.put("keyId", keyId.substring(0, 42) + last);
    });
  }

  @Test
  void fromJson_rejectsTextThatIsNotAnObject() {
    assertThatThrownBy(() -> SealedEnvelope.fromJson("[]")).isExactlyInstanceOf(MalformedEnvelopeException.class);
    assertThatThrownBy(() -> SealedEnvelope.fromJson("{")).isExactlyInstanceOf(MalformedEnvelopeException.class);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"nonce", "format", "version", "suite", "ciphertext",
      "recipients", "messageId"})
  void fromJson_rejectsARepeatedKey_firstOrLastValueAlike(String key) throws Exception {
    ObjectNode node = (ObjectNode) JSON.readTree(SEALED);
    String value = node.has(key) ? JSON.writeValueAsString(node.get(key)) : "\"g-1\"";
    String json = node.toString();
    String repeatedFirst = "{\"" + key + "\":" + value + "," + json.substring(1);
    String repeatedLast = json.substring(0, json.length() - 1) + ",\"" + key + "\":" + value + "}";
    for (String forged : new String[] {repeatedFirst, repeatedLast}) {
      assertThatThrownBy(() -> SealedEnvelope.fromJson(forged)).isExactlyInstanceOf(MalformedEnvelopeException.class)
          .hasMessageContaining("repeats a key");
    }
  }

  @Test
  void fromJson_rejectsARepeatedKeyInsideARecipient() throws Exception {
    ObjectNode node = (ObjectNode) JSON.readTree(SEALED);
    String keyId = node.get("recipients").get(0).get("keyId").asText();
    String json = node.toString().replace("\"keyId\":\"" + keyId + "\"",
        "\"keyId\":\"" + keyId + "\",\"keyId\":\"" + keyId + "\"");
    assertThatThrownBy(() -> SealedEnvelope.fromJson(json)).isExactlyInstanceOf(MalformedEnvelopeException.class);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"{}", "x", "1", "\"s\"", "[]", "null", "}", "]", ",",
      "/* c */", "// c"})
  void fromJson_rejectsContentAfterTheObject(String tail) throws Exception {
    assertThatThrownBy(() -> SealedEnvelope.fromJson(SEALED + tail)).isExactlyInstanceOf(MalformedEnvelopeException.class);
    assertThatThrownBy(() -> SealedEnvelope.fromJson(SEALED + "\n " + tail)).isExactlyInstanceOf(MalformedEnvelopeException.class);
    assertThat(SealedEnvelope.fromJson(SEALED + " \n\t").toJson()).isEqualTo(SEALED); // whitespace is no content
  }
}
