package dev.shuqiao.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/** Three departments under one city root, with sealers and openers wired for tests. */
final class Parties {

  static final byte[] PAYLOAD = "{\"出生医学证明编号\":\"Q450200123\"}".getBytes(StandardCharsets.UTF_8);

  final TestPki pki;
  final DepartmentIdentity health;
  final DepartmentIdentity police;
  final DepartmentIdentity insurance;
  final SecureRandom random;

  Parties(KeyAlgorithm algorithm) {
    this(algorithm, new SecureRandom());
  }

  Parties(KeyAlgorithm algorithm, SecureRandom random) {
    this.random = random;
    this.pki = new TestPki(algorithm, random);
    this.health = pki.department(algorithm, "柳州市卫生健康委员会", "11450200MB153377");
    this.police = pki.department(algorithm, "柳州市公安局", "11450200MB153378");
    this.insurance = pki.department(algorithm, "柳州市医疗保障局", "11450200MB153379");
  }

  EnvelopeSealer sealer(DepartmentIdentity identity) {
    return EnvelopeSealer.builder().identity(identity).clock(TestPki.CLOCK).random(random).build();
  }

  EnvelopeOpener opener(DepartmentIdentity identity) {
    return opener(identity, pki.trust(), TestPki.CLOCK);
  }

  EnvelopeOpener opener(DepartmentIdentity identity, TrustStore trust, Clock clock) {
    return EnvelopeOpener.builder().addIdentity(identity).trustStore(trust).clock(clock)
        .replayGuard(ReplayGuard.builder().window(Duration.ofMinutes(5)).clock(clock).build()).build();
  }

  EnvelopeContent.Builder content() {
    return EnvelopeContent.builder()
        .resourceCode("1 01 001/000123")
        .contentType("application/json")
        .grantId("GRANT-2026-0042")
        .caseId("BIRTH-450200-000017")
        .payload(PAYLOAD);
  }

  SealedEnvelope healthToPolice() {
    return sealer(health).seal(content().addRecipient(police.certificate()).build());
  }
}
