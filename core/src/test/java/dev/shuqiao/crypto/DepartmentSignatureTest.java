package dev.shuqiao.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shuqiao.catalog.CreditCode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jcajce.spec.SM2ParameterSpec;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DepartmentSignatureTest {

  private static final byte[] DATA = "\"@method\": POST\n\"@path\": /v1/grants".getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void sign_isVerifiedByTheDepartmentsCertificate_andByTheStandardAlgorithm(KeyAlgorithm algorithm) throws Exception {
    TestPki pki = new TestPki(algorithm);
    DepartmentIdentity health = pki.department(algorithm, "柳州市卫生健康委员会", "11450200MB153377");
    Department validated = pki.trust().validate(health.certificate(), TestPki.NOW);

    byte[] signature = health.sign(DATA);

    assertThatCode(() -> validated.verify(signature, DATA)).doesNotThrowAnyException();
    // The documented encoding, checked independently through the JCA names a partner would use.
    Signature jca = switch (algorithm) {
      case SM2 -> {
        Signature sm2 = Signature.getInstance("SM3withSM2", Providers.BC);
        sm2.setParameter(new SM2ParameterSpec("1234567812345678".getBytes(StandardCharsets.US_ASCII)));
        yield sm2;
      }
      case ED25519 -> Signature.getInstance("Ed25519", Providers.BC);
      case ECDSA_P256 -> Signature.getInstance("SHA256withPLAIN-ECDSA", Providers.BC);
    };
    jca.initVerify(health.certificate().getPublicKey());
    jca.update(DATA);
    assertThat(jca.verify(signature)).isTrue();
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void verify_rejectsChangedData_aChangedSignature_andAnotherDepartmentsSignature(KeyAlgorithm algorithm) {
    TestPki pki = new TestPki(algorithm);
    DepartmentIdentity health = pki.department(algorithm, "柳州市卫生健康委员会", "11450200MB153377");
    DepartmentIdentity police = pki.department(algorithm, "柳州市公安局", "11450200MB153378");
    byte[] signature = health.sign(DATA);

    byte[] changedData = DATA.clone();
    changedData[3] ^= 1;
    byte[] changedSignature = signature.clone();
    changedSignature[signature.length - 1] ^= 1;
    Department sender = health.department();

    assertThatThrownBy(() -> sender.verify(signature, changedData)).isExactlyInstanceOf(InvalidSignatureException.class);
    assertThatThrownBy(() -> sender.verify(changedSignature, DATA)).isExactlyInstanceOf(InvalidSignatureException.class);
    assertThatThrownBy(() -> sender.verify(police.sign(DATA), DATA)).isExactlyInstanceOf(InvalidSignatureException.class);
    assertThatThrownBy(() -> sender.verify(Arrays.copyOf(signature, signature.length + 1), DATA))
        .isExactlyInstanceOf(InvalidSignatureException.class);
    assertThatThrownBy(() -> sender.verify(new byte[0], DATA)).isExactlyInstanceOf(InvalidSignatureException.class);
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void theFailureMessage_namesTheDepartment_butNeitherDataNorSignature(KeyAlgorithm algorithm) {
    TestPki pki = new TestPki(algorithm);
    DepartmentIdentity health = pki.department(algorithm, "柳州市卫生健康委员会", "11450200MB153377");
    assertThatThrownBy(() -> health.department().verify(new byte[64], DATA))
        .hasMessageContaining("柳州市卫生健康委员会").message().doesNotContain("/v1/grants").doesNotContain("AAAA");
  }

  @Test
  void verify_failsClosedForACertificateWithAKeyTypeShuqiaoDoesNotAccept() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair rsa = generator.generateKeyPair();
    X500Name subject = Department.subject("柳州市卫生健康委员会", CreditCode.parse("11450200B153376699"));
    X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
        subject, BigInteger.ONE, Date.from(TestPki.NOW.minusSeconds(60)), Date.from(TestPki.NOW.plusSeconds(3600)),
        subject, rsa.getPublic()).build(new JcaContentSignerBuilder("SHA256withRSA").build(rsa.getPrivate())));
    Signature rsaSignature = Signature.getInstance("SHA256withRSA");
    rsaSignature.initSign(rsa.getPrivate());
    rsaSignature.update(DATA);
    byte[] signature = rsaSignature.sign();

    Department department = Department.of(certificate);

    assertThatThrownBy(() -> department.verify(signature, DATA)).isInstanceOf(InvalidSignatureException.class)
        .hasMessageContaining("key type");
  }
}
