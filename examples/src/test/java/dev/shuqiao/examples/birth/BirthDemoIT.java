package dev.shuqiao.examples.birth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shuqiao.bundle.BundleResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The README's first command, run as CI runs it: the story completes and every check in it holds. */
class BirthDemoIT {

  @Test
  void theBirthDemoDeliversEveryStep_masksWhatTheCatalogMasks_andEveryAuditCheckPasses() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    DemoOutcome outcome = new BirthDemo(new PrintStream(buffer, true, StandardCharsets.UTF_8)).run();
    String output = buffer.toString(StandardCharsets.UTF_8);

    assertThat(outcome.failures()).as(output).isEmpty();
    assertThat(outcome.ok()).isTrue();
    assertThat(outcome.result().status()).isEqualTo(BundleResult.Status.COMPLETED);
    assertThat(outcome.result().steps()).extracting(BundleResult.StepOutcome::state)
        .containsOnly(BundleResult.StepState.DELIVERED).hasSize(4);
    // masked by the catalog: the newborn's name, ID number and card number never arrive in clear
    assertThat(outcome.result().step("birth-certificate").flatMap(s -> s.value("新生儿姓名"))).contains("李**");
    assertThat(outcome.result().step("household").flatMap(s -> s.value("公民身份号码")))
        .contains("450202********0019");
    assertThat(outcome.result().step("social-security-card").flatMap(s -> s.value("社保卡号")))
        .contains("45************0357");
    // an output of one step fed the next
    assertThat(outcome.result().step("medical-insurance").flatMap(s -> s.value("参保人员编号")))
        .contains("45020026120100017");
    assertThat(output).doesNotContain(BirthData.NEWBORN, BirthData.NEWBORN_ID, BirthData.MOTHER_ID,
        BirthData.CARD_NUMBER);

    assertThat(outcome.crossCheckedExchanges()).isEqualTo(4);
    assertThat(outcome.auditLogsVerified()).isEqualTo(6);
    assertThat(outcome.witnessedLogs()).isEqualTo(5);
    assertThat(outcome.receipts()).hasSize(4).allSatisfy(r -> assertThat(r).contains("DELIVERED", "6 proofs verified",
        BirthDemo.CASE_ID));
    assertThat(outcome.unavailable()).isEmpty();
    assertThat(output).contains("[10/10]", "✔ 出生一件事 demo completed");
  }
}
