package dev.shuqiao.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.util.io.pem.PemReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Private keys we write are standard PKCS#8 (RFC 5208 version 1, RFC 8410 for Ed25519) that OpenSSL
 * reads: {@code openssl pkey} must load them and derive the same public key as our certificate. The
 * OpenSSL cases are skipped, with the reason, only where no {@code openssl} binary is on the PATH.
 */
class PrivateKeyPemInteropTest {

  /** What Bouncy Castle wrote before: PKCS#8 version 2 with the public key, refused by OpenSSL 3.0. */
  private static final String OLD_V2_ED25519 = """
      -----BEGIN PRIVATE KEY-----
      MFECAQEwBQYDK2VwBCIEIJaOiWxDBXeJmrGns1/yniH4LmpVot3sSqdg96iljQna
      gSEArIH/8Ll3gXGlmo6M05qISy2ir7Skn1GwiK5BjA6G5AY=
      -----END PRIVATE KEY-----
      """;

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void exportedIdentityKey_isPkcs8Version1_withoutPublicKeyField(KeyAlgorithm algorithm) throws IOException {
    DepartmentIdentity dept = new TestPki(algorithm).department(algorithm, "柳州市公安局", "11450200MB153378");
    ASN1Sequence info = ASN1Sequence.getInstance(der(dept.exportPrivateKeyPem()));
    assertThat(ASN1Integer.getInstance(info.getObjectAt(0)).intValueExact()).as("PKCS#8 version").isZero();
    assertThat(info.size()).as("version, algorithm, private key; no [1] public key").isEqualTo(3);
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void opensslPkey_readsTheIdentityKey_andDerivesTheCertificatesPublicKey(KeyAlgorithm algorithm) throws Exception {
    DepartmentIdentity dept = new TestPki(algorithm).department(algorithm, "柳州市公安局", "11450200MB153378");
    assertOpenSslReads(dept.exportPrivateKeyPem(), dept.certificate().getPublicKey().getEncoded());
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void opensslPkey_readsThePendingKeyOfAKeyRequest(KeyAlgorithm algorithm) throws Exception {
    TestPki pki = new TestPki(algorithm);
    KeyRequest request = KeyRequest.generate(algorithm, "柳州市医疗保障局", TestPki.code("11450200MB153379"));
    DepartmentIdentity completed = request.complete(pki.ca.issue(request.csrPem(), java.time.Duration.ofDays(30)));
    assertOpenSslReads(request.exportPrivateKeyPem(), completed.certificate().getPublicKey().getEncoded());
    // and we read our own export back into the same identity
    assertThat(DepartmentIdentity.fromPem(request.exportPrivateKeyPem(), Pem.encode(completed.certificate())).certificate())
        .isEqualTo(completed.certificate());
  }

  @Test
  void aKeyWrittenByOpenSsl_isReadBack_andReExportedIdentically() throws Exception {
    Path key = dir.resolve("openssl-ed25519.pem");
    ProcessResult generated = openssl("genpkey", "-algorithm", "ed25519", "-out", key.toString());
    assertThat(generated.exitCode).as(generated.output).isZero();
    String written = Files.readString(key, StandardCharsets.US_ASCII);
    java.security.PrivateKey parsed = Pem.privateKey(written);
    assertThat(der(Pem.encodePrivateKey(parsed))).isEqualTo(der(written));
  }

  @Test
  void anOlderVersion2Key_isStillRead_andRewrittenAsVersion1() throws IOException {
    java.security.PrivateKey key = Pem.privateKey(OLD_V2_ED25519);
    ASN1Sequence info = ASN1Sequence.getInstance(der(Pem.encodePrivateKey(key)));
    assertThat(info.size()).isEqualTo(3);
    assertThat(ASN1Integer.getInstance(info.getObjectAt(0)).intValueExact()).isZero();
  }

  private void assertOpenSslReads(String pem, byte[] expectedPublicKey) throws Exception {
    Path key = Files.writeString(dir.resolve("key.pem"), pem, StandardCharsets.US_ASCII);
    Path pub = dir.resolve("pub.der");
    ProcessResult result = openssl("pkey", "-in", key.toString(), "-pubout", "-outform", "DER", "-out", pub.toString());
    assertThat(result.exitCode).as("openssl pkey said: " + result.output).isZero();
    assertThat(Files.readAllBytes(pub)).as("public key derived by OpenSSL").isEqualTo(expectedPublicKey);
  }

  private static ProcessResult openssl(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      assumeThat(false).as("skipped: no openssl binary on the PATH (" + e.getMessage() + ")").isTrue();
      throw new AssertionError("unreachable");
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("openssl finished").isTrue();
    return new ProcessResult(process.exitValue(), output);
  }

  private record ProcessResult(int exitCode, String output) {}

  private static byte[] der(String pem) throws IOException {
    try (PemReader reader = new PemReader(new java.io.StringReader(pem))) {
      return reader.readPemObject().getContent();
    }
  }
}
