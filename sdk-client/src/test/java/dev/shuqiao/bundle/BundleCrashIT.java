package dev.shuqiao.bundle;

import static dev.shuqiao.bundle.BundleRunnerTest.BIRTH;
import static dev.shuqiao.bundle.BundleRunnerTest.CARD;
import static dev.shuqiao.bundle.BundleRunnerTest.HOUSEHOLD;
import static dev.shuqiao.bundle.BundleRunnerTest.INSURANCE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the runner's JVM (SIGKILL through {@link Process#destroyForcibly()}) while two steps are in
 * flight at the providers, starts a new JVM that resumes the case, and checks that every step is
 * delivered exactly once: each provider handler ran once, and the resumed runner sent the identical
 * bytes under the same message ids (the hub stand-in refuses a reused id with other bytes). The hub
 * and providers are {@link FakeHub} in this JVM, reached over HTTP.
 */
class BundleCrashIT {

  private static final String CASE = "BIRTH-450200-000099";

  @TempDir Path dir;

  @Test
  void killingTheRunnerMidBundleThenResumingDeliversEveryStepExactlyOnce() throws Exception {
    CountDownLatch bothInFlight = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    Set<String> answeredIds = ConcurrentHashMap.newKeySet();
    FakeHub.Handler slow = (id, parameters) -> {
      bothInFlight.countDown();
      try {
        release.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      answeredIds.add(id);
      return List.of(FakeHub.record("参保人员编号", "YB2026000099", "社保卡号", "SB2026000099", "参保状态", "01"));
    };
    try (FakeHub hub = new FakeHub()) {
      hub.handle(BIRTH, (id, p) -> List.of(FakeHub.record("出生医学证明编号", p.get("出生医学证明编号"), "新生儿姓名", "张小宝")))
          .handle(HOUSEHOLD, (id, p) -> List.of(FakeHub.record("公民身份号码", "450202202601010099", "户号", "450200999")))
          .handle(INSURANCE, slow).handle(CARD, slow);
      URI url = hub.start();

      Process first = start("run", url, 1);
      assertThat(bothInFlight.await(60, TimeUnit.SECONDS)).as("both parallel steps reached their providers").isTrue();
      first.destroyForcibly();
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
      Path journalFile = CaseJournal.fileOf(dir.resolve("cases"), CASE);
      List<ObjectNode> journal = CaseJournal.readOnly(journalFile, CASE, Fixtures.JOURNAL_KEY);
      assertThat(journal).extracting(r -> r.path("t").asText() + " " + r.path("step").asText())
          .as("the kill left two steps prepared (sent) without an outcome")
          .contains("prepared medical-insurance", "prepared social-security-card")
          .doesNotContain("delivered medical-insurance", "delivered social-security-card");
      release.countDown(); // the providers answer the dead runner; the hub keeps the answers

      Process second = start("resume", url, 2);
      assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("resumed runner finished").isTrue();
      List<String> output = Files.readAllLines(dir.resolve("child-2.out"), StandardCharsets.UTF_8);

      assertThat(second.exitValue()).as(String.join("\n", output)).isZero();
      assertThat(output).contains("RESULT COMPLETED");
      assertThat(hub.deliveredTwice()).isEmpty();
      assertThat(List.of(hub.runs(BIRTH), hub.runs(HOUSEHOLD), hub.runs(INSURANCE), hub.runs(CARD)))
          .containsExactly(1, 1, 1, 1);
      assertThat(hub.replayed.get()).as("answers served from the hub's store").isGreaterThanOrEqualTo(2);
      List<String> resumedIds = new ArrayList<>();
      for (String line : output) {
        if (line.startsWith("STEP medical-insurance") || line.startsWith("STEP social-security-card")) {
          resumedIds.add(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
      assertThat(resumedIds).as("same message ids as before the kill").containsExactlyInAnyOrderElementsOf(answeredIds);
      // the journal held the subject, the form and the delivered records: none of it in clear on disk
      assertThat(CaseJournal.readOnly(journalFile, CASE, Fixtures.JOURNAL_KEY).toString())
          .contains("450202202601010012", "Q450200123", "450200999");
      String onDisk = new String(Files.readAllBytes(journalFile), StandardCharsets.ISO_8859_1);
      String onDiskUtf8 = new String(Files.readAllBytes(journalFile), StandardCharsets.UTF_8);
      assertThat(onDisk).doesNotContain("450202202601010012", "Q450200123", "450200999", "YB2026000099", "subject");
      assertThat(onDiskUtf8).doesNotContain("张小宝");
    }
  }

  private Process start(String mode, URI hub, int round) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), CrashingRunner.class.getName(),
        mode, hub.toString(), dir.toString(), CASE))
        .redirectOutput(dir.resolve("child-" + round + ".out").toFile())
        .redirectError(dir.resolve("child-" + round + ".err").toFile())
        .start();
  }
}
