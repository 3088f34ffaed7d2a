package dev.shuqiao.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shuqiao.catalog.CreditCode;
import dev.shuqiao.crypto.CertificateAuthority;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.KeyAlgorithm;
import dev.shuqiao.crypto.KeyRequest;
import dev.shuqiao.crypto.TrustStore;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExchangeTicketTest {

  private static final byte[] ENVELOPE = "SQEN\u0002 pretend query envelope bytes".getBytes(StandardCharsets.UTF_8);

  /** A city CA with the hub's exchange identity, for one key type. */
  private record City(CertificateAuthority ca, DepartmentIdentity hub, TrustStore trust) {
    static City of(KeyAlgorithm algorithm) {
      CertificateAuthority ca = CertificateAuthority.create(algorithm, "柳州市大数据发展局", code("11450200MB153376"),
          Duration.ofDays(3650));
      return new City(ca, issue(ca, algorithm, "柳州市政务数据交换中心", "11450200MB00000H"), ExchangeTicketTest.trust(ca, List.of()));
    }
  }

  private static DepartmentIdentity issue(CertificateAuthority ca, KeyAlgorithm algorithm, String name, String first16) {
    KeyRequest request = KeyRequest.generate(algorithm, name, code(first16));
    return request.complete(ca.issue(request.csrPem(), Duration.ofDays(365)));
  }

  private static TrustStore trust(CertificateAuthority ca, List<X509Certificate> revoked) {
    return TrustStore.builder().addRoot(ca.certificate())
        .addCrl(ca.crl(revoked.stream().map(X509Certificate::getSerialNumber).toList(), Duration.ofDays(7))).build();
  }

  /** A valid credit code: {@code first16} completed by its two check characters. */
  static CreditCode code(String first16) {
    return CreditCode.withCheckCharacters(first16);
  }

  private static ExchangeTicket.Builder ticket(DepartmentIdentity hub, Instant issuedAt) {
    return ExchangeTicket.builder()
        .hub(hub.department().creditCode().toString())
        .messageId(UUID.fromString("6494749b-1e72-4d15-b638-97f5967e5068"))
        .consumer("11450200B00000019F")
        .provider("11450200075623181Q")
        .resourceCode("1 01 003/000001")
        .items(List.of("出生医学证明编号", "新生儿姓名"))
        .grantId("8a0c3f8e-5d0f-4f57-a6c4-1f1d2b9e2f10")
        .purpose("出生一件事：户籍登记")
        .caseId("BIRTH-450200-000017")
        .requestDigest(ExchangeTicket.digestOf(hub.keyAlgorithm(), ENVELOPE))
        .issuedAt(issuedAt)
        .expiresAt(issuedAt.plusSeconds(60));
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void verify_returnsWhatTheHubSigned(KeyAlgorithm algorithm) {
    City city = City.of(algorithm);
    Instant now = Instant.now();
    ExchangeTicket issued = ticket(city.hub(), now).build();

    ExchangeTicket verified = ExchangeTicket.verify(issued.sign(city.hub()), List.of(city.hub().certificate()),
        city.trust(), now.plusSeconds(1));

    assertThat(verified).isEqualTo(issued);
    assertThat(verified.items()).containsExactly("出生医学证明编号", "新生儿姓名");
    assertThat(verified.grantId()).contains("8a0c3f8e-5d0f-4f57-a6c4-1f1d2b9e2f10");
    assertThat(verified.matchesRequest(ENVELOPE)).isTrue();
  }

  @Test
  void digestOf_namesSm3ForAnSm2HubAndSha256Otherwise() {
    assertThat(ExchangeTicket.digestOf(KeyAlgorithm.SM2, ENVELOPE)).startsWith("sm3:").hasSize(4 + 43);
    assertThat(ExchangeTicket.digestOf(KeyAlgorithm.ED25519, ENVELOPE)).startsWith("sha-256:").hasSize(8 + 43);
    // GB/T 32905-2016 example 1: SM3("abc") = 66c7f0f4 62eeedd9 …
    assertThat(ExchangeTicket.digestOf(KeyAlgorithm.SM2, "abc".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("sm3:Zsfw9GLu7dnR8tRr3BDk4kFnxIdc8veiKX2gK49LqOA");
  }

  @Test
  void matchesRequest_refusesAnyOtherEnvelopeBytes() {
    City city = City.of(KeyAlgorithm.ED25519);
    ExchangeTicket t = ticket(city.hub(), Instant.now()).build();
    for (int i = 0; i < ENVELOPE.length; i++) {
      byte[] flipped = ENVELOPE.clone();
      flipped[i] ^= 0x01;
      assertThat(t.matchesRequest(flipped)).as("flip at %d", i).isFalse();
    }
    assertThat(t.matchesRequest(java.util.Arrays.copyOf(ENVELOPE, ENVELOPE.length - 1))).isFalse();
  }

  @Test
  void verify_refusesATicketSignedByAnUnpinnedKeyOfTheSameCity() {
    City city = City.of(KeyAlgorithm.ED25519);
    DepartmentIdentity impostor = issue(city.ca(), KeyAlgorithm.ED25519, "冒充的交换中心", "11450200MB00000H");
    String forged = ticket(impostor, Instant.now()).build().sign(impostor);

    assertThatThrownBy(() -> ExchangeTicket.verify(forged, List.of(city.hub().certificate()), city.trust(), Instant.now()))
        .isInstanceOfSatisfying(TicketException.class, e -> assertThat(e.problemType()).isEqualTo("ticket-signature"));
  }

  @Test
  void verify_refusesAPinnedCertificateTheTrustStoreNoLongerValidates() {
    City city = City.of(KeyAlgorithm.ECDSA_P256);
    String ticket = ticket(city.hub(), Instant.now()).build().sign(city.hub());
    TrustStore revoked = trust(city.ca(), List.of(city.hub().certificate()));
    TrustStore otherCity = City.of(KeyAlgorithm.ECDSA_P256).trust();

    for (TrustStore trust : List.of(revoked, otherCity)) {
      assertThatThrownBy(() -> ExchangeTicket.verify(ticket, List.of(city.hub().certificate()), trust, Instant.now()))
          .isInstanceOfSatisfying(TicketException.class, e -> assertThat(e.problemType()).isEqualTo("ticket-signature"));
    }
  }

  @Test
  void verify_refusesATicketWhoseHubMemberNamesAnotherHub() {
    City city = City.of(KeyAlgorithm.ED25519);
    ExchangeTicket other = ticket(city.hub(), Instant.now()).hub("11450200MB0000002X").build();
    byte[] payload = TicketCodec.encode(other);
    String ticket = b64(payload) + "." + b64(city.hub().sign(TicketCodec.signedBytes(payload)));

    assertThatThrownBy(() -> ExchangeTicket.verify(ticket, List.of(city.hub().certificate()), city.trust(), Instant.now()))
        .isInstanceOfSatisfying(TicketException.class, e -> assertThat(e.problemType()).isEqualTo("ticket-signature"));
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void verify_refusesEveryFlippedByteOfPayloadAndSignature(KeyAlgorithm algorithm) {
    City city = City.of(algorithm);
    Instant now = Instant.now();
    String ticket = ticket(city.hub(), now).build().sign(city.hub());
    int dot = ticket.indexOf('.');
    byte[] payload = Base64.getUrlDecoder().decode(ticket.substring(0, dot));
    byte[] signature = Base64.getUrlDecoder().decode(ticket.substring(dot + 1));
    for (int i = 0; i < payload.length + signature.length; i += (algorithm == KeyAlgorithm.SM2 ? 7 : 3)) {
      byte[] p = payload.clone();
      byte[] s = signature.clone();
      if (i < p.length) {
        p[i] ^= 0x20;
      } else {
        s[i - p.length] ^= 0x01;
      }
      String altered = b64(p) + "." + b64(s);
      assertThatThrownBy(() -> ExchangeTicket.verify(altered, List.of(city.hub().certificate()), city.trust(), now))
          .as("byte %d", i).isInstanceOf(TicketException.class);
    }
  }

  @Test
  void verify_refusesAnExpiredTicketAndOneIssuedInTheFuture() {
    City city = City.of(KeyAlgorithm.ED25519);
    Instant issued = Instant.now().plus(Duration.ofHours(1)); // so that "30 s before" is inside the certificate's validity
    String ticket = ticket(city.hub(), issued).build().sign(city.hub());
    List<X509Certificate> pinned = List.of(city.hub().certificate());

    assertThat(ExchangeTicket.verify(ticket, pinned, city.trust(), issued.plusSeconds(59))).isNotNull();
    assertThatThrownBy(() -> ExchangeTicket.verify(ticket, pinned, city.trust(), issued.plusSeconds(60)))
        .isInstanceOfSatisfying(TicketException.class, e -> assertThat(e.problemType()).isEqualTo("ticket-expired"));
    assertThat(ExchangeTicket.verify(ticket, pinned, city.trust(), issued.minusSeconds(30))).isNotNull();
    assertThatThrownBy(() -> ExchangeTicket.verify(ticket, pinned, city.trust(), issued.minusSeconds(31)))
        .isInstanceOfSatisfying(TicketException.class, e -> assertThat(e.problemType()).isEqualTo("ticket-expired"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "abc", "a.b.c", "YQ==.YQ", "YQ.YQ==", "Y+8.YQ", "YR.YQ", "eyJ2IjoxfQ"})
  void parse_refusesTicketsThatAreNotTwoCanonicalBase64urlParts(String ticket) {
    assertThatThrownBy(() -> ExchangeTicket.parseUnverified(ticket))
        .isInstanceOfSatisfying(TicketException.class, e -> assertThat(e.problemType()).isEqualTo("ticket-malformed"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "[]", "null", "1", "{}", "{\"v\":1}",
      // a member replaced, duplicated, unknown, or something after the object
      "REPLACE\"v\":1|\"v\":2", "REPLACE\"v\":1|\"v\":\"1\"", "REPLACE\"v\":1|\"v\":1.0",
      "REPLACE\"v\":1|\"v\":1,\"v\":1", "REPLACE\"v\":1|\"v\":1,\"extra\":true", "APPEND ", "APPEND{}", "APPEND,",
      "REPLACE\"messageId\":\"6494749b|\"messageId\":\"6494749B", "REPLACE\"items\":[|\"items\":[1,",
      "REPLACE\"items\":[|\"items\":[\"新生儿姓名\",", "REPLACE\"issuedAt\":|\"issuedAt\":-",
      "REPLACE\"issuedAt\":|\"issuedAt\":99999999999999999999", "REPLACE\"purpose\":\"|\"purpose\":null,\"x\":\"",
      "REPLACE\"grantId\":\"8a0c3f8e-5d0f-4f57-a6c4-1f1d2b9e2f10\"|\"grantId\":\"\"",
      "REPLACE\"requestDigest\":\"|\"requestDigest\":\"md5:", "REPLACE\"expiresAt\":|\"expiresAt\":1,\"y\":"})
  void parse_refusesPayloadsThatAreNotExactlyTheTicketObject(String mutation) {
    City city = City.of(KeyAlgorithm.ED25519);
    String good = TicketCodec.encodeText(ticket(city.hub(), Instant.parse("2026-03-01T08:00:00Z")).build());
    String payload;
    if (mutation.startsWith("REPLACE")) {
      String[] parts = mutation.substring("REPLACE".length()).split("\\|", 2);
      assertThat(good).contains(parts[0]);
      payload = good.replaceFirst(java.util.regex.Pattern.quote(parts[0]), java.util.regex.Matcher.quoteReplacement(parts[1]));
    } else if (mutation.startsWith("APPEND")) {
      payload = good + mutation.substring("APPEND".length());
    } else {
      payload = mutation;
    }
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    String ticket = b64(bytes) + "." + b64(city.hub().sign(TicketCodec.signedBytes(bytes)));

    assertThatThrownBy(() -> ExchangeTicket.parseUnverified(ticket))
        .isInstanceOfSatisfying(TicketException.class, e -> assertThat(e.problemType()).isEqualTo("ticket-malformed"));
    assertThatThrownBy(() -> ExchangeTicket.verify(ticket, List.of(city.hub().certificate()), city.trust(), Instant.now()))
        .isInstanceOfSatisfying(TicketException.class, e -> assertThat(e.problemType()).isEqualTo("ticket-malformed"));
  }

  @Test
  void parse_acceptsMembersInAnyOrderAndNullOptionals() {
    City city = City.of(KeyAlgorithm.ED25519);
    ExchangeTicket t = ticket(city.hub(), Instant.parse("2026-03-01T08:00:00Z")).grantId(null).caseId(null).build();
    String text = TicketCodec.encodeText(t);
    String reordered = "{" + text.substring(text.indexOf("\"expiresAt\""), text.length() - 1) + ","
        + text.substring(1, text.indexOf(",\"expiresAt\"")) + "}";
    byte[] bytes = reordered.getBytes(StandardCharsets.UTF_8);

    ExchangeTicket parsed = ExchangeTicket.parseUnverified(b64(bytes) + "." + b64(new byte[] {1}));

    assertThat(parsed).isEqualTo(t);
    assertThat(parsed.grantId()).isEmpty();
    assertThat(parsed.caseId()).isEmpty();
  }

  @Test
  void build_refusesLifetimesOutsideTheRangeAndInvalidFields() {
    City city = City.of(KeyAlgorithm.ED25519);
    Instant now = Instant.now();
    assertThatThrownBy(() -> ticket(city.hub(), now).expiresAt(now).build()).hasMessageContaining("expires");
    assertThatThrownBy(() -> ticket(city.hub(), now).expiresAt(now.plus(Duration.ofMinutes(10)).plusMillis(1)).build())
        .hasMessageContaining("expires");
    assertThatThrownBy(() -> ticket(city.hub(), now).items(List.of()).build()).hasMessageContaining("items");
    assertThatThrownBy(() -> ticket(city.hub(), now).items(List.of("a", "a")).build()).hasMessageContaining("twice");
    assertThatThrownBy(() -> ticket(city.hub(), now).purpose(" ").build()).hasMessageContaining("purpose");
    assertThatThrownBy(() -> ticket(city.hub(), now).caseId("a\nb").build()).hasMessageContaining("control");
    assertThatThrownBy(() -> ticket(city.hub(), now).requestDigest("sha-256:abc").build()).hasMessageContaining("digest");
  }

  @Test
  void sign_refusesAnIdentityOtherThanTheNamedHub() {
    City city = City.of(KeyAlgorithm.ED25519);
    DepartmentIdentity other = issue(city.ca(), KeyAlgorithm.ED25519, "卫健委", "11450200MB00001A");
    ExchangeTicket t = ticket(city.hub(), Instant.now()).build();

    assertThatThrownBy(() -> t.sign(other)).isInstanceOf(IllegalArgumentException.class);
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
