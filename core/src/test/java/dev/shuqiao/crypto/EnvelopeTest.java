package dev.shuqiao.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EnvelopeTest {

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void open_returnsPayloadHeaderAndSender_forEachKeyType(KeyAlgorithm algorithm) {
    Parties p = new Parties(algorithm);
    OpenedEnvelope opened = p.opener(p.police).open(p.healthToPolice().toBinary());
    assertThat(opened.payload()).isEqualTo(Parties.PAYLOAD);
    assertThat(opened.sender().creditCode()).isEqualTo(p.health.department().creditCode());
    assertThat(opened.header().suite()).isEqualTo(algorithm.suite());
    assertThat(opened.header().resourceCode()).isEqualTo("1 01 001/000123");
    assertThat(opened.header().contentType()).isEqualTo("application/json");
    assertThat(opened.header().grantId()).contains("GRANT-2026-0042");
    assertThat(opened.header().caseId()).contains("BIRTH-450200-000017");
    assertThat(opened.header().createdAt()).isEqualTo(TestPki.NOW);
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void jsonForm_opensToTheSamePayload_andConvertsToTheSameBinary(KeyAlgorithm algorithm) {
    Parties p = new Parties(algorithm);
    SealedEnvelope sealed = p.healthToPolice();
    SealedEnvelope fromJson = SealedEnvelope.fromJson(sealed.toJson());
    assertThat(fromJson.toBinary()).isEqualTo(sealed.toBinary());
    assertThat(p.opener(p.police).open(fromJson).payload()).isEqualTo(Parties.PAYLOAD);
  }

  @Test
  void everyRecipient_opensTheSameEnvelope() {
    Parties p = new Parties(KeyAlgorithm.SM2);
    byte[] wire = p.sealer(p.health).seal(p.content().addRecipient(p.police.certificate())
        .addRecipient(p.insurance.certificate()).build()).toBinary();
    assertThat(p.opener(p.police).open(wire).payload()).isEqualTo(Parties.PAYLOAD);
    assertThat(p.opener(p.insurance).open(wire).payload()).isEqualTo(Parties.PAYLOAD);
  }

  @Test
  void optionalIds_mayBeAbsent_andAnEmptyPayloadRoundTrips() {
    Parties p = new Parties(KeyAlgorithm.ED25519);
    SealedEnvelope sealed = p.sealer(p.health).seal(EnvelopeContent.builder().addRecipient(p.police.certificate())
        .resourceCode("R").contentType("text/plain").payload(new byte[0]).build());
    OpenedEnvelope opened = p.opener(p.police).open(SealedEnvelope.fromJson(sealed.toJson()));
    assertThat(opened.header().grantId()).isEmpty();
    assertThat(opened.header().caseId()).isEmpty();
    assertThat(opened.payload()).isEmpty();
  }

  @Test
  void seal_refusesARecipientOfTheOtherSuite_andADuplicateRecipient() {
    Parties gm = new Parties(KeyAlgorithm.SM2);
    Parties intl = new Parties(KeyAlgorithm.ECDSA_P256);
    assertThatThrownBy(() -> gm.sealer(gm.health).seal(gm.content().addRecipient(intl.police.certificate()).build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("suite");
    assertThatThrownBy(() -> gm.sealer(gm.health).seal(gm.content().addRecipient(gm.police.certificate())
        .addRecipient(gm.police.certificate()).build())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void seal_usesAFreshMessageIdAndNonceEachTime() {
    Parties p = new Parties(KeyAlgorithm.SM2);
    SealedEnvelope a = p.sealer(p.health).seal(p.content().addRecipient(p.police.certificate()).build());
    SealedEnvelope b = p.sealer(p.health).seal(p.content().addRecipient(p.police.certificate()).build());
    assertThat(a.messageId()).isNotEqualTo(b.messageId());
    assertThat(a.wire().nonce()).isNotEqualTo(b.wire().nonce());
  }

  @Test
  void messages_nameWhatFailedWithoutLeakingThePayload() {
    Parties p = new Parties(KeyAlgorithm.SM2);
    byte[] wire = p.healthToPolice().toBinary();
    wire[wire.length - 1] ^= 1;
    assertThatThrownBy(() -> p.opener(p.police).open(wire))
        .isExactlyInstanceOf(AuthenticationFailedException.class)
        .message().doesNotContain("Q450200123");
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void sealToBinary_opensInPlace_toAReadOnlyViewOfThePayload(KeyAlgorithm algorithm) {
    Parties p = new Parties(algorithm);
    byte[] payload = new byte[5 * 16 * 1024 + 123];  // several 16 KiB update chunks and a partial one
    new java.util.Random(7).nextBytes(payload);
    byte[] wire = p.sealer(p.health).sealToBinary(p.content().addRecipient(p.police.certificate())
        .payload(payload).build());
    byte[] received = wire.clone();

    OpenedEnvelope opened = p.opener(p.police).open(wire);

    assertThat(wire).as("open reads the bytes in place and leaves them alone").isEqualTo(received);
    java.nio.ByteBuffer view = opened.payloadBuffer();
    assertThat(view.isReadOnly()).isTrue();
    byte[] viewed = new byte[view.remaining()];
    view.get(viewed);
    assertThat(viewed).isEqualTo(payload);
    assertThat(opened.payload()).isEqualTo(payload);
    assertThat(SealedEnvelope.fromBinary(wire).toBinary()).isEqualTo(wire);
  }

  @Test
  void fromBinary_keepsItsOwnCopy_soLaterChangesToTheInputDoNotReachIt() {
    Parties p = new Parties(KeyAlgorithm.ED25519);
    byte[] wire = p.healthToPolice().toBinary();
    SealedEnvelope parsed = SealedEnvelope.fromBinary(wire);
    wire[wire.length - 1] ^= 1;
    assertThat(p.opener(p.police).open(parsed).payload()).isEqualTo(Parties.PAYLOAD);
    assertThatThrownBy(() -> p.opener(p.police).open(wire)).isExactlyInstanceOf(AuthenticationFailedException.class);
  }

  @Test
  void aPayloadChangedAfterSealing_doesNotChangeTheEnvelope() {
    Parties p = new Parties(KeyAlgorithm.ECDSA_P256);
    byte[] payload = Parties.PAYLOAD.clone();
    SealedEnvelope sealed = p.sealer(p.health).seal(p.content().addRecipient(p.police.certificate())
        .payload(payload).build());
    payload[0] ^= 1;
    assertThat(p.opener(p.police).open(sealed.toBinary()).payload()).isEqualTo(Parties.PAYLOAD);
  }
}
