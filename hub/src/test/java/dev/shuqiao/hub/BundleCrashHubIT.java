package dev.shuqiao.hub;

import static dev.shuqiao.hub.BirthCity.BIRTH;
import static dev.shuqiao.hub.BirthCity.CARD;
import static dev.shuqiao.hub.BirthCity.HOUSEHOLD;
import static dev.shuqiao.hub.BirthCity.INSURANCE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shuqiao.audit.AuditAction;
import dev.shuqiao.audit.AuditEvent;
import dev.shuqiao.audit.AuditLog;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.KeyAlgorithm;
import dev.shuqiao.crypto.Pem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance test for bundles: the service center's runner runs in a JVM of its own
 * against the real hub and four real providers; it is killed with SIGKILL while two parallel steps
 * are at their providers, a new JVM resumes the case, and the case completes with every step
 * delivered exactly once — each provider handler ran once, and the hub delivered each message id once.
 */
class BundleCrashHubIT {

  private static final String CASE = "BIRTH-450200-000123";

  @TempDir Path dir;

  @Test
  void killingTheRunnersJvmMidBundleThenResumingDeliversEveryStepExactlyOnce() throws Exception {
    try (BirthCity city = new BirthCity()) {
      DepartmentIdentity serviceCenter = city.fixture.register("柳州市政务服务中心", KeyAlgorithm.SM2);
      Files.write(dir.resolve("identity.p12"), serviceCenter.toPkcs12("changeit".toCharArray()));
      Files.writeString(dir.resolve("ca.pem"), Pem.encode(city.city.ca.certificate()));
      Files.writeString(dir.resolve("crl.pem"), Pem.encode(city.city.ca.crl(List.of(), Duration.ofDays(2))));
      Files.writeString(dir.resolve("hub-exchange.pem"), Pem.encode(city.hubIdentity.certificate()));
      Files.writeString(dir.resolve("birth-bundle.yaml"), city.birthBundle());
      CountDownLatch bothAtProviders = new CountDownLatch(2);
      CountDownLatch release = new CountDownLatch(1);
      city.beforeAnswer = code -> {
        if (code.equals(INSURANCE) || code.equals(CARD)) {
          bothAtProviders.countDown();
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      };
      String hub = city.fixture.hub().uri().toString();

      Process first = start("run", hub, 1);
      assertThat(bothAtProviders.await(90, TimeUnit.SECONDS)).as("both parallel steps reached their providers: "
          + Files.readString(dir.resolve("child-1.err"))).isTrue();
      first.destroyForcibly();
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
      release.countDown(); // the providers answer; the hub keeps the answers for the dead runner

      Process second = start("resume", hub, 2);
      assertThat(second.waitFor(120, TimeUnit.SECONDS)).as("resumed runner finished").isTrue();
      List<String> output = Files.readAllLines(dir.resolve("child-2.out"), StandardCharsets.UTF_8);
      assertThat(second.exitValue()).as(String.join("\n", output) + Files.readString(dir.resolve("child-2.err")))
          .isZero();

      assertThat(output).contains("RESULT COMPLETED");
      assertThat(List.of(city.runs(BIRTH), city.runs(HOUSEHOLD), city.runs(INSURANCE), city.runs(CARD)))
          .as("provider handler runs").containsExactly(1, 1, 1, 1);
      List<String> delivered = new ArrayList<>();
      for (AuditEvent event : city.hubEvents()) {
        if (event.action() == AuditAction.EXCHANGE_DELIVER && event.caseId().filter(CASE::equals).isPresent()) {
          delivered.add(event.messageId().orElseThrow());
        }
      }
      List<String> stepIds = output.stream().filter(l -> l.startsWith("STEP ")).map(l -> l.split(" ")[3]).toList();
      assertThat(delivered).as("the hub delivered each step's message once").containsExactlyInAnyOrderElementsOf(stepIds);
      // the service center's own log: one exchange.request per message id, though two were sent twice
      List<String> requested = new ArrayList<>();
      try (AuditLog consumerLog = AuditLog.builder().directory(dir.resolve("audit")).origin("audit.service-center.test")
          .open()) {
        for (long i = 0; i < consumerLog.size(); i++) {
          AuditEvent event = consumerLog.read(i);
          if (event.action() == AuditAction.EXCHANGE_REQUEST) {
            requested.add(event.messageId().orElseThrow());
          }
        }
      }
      assertThat(requested).as("the consumer recorded each step's request once").containsExactlyInAnyOrderElementsOf(stepIds);
    }
  }

  private Process start(String mode, String hub, int round) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
        BundleCrashChild.class.getName(), mode, dir.toString(), hub, CASE))
        .redirectOutput(dir.resolve("child-" + round + ".out").toFile())
        .redirectError(dir.resolve("child-" + round + ".err").toFile())
        .start();
  }
}
