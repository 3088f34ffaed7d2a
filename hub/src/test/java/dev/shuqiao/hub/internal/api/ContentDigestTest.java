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

  /** The scanner accepts what the regular expression it replaced found, over mutated headers. */
  @Test
  void matches_agreesWithTheFormerRegularExpression() {
    java.util.regex.Pattern former = java.util.regex.Pattern.compile(
        "(?:^|,)\\s*sha-256=:([A-Za-z0-9+/]{43}=):\\s*(?:,|$)");
    String good = "sha-256=:" + Base64.getEncoder().encodeToString(ContentDigest.sha256(BODY)) + ":";
    String[] seeds = {good, "sha-512=:AAAA:, " + good, good + " ,sha-512=:AAAA:", " \t" + good + "\r\n", "x, y ,"};
    String alphabet = ",: =\t\u00a0sha-256AZaz09+/";
    java.util.Random random = new java.util.Random(7);
    for (int n = 0; n < 20_000; n++) {
      StringBuilder header = new StringBuilder(seeds[random.nextInt(seeds.length)]);
      for (int e = random.nextInt(3); e > 0 && header.length() > 0; e--) {
        int at = random.nextInt(header.length());
        if (random.nextBoolean()) {
          header.deleteCharAt(at);
        } else {
          header.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      String h = header.toString();
      java.util.regex.Matcher m = former.matcher(h);
      boolean expected = m.find() && java.security.MessageDigest.isEqual(Base64.getDecoder().decode(m.group(1)),
          ContentDigest.sha256(BODY));
      assertThat(ContentDigest.matches(h, BODY)).as(h).isEqualTo(expected);
    }
  }
}
