package dev.shuqiao.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.CertificateEncodingException;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SealedEnvelopeHeaderTest {

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void clearHeader_readsWithoutOpening_andAgreesWithTheOpenedHeader(KeyAlgorithm algorithm)
      throws CertificateEncodingException {
    Parties p = new Parties(algorithm);
    SealedEnvelope sealed = SealedEnvelope.fromBinary(p.healthToPolice().toBinary());
    EnvelopeHeader opened = p.opener(p.police).open(sealed).header();

    assertThat(sealed.suite()).isEqualTo(algorithm.suite()).isEqualTo(opened.suite());
    assertThat(sealed.createdAt()).isEqualTo(TestPki.NOW).isEqualTo(opened.createdAt());
    assertThat(sealed.resourceCode()).isEqualTo("1 01 001/000123");
    assertThat(sealed.contentType()).isEqualTo("application/json");
    assertThat(sealed.grantId()).contains("GRANT-2026-0042").isEqualTo(opened.grantId());
    assertThat(sealed.caseId()).contains("BIRTH-450200-000017").isEqualTo(opened.caseId());
    assertThat(sealed.senderCertificateDer()).isEqualTo(p.health.certificate().getEncoded());
    assertThat(sealed.recipientKeyIds()).containsExactly(SealedEnvelope.recipientKeyId(p.police.certificate()));
  }

  @Test
  void recipientKeyIds_keepHeaderOrder_andNameNoOneElse() {
    Parties p = new Parties(KeyAlgorithm.ED25519);
    SealedEnvelope sealed = p.sealer(p.health).seal(p.content().addRecipient(p.insurance.certificate())
        .addRecipient(p.police.certificate()).build());
    assertThat(sealed.recipientKeyIds()).containsExactly(SealedEnvelope.recipientKeyId(p.insurance.certificate()),
        SealedEnvelope.recipientKeyId(p.police.certificate()));
    assertThat(sealed.recipientKeyIds()).doesNotContain(SealedEnvelope.recipientKeyId(p.health.certificate()));
  }

  @Test
  void recipientKeyId_isTheSuiteHashOfTheCertificate_sm3ForGm_sha256ForIntl() throws CertificateEncodingException {
    Parties gm = new Parties(KeyAlgorithm.SM2);
    Parties intl = new Parties(KeyAlgorithm.ECDSA_P256);
    byte[] gmDer = gm.police.certificate().getEncoded();
    byte[] intlDer = intl.police.certificate().getEncoded();
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    assertThat(SealedEnvelope.recipientKeyId(gm.police.certificate()))
        .isEqualTo(b64.encodeToString(Hashes.hash(Suite.GM, gmDer)))
        .isNotEqualTo(b64.encodeToString(Hashes.hash(Suite.INTL, gmDer)));
    assertThat(SealedEnvelope.recipientKeyId(intl.police.certificate()))
        .isEqualTo(b64.encodeToString(Hashes.hash(Suite.INTL, intlDer)))
        .hasSize(43);
  }

  @Test
  void absentOptionalIds_areEmpty_andTheCertificateIsACopy() {
    Parties p = new Parties(KeyAlgorithm.ED25519);
    SealedEnvelope sealed = p.sealer(p.health).seal(EnvelopeContent.builder().addRecipient(p.police.certificate())
        .resourceCode("R").contentType("text/plain").payload(new byte[0]).build());
    assertThat(sealed.grantId()).isEmpty();
    assertThat(sealed.caseId()).isEmpty();
    sealed.senderCertificateDer()[0] ^= 1;
    assertThat(sealed.senderCertificateDer()[0]).isEqualTo((byte) 0x30);
  }

  @Test
  void recipientKeyId_refusesNull() {
    assertThatThrownBy(() -> SealedEnvelope.recipientKeyId(null)).isInstanceOf(NullPointerException.class);
  }
}
