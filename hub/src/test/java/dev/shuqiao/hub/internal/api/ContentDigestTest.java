package dev.shuqiao.hub.internal.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ContentDigestTest {

  private static final byte[] BODY = "{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void matches_theRfc9530ExampleDigest() {
    // RFC 9530 §2: sha-256 of {"hello": "world"}
    assertThat(ContentDigest.matches("sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:", BODY)).isTrue();
  }

  @Test
  void matches_findsSha256AmongOtherAlgorithms() {
    String digest = Base64.getEncoder().encodeToString(ContentDigest.sha256(BODY));
    assertThat(ContentDigest.matches("sha-512=:AAAA:, sha-256=:" + digest + ":", BODY)).isTrue();
  }

  @Test
  void matches_refusesOtherBodiesMissingOrMalformedHeaders() {
    String digest = Base64.getEncoder().encodeToString(ContentDigest.sha256(BODY));
    assertThat(ContentDigest.matches("sha-256=:" + digest + ":", new byte[0])).isFalse();
    assertThat(ContentDigest.matches(null, BODY)).isFalse();
    assertThat(ContentDigest.matches("sha-512=:" + digest + ":", BODY)).isFalse();
    assertThat(ContentDigest.matches("sha-256=" + digest, BODY)).isFalse();
  }

  @Test
  void emptyBody_digestIsSha256OfNothing() throws Exception {
    assertThat(ContentDigest.sha256(new byte[0]))
        .isEqualTo(java.security.MessageDigest.getInstance("SHA-256").digest(new byte[0]));
    assertThat(ContentDigest.matches("sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:", new byte[0])).isTrue();
    assertThat(ContentDigest.matches("sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:", new byte[1])).isFalse();
  }
}
