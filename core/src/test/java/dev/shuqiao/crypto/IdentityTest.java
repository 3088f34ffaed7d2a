package dev.shuqiao.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IdentityTest {

  private static final char[] PASSWORD = "correct horse battery staple".toCharArray();

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void pkcs12_roundTripsTheIdentity(KeyAlgorithm algorithm) {
    TestPki pki = new TestPki(algorithm);
    DepartmentIdentity dept = pki.department(algorithm, "柳州市卫生健康委员会", "11450200MB153377");
    DepartmentIdentity loaded = DepartmentIdentity.fromPkcs12(dept.toPkcs12(PASSWORD), PASSWORD);
    assertThat(loaded.certificate()).isEqualTo(dept.certificate());
    assertThat(loaded.keyAlgorithm()).isEqualTo(algorithm);
    assertThat(loaded.department().creditCode()).isEqualTo(dept.department().creditCode());
  }

  @Test
  void pkcs12_rejectsAWrongPassword_withoutEchoingIt() {
    TestPki pki = new TestPki(KeyAlgorithm.SM2);
    byte[] p12 = pki.department(KeyAlgorithm.SM2, "柳州市卫健委", "11450200MB153377").toPkcs12(PASSWORD);
    assertThatThrownBy(() -> DepartmentIdentity.fromPkcs12(p12, "Tr0ub4dor&3".toCharArray()))
        .isInstanceOf(IllegalArgumentException.class).message().doesNotContain("Tr0ub4dor");
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void pem_roundTripsTheIdentity(KeyAlgorithm algorithm) {
    TestPki pki = new TestPki(algorithm);
    DepartmentIdentity dept = pki.department(algorithm, "柳州市公安局", "11450200MB153378");
    String keyPem = dept.exportPrivateKeyPem();
    assertThat(keyPem).startsWith("-----BEGIN PRIVATE KEY-----");
    DepartmentIdentity loaded = DepartmentIdentity.fromPem(keyPem, Pem.encode(dept.certificate()));
    assertThat(loaded.certificate()).isEqualTo(dept.certificate());
  }

  @Test
  void fromPem_rejectsAKeyThatDoesNotMatchTheCertificate() {
    TestPki pki = new TestPki(KeyAlgorithm.SM2);
    DepartmentIdentity a = pki.department(KeyAlgorithm.SM2, "甲", "11450200MB153377");
    DepartmentIdentity b = pki.department(KeyAlgorithm.SM2, "乙", "11450200MB153378");
    assertThatThrownBy(() -> DepartmentIdentity.fromPem(a.exportPrivateKeyPem(), Pem.encode(b.certificate())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not match");
  }

  @Test
  void pem_roundTripsCertificatesAndCrls() {
    TestPki pki = new TestPki(KeyAlgorithm.SM2);
    DepartmentIdentity dept = pki.department(KeyAlgorithm.SM2, "甲", "11450200MB153377");
    String bundle = Pem.encode(pki.ca.certificate()) + Pem.encode(dept.certificate());
    assertThat(Pem.certificates(bundle)).containsExactly(pki.ca.certificate(), dept.certificate());
    var crl = pki.ca.crl(List.of(BigInteger.TEN), Duration.ofDays(1));
    assertThat(Pem.crl(Pem.encode(crl)).getRevokedCertificate(BigInteger.TEN)).isNotNull();
    assertThatThrownBy(() -> Pem.certificate(bundle)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sm2Certificates_areSignedWithSm3WithSm2() {
    TestPki pki = new TestPki(KeyAlgorithm.SM2);
    DepartmentIdentity dept = pki.department(KeyAlgorithm.SM2, "甲", "11450200MB153377");
    assertThat(dept.certificate().getSigAlgOID()).isEqualTo("1.2.156.10197.1.501");
    assertThat(dept.certificate().getBasicConstraints()).isEqualTo(-1);
    assertThat(pki.ca.certificate().getBasicConstraints()).isZero();
  }

  @Test
  void issue_rejectsARequestWhoseSignatureWasTampered() {
    TestPki pki = new TestPki(KeyAlgorithm.SM2);
    KeyRequest request = KeyRequest.generate(KeyAlgorithm.SM2, "甲", TestPki.code("11450200MB153377"));
    KeyRequest other = KeyRequest.generate(KeyAlgorithm.SM2, "乙", TestPki.code("11450200MB153378"));
    // Splice the first request's body under the second one's signature.
    var a = Pem.csr(request.csrPem()).toASN1Structure();
    var b = Pem.csr(other.csrPem()).toASN1Structure();
    var forged = new org.bouncycastle.pkcs.PKCS10CertificationRequest(new org.bouncycastle.asn1.pkcs.CertificationRequest(
        a.getCertificationRequestInfo(), b.getSignatureAlgorithm(), b.getSignature()));
    String forgedPem = Pem.encodeObject(forged);
    assertThatThrownBy(() -> pki.ca.issue(forgedPem, Duration.ofDays(1))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void complete_rejectsACertificateForAnotherKey() {
    TestPki pki = new TestPki(KeyAlgorithm.SM2);
    KeyRequest mine = KeyRequest.generate(KeyAlgorithm.SM2, "甲", TestPki.code("11450200MB153377"));
    KeyRequest theirs = KeyRequest.generate(KeyAlgorithm.SM2, "乙", TestPki.code("11450200MB153378"));
    var cert = pki.ca.issue(theirs.csrPem(), Duration.ofDays(1));
    assertThatThrownBy(() -> mine.complete(cert)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void caOf_rejectsADepartmentIdentity() {
    TestPki pki = new TestPki(KeyAlgorithm.SM2);
    DepartmentIdentity dept = pki.department(KeyAlgorithm.SM2, "甲", "11450200MB153377");
    assertThatThrownBy(() -> CertificateAuthority.of(dept)).isInstanceOf(IllegalArgumentException.class);
    assertThat(CertificateAuthority.of(DepartmentIdentity.fromPkcs12(pki.ca.identity().toPkcs12(PASSWORD), PASSWORD))
        .certificate()).isEqualTo(pki.ca.certificate());
  }
}
