package dev.shuqiao.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wycheproof through the checkpoint verifier itself: a verifier key is made from each vector's public
 * key exactly as an auditor's {@code verifier-keys} line is read ({@link NoteKeys#verifier}), and
 * the vector's signature is checked by that {@link CheckpointVerifier}. Every valid signature must
 * verify and every invalid one must not (these files have no "acceptable" cases). The vectors are
 * the copies under {@code src/test/resources/vectors/wycheproof} (see the README there).
 */
class CheckpointWycheproofTest {

  private static final String NAME = "audit.wycheproof.example";

  static List<Arguments> ecdsaP256Der() throws IOException {
    return cases("ecdsa_secp256r1_sha256_test.json");
  }

  static List<Arguments> ed25519() throws IOException {
    return cases("ed25519_test.json");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ecdsaP256Der")
  void ecdsaP256CheckpointSignatures_verifyExactlyTheValidVectors(Case c) {
    String vkey = NoteKeys.verifierKey(NAME, NoteKeyType.ECDSA_P256, c.groupHex("publicKeyDer"));
    assertThat(verifies(vkey, c)).isEqualTo(c.valid());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ed25519")
  void ed25519CheckpointSignatures_verifyExactlyTheValidVectors(Case c) {
    byte[] spki = c.groupHex("publicKeyDer");
    String vkey = NoteKeys.verifierKey(NAME, NoteKeyType.ED25519, Arrays.copyOfRange(spki, spki.length - 32, spki.length));
    assertThat(verifies(vkey, c)).isEqualTo(c.valid());
  }

  private static boolean verifies(String vkey, Case c) {
    CheckpointVerifier verifier;
    try {
      verifier = NoteKeys.verifier(vkey);
    } catch (IllegalArgumentException e) {
      return false; // a key no checkpoint could be verified with
    }
    return verifier.verify(c.hex("msg"), c.hex("sig"));
  }

  record Case(String file, JsonNode group, JsonNode test) {
    byte[] hex(String field) {
      return HexFormat.of().parseHex(test.get(field).asText());
    }

    byte[] groupHex(String field) {
      return HexFormat.of().parseHex(group.get(field).asText());
    }

    boolean valid() {
      String result = test.get("result").asText();
      if (result.equals("acceptable")) {
        throw new IllegalStateException("no acceptable cases expected in " + file);
      }
      return result.equals("valid");
    }

    @Override
    public String toString() {
      return file + " #" + test.get("tcId").asInt() + " " + test.get("result").asText() + " " + test.get("flags");
    }
  }

  private static List<Arguments> cases(String file) throws IOException {
    try (InputStream in = CheckpointWycheproofTest.class.getResourceAsStream("/vectors/wycheproof/" + file)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + file);
      }
      List<Arguments> out = new ArrayList<>();
      for (JsonNode group : new ObjectMapper().readTree(in).get("testGroups")) {
        for (JsonNode test : group.get("tests")) {
          out.add(Arguments.of(new Case(file, group, test)));
        }
      }
      return out;
    }
  }
}
