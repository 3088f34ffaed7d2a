package dev.shuqiao.bundle;

import dev.shuqiao.audit.Actor;
import dev.shuqiao.audit.AuditLog;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The runner in a JVM of its own, for {@link BundleCrashIT}: {@code run|resume <hub url> <directory>
 * <case id>}. Prints {@code RESULT <status>} and one {@code STEP <id> <state> <message id>} line per step.
 */
public final class CrashingRunner {

  private CrashingRunner() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    URI hub = URI.create(args[1]);
    Path directory = Path.of(args[2]);
    String caseId = args[3];
    BundleDefinition birth = Fixtures.birth();
    try (AuditLog audit = AuditLog.builder().directory(directory.resolve("audit")).origin("audit.service-center.test")
        .open();
        BundleRunner runner = BundleRunner.builder().stepExchange(new HttpStepExchange(hub)).auditRecorder(audit)
            .actor(Actor.of("11450200B76543212A", "service-center")).journalDirectory(directory.resolve("cases")).journalKey(Fixtures.JOURNAL_KEY)
            .retryBackoff(Duration.ofMillis(10)).build()) {
      BundleResult result = mode.equals("run")
          ? runner.run(birth, BundleRunnerTest.application(caseId, birth))
          : runner.resume(birth, caseId);
      for (BundleResult.StepOutcome step : result.steps()) {
        System.out.println("STEP " + step.stepId() + " " + step.state() + " " + step.messageId().orElse(null));
      }
      System.out.println("RESULT " + result.status());
      System.out.flush();
    }
  }
}
