package dev.shuqiao.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Paths through intermediate (district) CAs: root → district → department. */
class TrustChainTest {

  private final TestPki pki = new TestPki(KeyAlgorithm.SM2);
  private final CertificateAuthority district = pki.ca.issueIntermediate(KeyAlgorithm.SM2, "柳州市城中区数据局",
      TestPki.code("11450202MB153377"), Duration.ofDays(1000));
  private final DepartmentIdentity school = department(district, "城中区教育局", "11450202MB153378");

  private static DepartmentIdentity department(CertificateAuthority ca, String name, String first16) {
    KeyRequest request = KeyRequest.generate(KeyAlgorithm.SM2, name, TestPki.code(first16));
    return request.complete(ca.issue(request.csrPem(), Duration.ofDays(365)));
  }

  private TrustStore trust(List<BigInteger> revokedByRoot, CertificateAuthority... intermediates) {
    TrustStore.Builder builder = TrustStore.builder().addRoot(pki.ca.certificate())
        .addCrl(pki.ca.crl(revokedByRoot, Duration.ofDays(7)));
    for (CertificateAuthority ca : intermediates) {
      builder.addIntermediate(ca.certificate()).addCrl(ca.crl(List.of(), Duration.ofDays(7)));
    }
    return builder.build();
  }

  @Test
  void validate_acceptsADepartmentIssuedByAKnownIntermediate() {
    assertThat(trust(List.of(), district).validate(school.certificate(), TestPki.NOW).name()).isEqualTo("城中区教育局");
  }

  @Test
  void validate_rejectsThePathWhenTheIntermediateIsUnknown() {
    assertThatThrownBy(() -> trust(List.of()).validate(school.certificate(), TestPki.NOW))
        .isExactlyInstanceOf(UntrustedSenderException.class);
  }

  @Test
  void validate_rejectsADepartmentWhoseIntermediateTheRootRevoked() {
    TrustStore trust = trust(List.of(district.certificate().getSerialNumber()), district);
    assertThatThrownBy(() -> trust.validate(school.certificate(), TestPki.NOW.plusSeconds(1)))
        .isExactlyInstanceOf(RevokedSenderException.class);
  }

  @Test
  void validate_requiresTheIntermediatesOwnCrl() {
    TrustStore trust = TrustStore.builder().addRoot(pki.ca.certificate()).addCrl(pki.ca.crl(List.of(), Duration.ofDays(7)))
        .addIntermediate(district.certificate()).build();
    assertThatThrownBy(() -> trust.validate(school.certificate(), TestPki.NOW))
        .isExactlyInstanceOf(UntrustedSenderException.class).hasMessageContaining("CRL");
  }

  @Test
  void validate_rejectsACaBelowAnIntermediateThatMayNotIssueCas() {
    CertificateAuthority street = district.issueIntermediate(KeyAlgorithm.SM2, "某街道", TestPki.code("11450202MB153379"),
        Duration.ofDays(100));
    DepartmentIdentity office = department(street, "某街道办", "11450202MB15337A");
    assertThatThrownBy(() -> trust(List.of(), district, street).validate(office.certificate(), TestPki.NOW))
        .isExactlyInstanceOf(UntrustedSenderException.class);
  }

  @Test
  void addIntermediate_refusesAnEndEntityCertificate() {
    X509Certificate endEntity = school.certificate();
    assertThatThrownBy(() -> TrustStore.builder().addIntermediate(endEntity)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void envelope_fromADepartmentUnderAnIntermediate_opens() {
    DepartmentIdentity police = pki.department(KeyAlgorithm.SM2, "柳州市公安局", "11450200MB153378");
    byte[] wire = EnvelopeSealer.builder().identity(school).clock(TestPki.CLOCK).build()
        .seal(EnvelopeContent.builder().addRecipient(police.certificate()).resourceCode("R").contentType("t")
            .payload(new byte[] {7}).build()).toBinary();
    OpenedEnvelope opened = EnvelopeOpener.builder().addIdentity(police).trustStore(trust(List.of(), district))
        .clock(TestPki.CLOCK).replayGuard(ReplayGuard.builder().clock(TestPki.CLOCK).build()).build().open(wire);
    assertThat(opened.sender().name()).isEqualTo("城中区教育局");
  }
}
