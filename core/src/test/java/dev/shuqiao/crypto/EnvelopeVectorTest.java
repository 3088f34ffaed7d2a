package dev.shuqiao.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Golden envelopes in {@code src/test/resources/vectors/envelope/}, made from a deterministic random
 * stream and a fixed clock (both reachable only from tests). Each run regenerates them and compares
 * byte for byte, and opens the stored ones with the stored recipient key. To refresh after a
 * deliberate format change: {@code ./mvnw -pl core test -Dtest=EnvelopeVectorTest -Dshuqiao.writeVectors=true}.
 */
class EnvelopeVectorTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void storedVector_isReproducedByteForByte_andOpens(KeyAlgorithm algorithm) throws IOException {
    ObjectNode generated = generate(algorithm);
    String name = "envelope-v2-" + algorithm.name().toLowerCase(java.util.Locale.ROOT) + ".json";
    if (Boolean.getBoolean("shuqiao.writeVectors")) {
      Path dir = Path.of("src/test/resources/vectors/envelope");
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(name), generated.toPrettyString() + "\n");
    }
    JsonNode stored;
    try (InputStream in = getClass().getResourceAsStream("/vectors/envelope/" + name)) {
      assertThat(in).as("vector " + name).isNotNull();
      stored = JSON.readTree(in);
    }
    assertThat(generated).isEqualTo(stored);
    openStored(stored);
  }

  /** Version 1 is refused (its wrap had no salt, so it could not reuse ephemeral keys); nothing stored it. */
  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void aVersion1Envelope_isRefusedAsMalformed_namingItsVersion(KeyAlgorithm algorithm) throws IOException {
    String name = "/vectors/envelope/v1-refused/envelope-v1-" + algorithm.name().toLowerCase(java.util.Locale.ROOT) + ".json";
    JsonNode stored;
    try (InputStream in = getClass().getResourceAsStream(name)) {
      assertThat(in).as("vector " + name).isNotNull();
      stored = JSON.readTree(in);
    }
    byte[] binary = HexFormat.of().parseHex(stored.get("binaryHex").asText());
    assertThatThrownBy(() -> SealedEnvelope.fromBinary(binary)).isExactlyInstanceOf(MalformedEnvelopeException.class)
        .hasMessageContaining("unsupported envelope version 1");
    assertThatThrownBy(() -> SealedEnvelope.fromJson(stored.get("json").toString()))
        .isExactlyInstanceOf(MalformedEnvelopeException.class).hasMessageContaining("unsupported envelope version 1");
  }

  private static ObjectNode generate(KeyAlgorithm algorithm) {
    Parties p = new Parties(algorithm, new TestRandom("shuqiao envelope vector v2 " + algorithm));
    SealedEnvelope sealed = p.healthToPolice();
    ObjectNode node = JSON.createObjectNode()
        .put("description", "health commission to public security, " + algorithm + " keys, suite " + algorithm.suite())
        .put("openAt", TestPki.NOW.toString())
        .put("rootCertificatePem", Pem.encode(p.pki.ca.certificate()))
        .put("crlPem", Pem.encode(p.pki.ca.crl(List.of(), Duration.ofDays(7))))
        .put("recipientPrivateKeyPem", p.police.exportPrivateKeyPem())
        .put("recipientCertificatePem", Pem.encode(p.police.certificate()))
        .put("payloadUtf8", new String(Parties.PAYLOAD, StandardCharsets.UTF_8))
        .put("binaryHex", HexFormat.of().formatHex(sealed.toBinary()));
    node.set("json", parse(sealed.toJson()));
    return node;
  }

  private static void openStored(JsonNode stored) {
    DepartmentIdentity police = DepartmentIdentity.fromPem(stored.get("recipientPrivateKeyPem").asText(),
        stored.get("recipientCertificatePem").asText());
    TrustStore trust = TrustStore.builder().addRoot(Pem.certificate(stored.get("rootCertificatePem").asText()))
        .addCrl(Pem.crl(stored.get("crlPem").asText())).build();
    for (SealedEnvelope sealed : List.of(SealedEnvelope.fromBinary(HexFormat.of().parseHex(stored.get("binaryHex").asText())),
        SealedEnvelope.fromJson(stored.get("json").toString()))) {
      OpenedEnvelope opened = EnvelopeOpener.builder().addIdentity(police).trustStore(trust).clock(TestPki.CLOCK)
          .replayGuard(ReplayGuard.builder().clock(TestPki.CLOCK).build()).build().open(sealed);
      assertThat(new String(opened.payload(), StandardCharsets.UTF_8)).isEqualTo(stored.get("payloadUtf8").asText());
      assertThat(opened.header().caseId()).contains("BIRTH-450200-000017");
    }
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
