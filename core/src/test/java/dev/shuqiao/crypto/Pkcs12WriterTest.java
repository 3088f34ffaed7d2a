package dev.shuqiao.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.EncryptedData;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.MacData;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagFactory;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Inspects the bytes {@link DepartmentIdentity#toPkcs12} writes, not only that they load again. */
class Pkcs12WriterTest {

  private static final char[] PASSWORD = "correct horse battery staple".toCharArray();
  private static DepartmentIdentity identity;
  private static byte[] p12;

  @BeforeAll
  static void saveOnce() {
    // Each save and load runs 600,000 + 2 x 300,000 hash iterations: share one file between the tests.
    TestPki pki = new TestPki(KeyAlgorithm.ECDSA_P256);
    identity = pki.department(KeyAlgorithm.ECDSA_P256, "柳州市卫生健康委员会", "11450200MB153377");
    p12 = identity.toPkcs12(PASSWORD);
  }

  @Test
  void macData_isHmacSha256_withASaltAndAtLeastTheKeysIterations() {
    MacData mac = Pfx.getInstance(p12).getMacData();
    assertThat(mac.getMac().getAlgorithmId().getAlgorithm()).as("MAC digest (not SHA-1)")
        .isEqualTo(NISTObjectIdentifiers.id_sha256);
    assertThat(mac.getIterationCount().intValueExact()).isEqualTo(Pkcs12Writer.MAC_ITERATIONS)
        .isGreaterThanOrEqualTo(Pkcs12Writer.KEY_ITERATIONS);
    assertThat(mac.getSalt()).hasSizeGreaterThanOrEqualTo(16);
    assertThat(mac.getMac().getDigest()).hasSize(32);
  }

  @Test
  void privateKey_isPbes2_withPbkdf2HmacSha256_andAes256Cbc() throws Exception {
    List<AlgorithmIdentifier> keyEncryptions = new ArrayList<>();
    List<AlgorithmIdentifier> dataEncryptions = new ArrayList<>();
    for (ContentInfo info : new PKCS12PfxPdu(p12).getContentInfos()) {
      if (info.getContentType().equals(PKCSObjectIdentifiers.encryptedData)) {
        dataEncryptions.add(EncryptedData.getInstance(info.getContent()).getEncryptionAlgorithm());
        continue;
      }
      for (PKCS12SafeBag bag : new PKCS12SafeBagFactory(info).getSafeBags()) {
        assertThat(bag.getType()).as("no unencrypted key bag").isNotEqualTo(PKCSObjectIdentifiers.keyBag);
        if (bag.getBagValue() instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
          keyEncryptions.add(encrypted.toASN1Structure().getEncryptionAlgorithm());
        }
      }
    }
    assertThat(keyEncryptions).hasSize(1);
    assertPbes2(keyEncryptions.get(0), NISTObjectIdentifiers.id_aes256_CBC);
    assertThat(dataEncryptions).hasSize(1);
    assertPbes2(dataEncryptions.get(0), NISTObjectIdentifiers.id_aes128_CBC);
  }

  @Test
  void theFile_loadsInTheJdksOwnPkcs12KeyStore_whichChecksTheMac() throws Exception {
    KeyStore jdk = KeyStore.getInstance("PKCS12", "SUN");
    jdk.load(new ByteArrayInputStream(p12), PASSWORD);
    String alias = jdk.aliases().nextElement();
    assertThat(jdk.getCertificate(alias)).isEqualTo(identity.certificate());
    assertThat(((PrivateKey) jdk.getKey(alias, PASSWORD)).getEncoded()).isEqualTo(identity.privateKey().getEncoded());
  }

  @Test
  void aFlippedByteInTheMac_isRefused() {
    byte[] tampered = p12.clone();
    tampered[tampered.length - 40] ^= 1;  // inside MacData: digest, salt or iteration count
    assertThatThrownBy(() -> DepartmentIdentity.fromPkcs12(tampered, PASSWORD)).isInstanceOf(IllegalArgumentException.class);
  }

  private static void assertPbes2(AlgorithmIdentifier algorithm, Object cipherOid) {
    assertThat(algorithm.getAlgorithm()).isEqualTo(PKCSObjectIdentifiers.id_PBES2);
    PBES2Parameters pbes2 = PBES2Parameters.getInstance(algorithm.getParameters());
    assertThat(pbes2.getKeyDerivationFunc().getAlgorithm()).isEqualTo(PKCSObjectIdentifiers.id_PBKDF2);
    PBKDF2Params kdf = PBKDF2Params.getInstance(pbes2.getKeyDerivationFunc().getParameters());
    assertThat(kdf.getPrf().getAlgorithm()).isEqualTo(PKCSObjectIdentifiers.id_hmacWithSHA256);
    assertThat(kdf.getIterationCount().intValueExact()).isEqualTo(Pkcs12Writer.KEY_ITERATIONS);
    EncryptionScheme scheme = pbes2.getEncryptionScheme();
    assertThat(scheme.getAlgorithm()).isEqualTo(cipherOid);
  }
}
