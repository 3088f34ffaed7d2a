package dev.shuqiao.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shuqiao.audit.Actor;
import dev.shuqiao.audit.AuditAction;
import dev.shuqiao.audit.AuditEvent;
import dev.shuqiao.audit.AuditLog;
import dev.shuqiao.audit.AuditOutcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code shuqiao audit cross-check} as an auditor meets it. */
class AuditCrossCheckCommandTest {

  static final String POLICE = "11450200MB0000001A";
  static final String HEALTH = "11450200MB0000002B";

  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return ShuqiaoCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  /** Three delivered exchanges; the provider's log lacks {@code skip} if given. */
  private void writeLogs(String skip) {
    try (AuditLog hub = log("hub"); AuditLog police = log("police"); AuditLog health = log("health")) {
      for (String id : new String[] {"m-1", "m-2", "m-3"}) {
        for (AuditAction action : new AuditAction[] {AuditAction.EXCHANGE_REQUEST, AuditAction.EXCHANGE_DELIVER}) {
          AuditEvent event = AuditEvent.builder().actor(Actor.of(POLICE, "户籍系统")).action(action)
              .outcome(AuditOutcome.SUCCESS).resourceCode("1 01 003/000001").messageId(id)
              .timestamp(Instant.ofEpochSecond(1_790_000_000L)).build();
          hub.append(event);
          police.append(event);
          if (!id.equals(skip)) {
            health.append(event);
          }
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private AuditLog log(String name) {
    return AuditLog.builder().directory(dir.resolve(name)).origin(name + ".audit.example").open();
  }

  private String[] args(String... extra) {
    String[] base = {"audit", "cross-check", "--hub", dir.resolve("hub").toString(),
        "--department", POLICE + "=" + dir.resolve("police"), "--department", HEALTH + "=" + dir.resolve("health")};
    String[] all = java.util.Arrays.copyOf(base, base.length + extra.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return all;
  }

  @Test
  void crossCheck_agreeingLogs_printsTheCountsAndExitsZero() {
    writeLogs(null);
    assertThat(run(args())).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("exchange cross-check: OK")
        .contains("exchanges: 3").contains("hub: 3 exchange(s)").contains(HEALTH + ": 3 exchange(s)");
  }

  @Test
  void crossCheck_anEntryMissingAtTheProvider_isListedAndExitsOne() {
    writeLogs("m-2");
    assertThat(run(args())).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("DISCREPANCIES")
        .contains("MISSING m-2 on " + HEALTH + " (provider): lacks it: the hub issued a ticket for it");
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("1 discrepancy between the audit logs");
  }

  @Test
  void crossCheck_aStatedProviderWithSpacesInTheResourceCode_isTaken() {
    writeLogs(null);
    assertThat(run(args("--provider", "1 01 003/000001=" + HEALTH))).isZero();
  }

  @Test
  void crossCheck_wrongCommandLines_exitTwoWithTheUsage() {
    assertThat(run("audit", "cross-check", "--department", POLICE + "=" + dir)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--hub DIR").contains("usage: shuqiao audit cross-check");
    assertThat(run("audit", "cross-check", "--hub", dir.toString())).isEqualTo(2);
    assertThat(run("audit", "cross-check", "--hub", dir.toString(), "--department", dir.toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--department takes CODE=DIR");
  }

  @Test
  void crossCheck_aDirectoryThatIsNoLog_exitsThreeWithoutAStackTrace() throws Exception {
    writeLogs(null);
    Path empty = Files.createDirectory(dir.resolve("empty"));
    assertThat(run("audit", "cross-check", "--hub", empty.toString(), "--department", POLICE + "=" + dir.resolve("police")))
        .isEqualTo(3);
    assertThat(run("audit", "cross-check", "--hub", dir.resolve("absent").toString(), "--department",
        POLICE + "=" + dir.resolve("police"))).isEqualTo(3);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("no such directory").doesNotContain("\tat ");
  }
}
