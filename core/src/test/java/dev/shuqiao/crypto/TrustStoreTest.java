package dev.shuqiao.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TrustStoreTest {

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void validate_acceptsADepartmentIssuedByTheRoot_andNamesIt(KeyAlgorithm algorithm) {
    TestPki pki = new TestPki(algorithm);
    DepartmentIdentity health = pki.department(algorithm, "柳州市卫生健康委员会", "11450200MB153377");
    Department department = pki.trust().validate(health.certificate(), TestPki.NOW.plusSeconds(60));
    assertThat(department.name()).isEqualTo("柳州市卫生健康委员会");
    assertThat(department.creditCode()).isEqualTo(TestPki.code("11450200MB153377"));
    assertThat(department.keyAlgorithm()).isEqualTo(algorithm);
  }

  @Test
  void validate_acceptsAnSm2CaIssuingAnEd25519Department() {
    TestPki pki = new TestPki(KeyAlgorithm.SM2);
    DepartmentIdentity dept = pki.department(KeyAlgorithm.ED25519, "柳州市公安局", "11450200MB153378");
    assertThat(pki.trust().validate(dept.certificate(), TestPki.NOW).creditCode()).isEqualTo(dept.department().creditCode());
  }

  @Test
  void validate_rejectsACertificateFromAnotherRoot() {
    TestPki city = new TestPki(KeyAlgorithm.SM2);
    TestPki rogue = new TestPki(KeyAlgorithm.SM2);
    DepartmentIdentity impostor = rogue.department(KeyAlgorithm.SM2, "柳州市卫生健康委员会", "11450200MB153377");
    assertThatThrownBy(() -> city.trust().validate(impostor.certificate(), TestPki.NOW))
        .isExactlyInstanceOf(UntrustedSenderException.class);
  }

  @Test
  void validate_rejectsExpiredAndNotYetValidCertificates() {
    TestPki pki = new TestPki(KeyAlgorithm.SM2);
    DepartmentIdentity dept = pki.department(KeyAlgorithm.SM2, "柳州市医疗保障局", "11450200MB153379", Duration.ofDays(1));
    TrustStore trust = TrustStore.builder().addRoot(pki.ca.certificate()).revocationRequired(false).build();
    assertThatThrownBy(() -> trust.validate(dept.certificate(), TestPki.NOW.plus(Duration.ofDays(2))))
        .isExactlyInstanceOf(ExpiredSenderException.class);
    assertThatThrownBy(() -> trust.validate(dept.certificate(), TestPki.NOW.minusSeconds(1)))
        .isExactlyInstanceOf(ExpiredSenderException.class);
  }

  @Test
  void validate_rejectsARevokedCertificate_butAcceptsItsColleague() {
    TestPki pki = new TestPki(KeyAlgorithm.ECDSA_P256);
    DepartmentIdentity revoked = pki.department(KeyAlgorithm.ECDSA_P256, "柳州市人社局", "11450200MB15337A");
    DepartmentIdentity fine = pki.department(KeyAlgorithm.ECDSA_P256, "柳州市卫健委", "11450200MB15337B");
    TrustStore trust = pki.trust(List.of(revoked.certificate()));
    assertThatThrownBy(() -> trust.validate(revoked.certificate(), TestPki.NOW.plusSeconds(1)))
        .isExactlyInstanceOf(RevokedSenderException.class);
    assertThat(trust.validate(fine.certificate(), TestPki.NOW.plusSeconds(1)).name()).isEqualTo("柳州市卫健委");
  }

  @Test
  void validate_failsClosedWithoutACurrentCrl() {
    TestPki pki = new TestPki(KeyAlgorithm.SM2);
    DepartmentIdentity dept = pki.department(KeyAlgorithm.SM2, "柳州市民政局", "11450200MB15337C");
    TrustStore noCrl = TrustStore.builder().addRoot(pki.ca.certificate()).build();
    assertThatThrownBy(() -> noCrl.validate(dept.certificate(), TestPki.NOW))
        .isExactlyInstanceOf(UntrustedSenderException.class).hasMessageContaining("CRL");
    TrustStore staleCrl = pki.trust();
    assertThatThrownBy(() -> staleCrl.validate(dept.certificate(), TestPki.NOW.plus(Duration.ofDays(8))))
        .isExactlyInstanceOf(UntrustedSenderException.class);
  }

  @Test
  void validate_ignoresACrlSignedByAnotherRoot() {
    TestPki pki = new TestPki(KeyAlgorithm.SM2);
    TestPki other = new TestPki(KeyAlgorithm.SM2);
    DepartmentIdentity dept = pki.department(KeyAlgorithm.SM2, "柳州市民政局", "11450200MB15337C");
    TrustStore trust = TrustStore.builder().addRoot(pki.ca.certificate())
        .addCrl(other.ca.crl(List.of(), Duration.ofDays(7))).build();
    assertThatThrownBy(() -> trust.validate(dept.certificate(), TestPki.NOW))
        .isExactlyInstanceOf(UntrustedSenderException.class);
  }

  @Test
  void validate_rejectsTheCaCertificateItselfAsASender() {
    TestPki pki = new TestPki(KeyAlgorithm.SM2);
    assertThatThrownBy(() -> pki.trust().validate(pki.ca.certificate(), TestPki.NOW))
        .isExactlyInstanceOf(UntrustedSenderException.class);
  }

  @Test
  void addRoot_refusesAnEndEntityCertificate() {
    TestPki pki = new TestPki(KeyAlgorithm.SM2);
    DepartmentIdentity dept = pki.department(KeyAlgorithm.SM2, "柳州市民政局", "11450200MB15337C");
    assertThatThrownBy(() -> TrustStore.builder().addRoot(dept.certificate())).isInstanceOf(IllegalArgumentException.class);
  }
}
