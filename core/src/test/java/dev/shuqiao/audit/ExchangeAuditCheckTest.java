package dev.shuqiao.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shuqiao.audit.ExchangeAuditReport.Discrepancy;
import dev.shuqiao.audit.ExchangeAuditReport.Kind;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExchangeAuditCheckTest {

  static final String POLICE = "11450200MB0000001A";
  static final String HEALTH = "11450200MB0000002B";
  static final String BIRTHS = "1 01 003/000001";

  @TempDir
  Path dir;

  private final List<AuditLog> open = new ArrayList<>();
  private AuditLog hub;
  private AuditLog police;
  private AuditLog health;

  private void openLogs() {
    hub = log("hub");
    police = log("police");
    health = log("health");
  }

  private AuditLog log(String name) {
    AuditLog log = AuditLog.builder().directory(dir.resolve(name)).origin(name + ".audit.example").open();
    open.add(log);
    return log;
  }

  @AfterEach
  void close() throws IOException {
    for (AuditLog log : open) {
      log.close();
    }
  }

  private static AuditEvent event(String id, AuditAction action, AuditOutcome outcome, String system) {
    return AuditEvent.builder().actor(Actor.of(POLICE, system)).action(action).outcome(outcome).resourceCode(BIRTHS)
        .caseId("BIRTH-450200-000017").messageId(id).timestamp(Instant.parse("2026-12-07T10:00:00Z")).build();
  }

  private static void record(AuditLog log, String id, AuditAction... actions) {
    for (AuditAction action : actions) {
      log.append(event(id, action, AuditOutcome.SUCCESS, "x"));
    }
  }

  private static void refuse(AuditLog log, String id, AuditOutcome outcome) {
    log.append(event(id, AuditAction.EXCHANGE_REFUSE, outcome, "x"));
  }

  /** A delivered exchange on all three sides. */
  private void delivered(String id) {
    record(police, id, AuditAction.EXCHANGE_REQUEST, AuditAction.EXCHANGE_DELIVER);
    record(hub, id, AuditAction.EXCHANGE_REQUEST, AuditAction.EXCHANGE_DELIVER);
    record(health, id, AuditAction.EXCHANGE_REQUEST, AuditAction.EXCHANGE_DELIVER);
  }

  private ExchangeAuditReport checkOpenLogs() throws IOException {
    return ExchangeAuditCheck.builder().hub(hub).department(POLICE, police).department(HEALTH, health).build().run();
  }

  private ExchangeAuditReport checkDirectories() throws IOException {
    return ExchangeAuditCheck.builder().hub(dir.resolve("hub")).department(POLICE, dir.resolve("police"))
        .department(HEALTH, dir.resolve("health")).build().run();
  }

  @Test
  void run_findsNothingWhenEverySideRecordedWhatTheProtocolMakesItRecord() throws IOException {
    openLogs();
    delivered("m-delivered");
    // refused by the provider: the hub issued a ticket, the provider refused
    record(police, "m-provider-refused", AuditAction.EXCHANGE_REQUEST);
    refuse(police, "m-provider-refused", AuditOutcome.DENIED);
    record(hub, "m-provider-refused", AuditAction.EXCHANGE_REQUEST);
    refuse(hub, "m-provider-refused", AuditOutcome.DENIED);
    refuse(health, "m-provider-refused", AuditOutcome.DENIED);
    // refused by the hub before any ticket (no grant): the provider never hears of it
    record(police, "m-no-grant", AuditAction.EXCHANGE_REQUEST);
    refuse(police, "m-no-grant", AuditOutcome.DENIED);
    refuse(hub, "m-no-grant", AuditOutcome.DENIED);
    // provider down: ticket issued, relay failed, nothing at the provider
    record(police, "m-provider-down", AuditAction.EXCHANGE_REQUEST);
    refuse(police, "m-provider-down", AuditOutcome.FAILED);
    record(hub, "m-provider-down", AuditAction.EXCHANGE_REQUEST);
    refuse(hub, "m-provider-down", AuditOutcome.FAILED);
    // the consumer could not reach the hub at all
    record(police, "m-hub-unreachable", AuditAction.EXCHANGE_REQUEST);
    refuse(police, "m-hub-unreachable", AuditOutcome.FAILED);
    // other audit records are not exchanges
    police.append(TestEvents.event(0).newBuilder().action(AuditAction.GRANT_APPLY).build());

    ExchangeAuditReport report = checkOpenLogs();

    assertThat(report.discrepancies()).isEmpty();
    assertThat(report.ok()).isTrue();
    assertThat(report.exchanges()).isEqualTo(5);
    assertThat(report.messageIds().get(ExchangeAuditCheck.HUB))
        .containsExactly("m-delivered", "m-provider-refused", "m-no-grant", "m-provider-down");
    assertThat(report.messageIds().get(HEALTH)).containsExactly("m-delivered", "m-provider-refused");
    assertThat(report.notes()).isEmpty();
  }

  @Test
  void run_reportsAnExchangeTheProviderLacksAfterItsEntriesWereLeftOut() throws IOException {
    openLogs();
    delivered("m-1");
    record(police, "m-2", AuditAction.EXCHANGE_REQUEST, AuditAction.EXCHANGE_DELIVER);
    record(hub, "m-2", AuditAction.EXCHANGE_REQUEST, AuditAction.EXCHANGE_DELIVER);
    delivered("m-3");

    ExchangeAuditReport report = checkOpenLogs();

    assertThat(report.discrepancies()).singleElement().satisfies(d -> {
      assertThat(d.messageId()).isEqualTo("m-2");
      assertThat(d.side()).isEqualTo(HEALTH);
      assertThat(d.role()).isEqualTo("provider");
      assertThat(d.kind()).isEqualTo(Kind.MISSING);
      assertThat(d.detail()).contains("the hub issued a ticket").contains("delivered");
    });
    assertThat(report.ok()).isFalse();
  }

  @Test
  void run_reportsAnExchangeTheConsumerLacks() throws IOException {
    openLogs();
    delivered("m-1");
    record(hub, "m-2", AuditAction.EXCHANGE_REQUEST, AuditAction.EXCHANGE_DELIVER);
    record(health, "m-2", AuditAction.EXCHANGE_REQUEST, AuditAction.EXCHANGE_DELIVER);

    assertThat(checkOpenLogs().discrepancies()).extracting(Discrepancy::messageId, Discrepancy::side, Discrepancy::kind)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("m-2", POLICE, Kind.MISSING));
  }

  @Test
  void run_reportsAProviderThatActedWithoutAHubTicket() throws IOException {
    openLogs();
    delivered("m-1");
    record(police, "m-forged", AuditAction.EXCHANGE_REQUEST, AuditAction.EXCHANGE_DELIVER);
    record(health, "m-forged", AuditAction.EXCHANGE_REQUEST, AuditAction.EXCHANGE_DELIVER);

    assertThat(checkOpenLogs().discrepancies()).extracting(Discrepancy::side, Discrepancy::kind).containsExactly(
        org.assertj.core.groups.Tuple.tuple(ExchangeAuditCheck.HUB, Kind.MISSING),
        org.assertj.core.groups.Tuple.tuple(HEALTH, Kind.UNEXPECTED));
  }

  @Test
  void run_reportsSidesWhoseFinalOutcomeDiffersFromTheHubs() throws IOException {
    openLogs();
    delivered("m-1");
    // the hub gave up on a slow provider, which delivered anyway
    record(police, "m-late", AuditAction.EXCHANGE_REQUEST);
    refuse(police, "m-late", AuditOutcome.FAILED);
    record(hub, "m-late", AuditAction.EXCHANGE_REQUEST);
    refuse(hub, "m-late", AuditOutcome.FAILED);
    record(health, "m-late", AuditAction.EXCHANGE_REQUEST, AuditAction.EXCHANGE_DELIVER);
    // the consumer says delivered, the hub says refused
    record(police, "m-odd", AuditAction.EXCHANGE_REQUEST, AuditAction.EXCHANGE_DELIVER);
    record(hub, "m-odd", AuditAction.EXCHANGE_REQUEST);
    refuse(hub, "m-odd", AuditOutcome.DENIED);
    refuse(health, "m-odd", AuditOutcome.DENIED);

    List<Discrepancy> found = checkOpenLogs().discrepancies();

    assertThat(found).extracting(Discrepancy::messageId, Discrepancy::side, Discrepancy::kind).containsExactly(
        org.assertj.core.groups.Tuple.tuple("m-late", HEALTH, Kind.OUTCOME),
        org.assertj.core.groups.Tuple.tuple("m-odd", POLICE, Kind.OUTCOME));
    assertThat(found.get(0).detail()).isEqualTo("recorded delivered but the hub recorded refused (failed)");
  }

  @Test
  void run_reportsARecordThatNamesAnotherCaseThanTheHub() throws IOException {
    openLogs();
    record(police, "m-1", AuditAction.EXCHANGE_REQUEST, AuditAction.EXCHANGE_DELIVER);
    record(hub, "m-1", AuditAction.EXCHANGE_REQUEST, AuditAction.EXCHANGE_DELIVER);
    health.append(event("m-1", AuditAction.EXCHANGE_REQUEST, AuditOutcome.SUCCESS, "x").newBuilder()
        .caseId("OTHER-CASE").build());
    record(health, "m-1", AuditAction.EXCHANGE_DELIVER);

    assertThat(checkOpenLogs().discrepancies()).singleElement().satisfies(d -> {
      assertThat(d.kind()).isEqualTo(Kind.FIELDS);
      assertThat(d.side()).isEqualTo(HEALTH);
      assertThat(d.detail()).isEqualTo("differs from the hub in case id");
    });
  }

  @Test
  void run_readsLogDirectoriesWhileTheyAreOpenElsewhereWithTheSameResult() throws IOException {
    openLogs();
    delivered("m-1");
    record(police, "m-2", AuditAction.EXCHANGE_REQUEST, AuditAction.EXCHANGE_DELIVER);
    record(hub, "m-2", AuditAction.EXCHANGE_REQUEST, AuditAction.EXCHANGE_DELIVER);

    ExchangeAuditReport fromDirectories = checkDirectories();

    assertThat(fromDirectories.discrepancies()).isEqualTo(checkOpenLogs().discrepancies()).hasSize(1);
    assertThat(fromDirectories.messageIds()).isEqualTo(checkOpenLogs().messageIds());
  }

  @Test
  void run_takesAStatedProviderWhenNoLogShowsIt() throws IOException {
    openLogs();
    record(police, "m-1", AuditAction.EXCHANGE_REQUEST, AuditAction.EXCHANGE_DELIVER);
    record(hub, "m-1", AuditAction.EXCHANGE_REQUEST, AuditAction.EXCHANGE_DELIVER);

    ExchangeAuditReport inferred = checkOpenLogs();
    assertThat(inferred.ok()).isTrue();
    assertThat(inferred.notes()).containsExactly("resource " + BIRTHS + ": provider unknown (no provider log holds"
        + " it and none was stated), provider side not checked");

    ExchangeAuditReport stated = ExchangeAuditCheck.builder().hub(hub).department(POLICE, police)
        .department(HEALTH, health).provider(BIRTHS, HEALTH).build().run();
    assertThat(stated.discrepancies()).extracting(Discrepancy::side, Discrepancy::kind)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(HEALTH, Kind.MISSING));
  }

  @Test
  void run_notesADepartmentWhoseLogWasNotGiven() throws IOException {
    openLogs();
    delivered("m-1");

    ExchangeAuditReport report = ExchangeAuditCheck.builder().hub(hub).department(HEALTH, health).build().run();

    assertThat(report.ok()).isTrue();
    assertThat(report.notes()).containsExactly("department " + POLICE + " takes part in exchanges but its log was not"
        + " given: its side is not checked");
    assertThat(report.messageIds().keySet()).isEqualTo(Set.of(ExchangeAuditCheck.HUB, HEALTH));
  }

  @Test
  void builder_refusesAMissingHubOrDepartmentAndADepartmentGivenTwice() {
    openLogs();
    assertThatThrownBy(() -> ExchangeAuditCheck.builder().hub(hub).build()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("at least one department");
    assertThatThrownBy(() -> ExchangeAuditCheck.builder().department(POLICE, police).department(POLICE, health))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("department " + POLICE + " is given twice");
    assertThatThrownBy(() -> ExchangeAuditCheck.builder().department("hub", police))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("credit code");
  }

  @Test
  void run_failsOnADirectoryThatIsNoAuditLog() {
    assertThatThrownBy(() -> ExchangeAuditCheck.builder().hub(dir.resolve("nothing"))
        .department(POLICE, dir.resolve("nothing-either")).build().run()).isInstanceOf(IOException.class);
  }
}
