package dev.shuqiao.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every way of tampering with an envelope is refused, each with its own exception type. */
class EnvelopeTamperTest {

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void open_rejectsEverySingleFlippedByte(KeyAlgorithm algorithm) {
    Parties p = new Parties(algorithm);
    byte[] wire = p.sealer(p.health).seal(small(p)).toBinary();
    assertEveryFlipRejected(p.opener(p.police), wire);
  }

  @ParameterizedTest
  @EnumSource(value = KeyAlgorithm.class, names = {"ED25519", "ECDSA_P256"})
  void open_rejectsEverySingleFlippedByte_whenTheOpenerHoldsTheSharedEphemeralAgreement(KeyAlgorithm algorithm) {
    Parties p = new Parties(algorithm);
    EnvelopeSealer sealer = p.sealer(p.health);
    byte[] first = sealer.sealToBinary(small(p));
    byte[] wire = sealer.sealToBinary(small(p));
    EnvelopeOpener opener = p.opener(p.police);
    opener.open(first);  // caches d · E for the ephemeral key both envelopes share
    assertThat(p.police.unwrapKey().cachedAgreements()).isEqualTo(1);
    assertEveryFlipRejected(opener, wire);
    assertThat(p.police.unwrapKey().cachedAgreements()).as("no tampered ephemeral key is cached").isEqualTo(1);
  }

  private static EnvelopeContent small(Parties p) {
    return EnvelopeContent.builder().addRecipient(p.police.certificate()).resourceCode("R").contentType("t")
        .payload(new byte[] {42}).build();
  }

  private static void assertEveryFlipRejected(EnvelopeOpener opener, byte[] wire) {
    for (int i = 0; i < wire.length; i++) {
      for (int mask : new int[] {0x01, 0x80}) {
        byte[] tampered = wire.clone();
        tampered[i] ^= (byte) mask;
        int position = i;
        assertThatThrownBy(() -> opener.open(tampered)).as("byte %d of %d, mask %x", position, wire.length, mask)
            .isInstanceOf(EnvelopeException.class);
      }
    }
    assertThat(opener.open(wire).payload()).containsExactly(42);
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void open_rejectsEveryTruncation_asMalformed(KeyAlgorithm algorithm) {
    Parties p = new Parties(algorithm);
    byte[] wire = p.healthToPolice().toBinary();
    EnvelopeOpener opener = p.opener(p.police);
    for (int length = 0; length < wire.length; length++) {
      byte[] truncated = Arrays.copyOf(wire, length);
      assertThatThrownBy(() -> opener.open(truncated)).isExactlyInstanceOf(MalformedEnvelopeException.class);
    }
  }

  @Test
  void open_rejectsAppendedBytes_asMalformed() {
    Parties p = new Parties(KeyAlgorithm.SM2);
    byte[] wire = p.healthToPolice().toBinary();
    assertThatThrownBy(() -> p.opener(p.police).open(Arrays.copyOf(wire, wire.length + 1)))
        .isExactlyInstanceOf(MalformedEnvelopeException.class);
    String json = p.healthToPolice().toJson();
    assertThatThrownBy(() -> SealedEnvelope.fromJson(json.replace("\"nonce\"", "\"extra\":1,\"nonce\"")))
        .isExactlyInstanceOf(MalformedEnvelopeException.class);
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void open_rejectsSwappedRecipientBlocks_asAuthenticationFailure(KeyAlgorithm algorithm) {
    Parties p = new Parties(algorithm);
    WireEnvelope wire = p.sealer(p.health).seal(p.content().addRecipient(p.police.certificate())
        .addRecipient(p.insurance.certificate()).build()).wire();
    List<WireEnvelope.Recipient> swapped = new ArrayList<>(wire.recipients());
    java.util.Collections.swap(swapped, 0, 1);
    byte[] tampered = copy(wire, swapped, wire.ciphertextBytes()).toBinary();
    assertThatThrownBy(() -> p.opener(p.police).open(tampered)).isExactlyInstanceOf(AuthenticationFailedException.class);
    assertThatThrownBy(() -> p.opener(p.insurance).open(tampered)).isExactlyInstanceOf(AuthenticationFailedException.class);
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void open_rejectsAnEnvelopeReSignedByAnotherRecipient(KeyAlgorithm algorithm) throws Exception {
    Parties p = new Parties(algorithm);
    WireEnvelope wire = p.sealer(p.health).seal(p.content().addRecipient(p.police.certificate())
        .addRecipient(p.insurance.certificate()).build()).wire();
    // The insurance bureau, a co-recipient, decrypts and replaces the health commission's signature with its own.
    byte[] contentKey = EnvelopeOpener.unwrap(p.insurance, wire);
    byte[] header = wire.header();
    Aead aead = Aead.of(wire.suite());
    byte[] inner = aead.open(contentKey, wire.nonce(), header, wire.ciphertextBytes());
    byte[] payload = Arrays.copyOfRange(inner, 2 + ByteBuffer.wrap(inner).getShort(), inner.length);
    byte[] forged = Signatures.sign(algorithm, p.insurance.privateKey(), p.random, header, Hashes.hash(wire.suite(), payload));
    byte[] newInner = ByteBuffer.allocate(2 + forged.length + payload.length).putShort((short) forged.length)
        .put(forged).put(payload).array();
    byte[] tampered = copy(wire, wire.recipients(), aead.seal(contentKey, wire.nonce(), header, newInner)).toBinary();
    assertThatThrownBy(() -> p.opener(p.police).open(tampered)).isExactlyInstanceOf(InvalidSignatureException.class);
  }

  @Test
  void open_rejectsASenderWhoseCertificateHasExpired() {
    Parties p = new Parties(KeyAlgorithm.SM2);
    DepartmentIdentity shortLived = p.pki.department(KeyAlgorithm.SM2, "柳州市临时办", "11450200MB15337D", Duration.ofDays(1));
    Clock later = Clock.fixed(TestPki.NOW.plus(Duration.ofDays(2)), ZoneOffset.UTC);
    byte[] wire = EnvelopeSealer.builder().identity(shortLived).clock(later).build()
        .seal(p.content().addRecipient(p.police.certificate()).build()).toBinary();
    TrustStore trust = TrustStore.builder().addRoot(p.pki.ca.certificate()).revocationRequired(false).build();
    assertThatThrownBy(() -> p.opener(p.police, trust, later).open(wire)).isExactlyInstanceOf(ExpiredSenderException.class);
  }

  @Test
  void open_checksTheSendersValidityOnEveryEnvelope_evenOnceItsCertificateIsCached() {
    Parties p = new Parties(KeyAlgorithm.ECDSA_P256);
    DepartmentIdentity shortLived = p.pki.department(KeyAlgorithm.ECDSA_P256, "柳州市临时办", "11450200MB15337D",
        Duration.ofDays(1));
    MutableClock clock = new MutableClock(TestPki.NOW);
    EnvelopeOpener opener = p.opener(p.police, p.pki.trust(), clock);
    EnvelopeSealer sealer = EnvelopeSealer.builder().identity(shortLived).clock(clock).build();

    assertThat(opener.open(sealer.seal(p.content().addRecipient(p.police.certificate()).build()).toBinary())
        .sender().name()).isEqualTo("柳州市临时办");
    clock.now = TestPki.NOW.plus(Duration.ofDays(2));
    byte[] later = sealer.seal(p.content().addRecipient(p.police.certificate()).build()).toBinary();
    assertThatThrownBy(() -> opener.open(later)).isExactlyInstanceOf(ExpiredSenderException.class);
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void open_namesEachSenderByItsOwnCertificate_whenSendersAlternate(KeyAlgorithm algorithm) {
    Parties p = new Parties(algorithm);
    EnvelopeOpener opener = p.opener(p.police);
    for (int i = 0; i < 3; i++) {
      for (DepartmentIdentity sender : List.of(p.health, p.insurance)) {
        OpenedEnvelope opened = opener.open(p.sealer(sender).seal(p.content().addRecipient(p.police.certificate()).build())
            .toBinary());
        assertThat(opened.sender().certificate()).isEqualTo(sender.certificate());
      }
    }
  }

  @Test
  void open_rejectsASenderFromAnUntrustedCa() {
    Parties city = new Parties(KeyAlgorithm.SM2);
    TestPki rogue = new TestPki(KeyAlgorithm.SM2);
    DepartmentIdentity impostor = rogue.department(KeyAlgorithm.SM2, "柳州市卫生健康委员会", "11450200MB153377");
    byte[] wire = city.sealer(impostor).seal(city.content().addRecipient(city.police.certificate()).build()).toBinary();
    assertThatThrownBy(() -> city.opener(city.police).open(wire)).isExactlyInstanceOf(UntrustedSenderException.class);
  }

  @Test
  void open_rejectsARevokedSender() {
    Parties p = new Parties(KeyAlgorithm.ECDSA_P256);
    byte[] wire = p.healthToPolice().toBinary();
    TrustStore revoked = p.pki.trust(List.of(p.health.certificate()));
    assertThatThrownBy(() -> p.opener(p.police, revoked, TestPki.CLOCK).open(wire))
        .isExactlyInstanceOf(RevokedSenderException.class);
  }

  @Test
  void open_rejectsAReplay_andAnEnvelopeOutsideTheWindow() {
    Parties p = new Parties(KeyAlgorithm.SM2);
    byte[] wire = p.healthToPolice().toBinary();
    EnvelopeOpener opener = p.opener(p.police);
    opener.open(wire);
    assertThatThrownBy(() -> opener.open(wire)).isExactlyInstanceOf(ReplayException.class);
    Clock late = Clock.fixed(TestPki.NOW.plus(Duration.ofMinutes(6)), ZoneOffset.UTC);
    assertThatThrownBy(() -> p.opener(p.police, p.pki.trust(), late).open(p.healthToPolice().toBinary()))
        .isExactlyInstanceOf(ReplayException.class);
  }

  @Test
  void open_rejectsADowngradeToIntl_whenGmIsRequired() {
    Parties gm = new Parties(KeyAlgorithm.SM2);
    // The police hold a GM and an INTL identity, but their policy requires GM.
    DepartmentIdentity policeIntl = gm.pki.department(KeyAlgorithm.ED25519, "柳州市公安局", "11450200MB153378");
    DepartmentIdentity healthIntl = gm.pki.department(KeyAlgorithm.ED25519, "柳州市卫生健康委员会", "11450200MB153377");
    byte[] intlWire = gm.sealer(healthIntl).seal(gm.content().addRecipient(policeIntl.certificate()).build()).toBinary();
    EnvelopeOpener gmOnly = EnvelopeOpener.builder().addIdentity(gm.police).addIdentity(policeIntl)
        .trustStore(gm.pki.trust()).clock(TestPki.CLOCK).acceptSuites(Suite.GM)
        .replayGuard(ReplayGuard.builder().clock(TestPki.CLOCK).build()).build();
    assertThatThrownBy(() -> gmOnly.open(intlWire)).isExactlyInstanceOf(SuitePolicyException.class);
  }

  @Test
  void open_rejectsASuiteByteRelabelledUnderTheSendersKey() {
    Parties p = new Parties(KeyAlgorithm.SM2);
    byte[] wire = p.healthToPolice().toBinary();
    wire[5] = (byte) Suite.INTL.wireId();
    EnvelopeOpener both = EnvelopeOpener.builder().addIdentity(p.police).trustStore(p.pki.trust()).clock(TestPki.CLOCK)
        .acceptSuites(Suite.GM, Suite.INTL).replayGuard(ReplayGuard.builder().clock(TestPki.CLOCK).build()).build();
    assertThatThrownBy(() -> both.open(wire)).isExactlyInstanceOf(SuitePolicyException.class);
  }

  @Test
  void open_rejectsADepartmentThatIsNotARecipient() {
    Parties p = new Parties(KeyAlgorithm.SM2);
    assertThatThrownBy(() -> p.opener(p.insurance).open(p.healthToPolice().toBinary()))
        .isExactlyInstanceOf(NotARecipientException.class);
  }

  private static WireEnvelope copy(WireEnvelope w, List<WireEnvelope.Recipient> recipients, byte[] ciphertext) {
    return new WireEnvelope(w.suite(), w.messageId(), w.createdAtMillis(), w.senderCertificate(), w.resourceCode(),
        w.contentType(), w.grantId(), w.caseId(), recipients, w.nonce(), ciphertext);
  }
}
