package dev.shuqiao.hub;

import dev.shuqiao.audit.Actor;
import dev.shuqiao.audit.AuditLog;
import dev.shuqiao.audit.HmacSubjectPseudonymizer;
import dev.shuqiao.bundle.Application;
import dev.shuqiao.bundle.BundleDefinition;
import dev.shuqiao.bundle.BundleResult;
import dev.shuqiao.bundle.BundleRunner;
import dev.shuqiao.bundle.Consent;
import dev.shuqiao.client.ShuqiaoClient;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.Pem;
import dev.shuqiao.crypto.StorageKey;
import dev.shuqiao.crypto.TrustStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The service center's runner in a JVM of its own, for {@link BundleCrashHubIT}:
 * {@code run|resume <directory> <hub url> <case id>}; the directory holds {@code identity.p12},
 * {@code ca.pem}, {@code crl.pem}, {@code hub-exchange.pem} and {@code birth-bundle.yaml}. Prints one
 * {@code STEP <id> <state> <message id>} line per step and {@code RESULT <status>}.
 */
public final class BundleCrashChild {

  private BundleCrashChild() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Path dir = Path.of(args[1]);
    String caseId = args[3];
    DepartmentIdentity identity = DepartmentIdentity.fromPkcs12(Files.readAllBytes(dir.resolve("identity.p12")),
        "changeit".toCharArray());
    TrustStore trust = TrustStore.builder().addRoot(Pem.certificate(Files.readString(dir.resolve("ca.pem"))))
        .addCrl(Pem.crl(Files.readString(dir.resolve("crl.pem")))).build();
    try (AuditLog audit = AuditLog.builder().directory(dir.resolve("audit")).origin("audit.service-center.test").open()) {
      // the client records the consumer's exchange events in the same log as the runner's bundle.step events
      ShuqiaoClient client = ShuqiaoClient.builder().endpoint(args[2]).credential(identity).trustStore(trust)
          .addHubExchangeCertificate(Pem.certificate(Files.readString(dir.resolve("hub-exchange.pem"))))
          .subjectPseudonymizer(HmacSubjectPseudonymizer.withKey("service center pseudonym key, 32b"
              .getBytes(StandardCharsets.UTF_8)))
          .auditRecorder(audit).systemName("一件事联办系统").build();
      run(mode, dir, caseId, identity, client, audit);
    }
  }

  private static void run(String mode, Path dir, String caseId, DepartmentIdentity identity, ShuqiaoClient client,
      AuditLog audit) throws Exception {
    BundleDefinition birth = BundleDefinition.read(dir.resolve("birth-bundle.yaml"), BundleDefinition.hubLookup(client));
    try (BundleRunner runner = BundleRunner.builder().exchange(client).auditRecorder(audit)
            .actor(Actor.of(identity.department().creditCode().toString(), "一件事联办系统"))
            .journalDirectory(dir.resolve("cases")).journalKey(StorageKey.derive(identity, "bundle-journal")).build()) {
      BundleResult result;
      if (mode.equals("run")) {
        result = runner.run(birth, Application.builder(caseId).subject("450202202601010012")
            .formField("birthCertificateNumber", "Q450200123")
            .consent(Consent.builder().reference("CONSENT-" + caseId).grantedAt(Instant.now())
                .allowAll(birth.consentScope()).build())
            .build());
      } else {
        result = runner.resume(birth, caseId);
      }
      for (BundleResult.StepOutcome step : result.steps()) {
        System.out.println("STEP " + step.stepId() + " " + step.state() + " " + step.messageId().orElse(null)
            + step.reason().map(r -> " " + r).orElse(""));
      }
      System.out.println("RESULT " + result.status());
      System.out.flush();
    }
  }
}
