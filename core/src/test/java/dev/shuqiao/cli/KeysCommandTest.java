package dev.shuqiao.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.KeyAlgorithm;
import dev.shuqiao.crypto.Pem;
import dev.shuqiao.crypto.RevokedSenderException;
import dev.shuqiao.crypto.TrustStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysCommandTest {

  private static final String CITY = "11450200MB15337658";
  private static final String HEALTH = "124502009850456161";

  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return ShuqiaoCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void newCaRequestIssueAndCrl_giveAWorkingDepartmentIdentity() throws Exception {
    Path password = Files.writeString(dir.resolve("pw"), "city-root-password\n");
    String ca = dir.resolve("city").toString();
    String dept = dir.resolve("health").toString();
    assertThat(run("keys", "new-ca", "--name", "柳州市大数据发展局", "--credit-code", CITY, "--out", ca,
        "--password-file", password.toString())).as(err.toString()).isZero();
    assertThat(run("keys", "request", "--name", "柳州市卫生健康委员会", "--credit-code", HEALTH, "--out", dept,
        "--algorithm", "sm2")).as(err.toString()).isZero();
    assertThat(run("keys", "issue", "--ca", ca + ".p12", "--csr", dept + ".csr.pem", "--out", dept + ".crt.pem",
        "--password-file", password.toString())).as(err.toString()).isZero();

    DepartmentIdentity health = DepartmentIdentity.fromPem(Files.readString(Path.of(dept + ".key.pem")),
        Files.readString(Path.of(dept + ".crt.pem")));
    assertThat(health.keyAlgorithm()).isEqualTo(KeyAlgorithm.SM2);
    assertThat(Files.getPosixFilePermissions(Path.of(dept + ".key.pem"))).containsExactlyInAnyOrder(
        PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    String serial = health.certificate().getSerialNumber().toString(16);
    assertThat(run("keys", "crl", "--ca", ca + ".p12", "--out", dir.resolve("crl.pem").toString(), "--revoked", serial,
        "--password-file", password.toString())).as(err.toString()).isZero();
    TrustStore trust = TrustStore.builder().addRoot(Pem.certificate(Files.readString(Path.of(ca + ".crt.pem"))))
        .addCrl(Pem.crl(Files.readString(dir.resolve("crl.pem")))).build();
    Assertions.assertThatThrownBy(() -> trust.validate(health.certificate(), Instant.now().plusSeconds(1)))
        .isInstanceOf(RevokedSenderException.class);
  }

  @Test
  void newCa_refusesAnInvalidCreditCodeAndAMissingPassword_asUsageErrors() throws Exception {
    Path password = Files.writeString(dir.resolve("pw"), "city-root-password\n");
    assertThat(run("keys", "new-ca", "--name", "x", "--credit-code", "11450200MB1533765A", "--out", dir.resolve("a").toString(),
        "--password-file", password.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("check character");
    assertThat(run("keys", "new-ca", "--name", "x", "--credit-code", CITY, "--out", dir.resolve("b").toString(),
        "--password-file", Files.writeString(dir.resolve("short"), "short").toString())).isEqualTo(2);
    assertThat(Files.exists(dir.resolve("b.p12"))).isFalse();
  }

  @Test
  void request_neverOverwritesAnExistingKey() throws Exception {
    String dept = dir.resolve("health").toString();
    Files.writeString(Path.of(dept + ".key.pem"), "precious");
    assertThat(run("keys", "request", "--name", "甲", "--credit-code", HEALTH, "--out", dept)).isEqualTo(3);
    assertThat(Files.readString(Path.of(dept + ".key.pem"))).isEqualTo("precious");
  }

  @Test
  void help_listsTheKeysCommands() {
    assertThat(run("help")).isZero();
    assertThat(out.toString()).contains("keys new-ca", "keys request", "keys issue", "keys crl");
  }
}
