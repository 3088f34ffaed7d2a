package dev.shuqiao.hub;

import static dev.shuqiao.hub.ExchangeWorld.ADDRESS;
import static dev.shuqiao.hub.ExchangeWorld.BIRTH;
import static dev.shuqiao.hub.ExchangeWorld.BIRTH_OPEN;
import static dev.shuqiao.hub.ExchangeWorld.BIRTH_SECRET;
import static dev.shuqiao.hub.ExchangeWorld.CERTIFICATE;
import static dev.shuqiao.hub.ExchangeWorld.CITIZEN;
import static dev.shuqiao.hub.ExchangeWorld.CITIZEN_NAME;
import static dev.shuqiao.hub.ExchangeWorld.EMPLOYER;
import static dev.shuqiao.hub.ExchangeWorld.GRANTED;
import static dev.shuqiao.hub.ExchangeWorld.HOUSEHOLD;
import static dev.shuqiao.hub.ExchangeWorld.INSURED;
import static dev.shuqiao.hub.ExchangeWorld.INSURED_ID;
import static dev.shuqiao.hub.ExchangeWorld.MOTHER_ID;
import static dev.shuqiao.hub.ExchangeWorld.NEWBORN;
import static dev.shuqiao.hub.ExchangeWorld.SUBJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shuqiao.audit.AuditAction;
import dev.shuqiao.audit.AuditEvent;
import dev.shuqiao.audit.AuditLog;
import dev.shuqiao.audit.ExchangeAuditCheck;
import dev.shuqiao.audit.ExchangeAuditReport;
import dev.shuqiao.client.ExchangeRefusedException;
import dev.shuqiao.client.ExchangeRequest;
import dev.shuqiao.client.ExchangeResponse;
import dev.shuqiao.crypto.KeyAlgorithm;
import dev.shuqiao.provider.Item;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exchange channel end to end over real sockets (docs/exchange.md): one hub, three department
 * apps with their own identities, audit logs and embedded providers (two on Jetty, one connected
 * out to the hub), the real client, hub and provider. Run in the GM suite ({@link
 * ExchangeEndToEndGmIT}) and the INTL suite ({@link ExchangeEndToEndIntlIT}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ExchangeEndToEndContract {

  ExchangeWorld world;

  abstract KeyAlgorithm algorithm();

  @BeforeAll
  void start() throws Exception {
    world = new ExchangeWorld(algorithm(), true, Duration.ofSeconds(10));
  }

  @AfterAll
  void stop() throws Exception {
    if (world != null) {
      world.close();
    }
  }

  static ExchangeRequest.Builder request(String resource, List<String> items, String keyItem, String key) {
    return ExchangeRequest.builder().resourceCode(resource).items(items).parameter(keyItem, key).subject(SUBJECT)
        .purpose("出生一件事：户籍登记").caseId("BIRTH-450200-000017").timeout(Duration.ofSeconds(20));
  }

  static ExchangeRequest birth(List<String> items, String grantId) {
    ExchangeRequest.Builder b = request(BIRTH, items, "出生医学证明编号", CERTIFICATE);
    return grantId == null ? b.build() : b.grantId(grantId).build();
  }

  /** The consumer's class for the birth record, mapped with the provider annotation. */
  static final class Birth {
    @Item("出生医学证明编号")
    String number;
    @Item("新生儿姓名")
    String name;
    @Item("出生体重")
    Integer weight;
    @Item("母亲身份证号")
    String motherId;
  }

  // ------------------------------------------------------------------ deliveries

  @Test
  void unconditional_isDelivered_fromAPushProvider_withOnlyTheAskedItems() {
    ExchangeResponse response = world.police.client().exchange(request(BIRTH_OPEN, List.of("出生医学证明编号", "签发日期"),
        "出生医学证明编号", CERTIFICATE).build());

    assertThat(response.records()).singleElement().satisfies(r -> {
      assertThat(r.path("出生医学证明编号").asText()).isEqualTo(CERTIFICATE);
      assertThat(r.path("签发日期").asText()).isEqualTo("2026-11-30");
      assertThat(r.size()).as("the handler also returned the newborn's name, weight, remarks").isEqualTo(2);
    });
    assertThat(response.provider()).isEqualTo(world.health.code);
    assertThat(response.ticket().consumer()).isEqualTo(world.police.code);
    assertThat(response.ticket().hub()).isEqualTo(TestCity.code(world.hubIdentity));
  }

  @Test
  void unconditional_isDelivered_fromTheProviderConnectedOutToTheHub() {
    ExchangeResponse response = world.police.client().exchange(request(INSURED, List.of("公民身份号码", "参保状态"),
        "公民身份号码", INSURED_ID).build());

    assertThat(response.records()).singleElement().satisfies(r -> {
      assertThat(r.path("公民身份号码").asText()).isEqualTo(INSURED_ID);
      assertThat(r.path("参保状态").asText()).isEqualTo("正常参保");
      assertThat(r.has("参保单位")).isFalse();
    });
    assertThat(response.provider()).isEqualTo(world.insurance.code);
  }

  @Test
  void conditional_underTheGrant_deliversTheGrantedItems_withTheMaskedItemMasked() {
    ExchangeResponse response = world.police.client().exchangeAsync(birth(GRANTED, world.grantId)).join();

    JsonNode record = response.records().get(0);
    assertThat(record.path("出生医学证明编号").asText()).isEqualTo(CERTIFICATE);
    assertThat(record.path("出生体重").asInt()).isEqualTo(3250);
    assertThat(record.path("新生儿姓名").asText()).as("masking: name").isNotEqualTo(NEWBORN).startsWith("张").contains("*");
    assertThat(response.recordsAs(Birth.class)).singleElement().satisfies(b -> {
      assertThat(b.number).isEqualTo(CERTIFICATE);
      assertThat(b.weight).isEqualTo(3250);
      assertThat(b.motherId).as("outside the grant").isNull();
    });
    assertThat(response.ticket().grantId()).contains(world.grantId);
  }

  @Test
  void aMaskedItemOfAnotherProvider_isMaskedToo() {
    ExchangeResponse response = world.health.client().exchange(request(HOUSEHOLD, List.of("公民身份号码", "姓名"),
        "公民身份号码", CITIZEN).build());
    assertThat(response.records().get(0).path("姓名").asText()).isNotEqualTo(CITIZEN_NAME).startsWith("王");
  }

  @Test
  void anItemOutsideTheGrant_isNeverDelivered_theHubRefusesTheRequest() {
    int runs = world.health.handlerRuns.get();
    List<String> more = new ArrayList<>(GRANTED);
    more.add("母亲身份证号");

    assertThatThrownBy(() -> world.police.client().exchange(birth(more, world.grantId)))
        .isInstanceOfSatisfying(ExchangeRefusedException.class, e -> {
          assertThat(e.type()).isEqualTo("grant-items");
          assertThat(e.getMessage()).doesNotContain(MOTHER_ID);
        });
    assertThatThrownBy(() -> world.insurance.client().exchange(birth(GRANTED, null)))
        .isInstanceOfSatisfying(ExchangeRefusedException.class, e -> assertThat(e.type()).isEqualTo("grant-required"));
    assertThatThrownBy(() -> world.insurance.client().exchange(birth(GRANTED, world.grantId)))
        .isInstanceOfSatisfying(ExchangeRefusedException.class, e -> assertThat(e.type()).isEqualTo("grant-not-found"));
    assertThat(world.health.handlerRuns).hasValue(runs);
  }

  @Test
  void notShared_isRefused_andTheProviderNeverAsked() {
    int runs = world.health.handlerRuns.get();
    assertThatThrownBy(() -> world.police.client().exchange(request(BIRTH_SECRET, List.of("出生医学证明编号", "备注"),
        "出生医学证明编号", CERTIFICATE).build()))
        .isInstanceOfSatisfying(ExchangeRefusedException.class, e -> {
          assertThat(e.type()).isEqualTo("not-shared");
          assertThat(e.status()).isEqualTo(403);
        });
    assertThat(world.health.handlerRuns).hasValue(runs);
  }

  // ------------------------------------------------------------------ the hub never sees plaintext

  @Test
  void theHubNeverSeesPlaintext_notInWhatItReceivesRelaysStoresOrAudits() throws Exception {
    ExchangeResponse birth = world.police.client().exchange(birth(GRANTED, world.grantId));
    ExchangeResponse household = world.health.client().exchange(request(HOUSEHOLD, List.of("公民身份号码", "姓名", "户籍地址"),
        "公民身份号码", CITIZEN).build());
    ExchangeResponse insured = world.health.client().exchange(request(INSURED, List.of("公民身份号码", "参保单位"),
        "公民身份号码", INSURED_ID).build());
    String maskedNewborn = birth.records().get(0).path("新生儿姓名").asText();
    String maskedCitizen = household.records().get(0).path("姓名").asText();
    assertThat(insured.records().get(0).path("参保单位").asText()).isEqualTo(EMPLOYER);
    List<String> secrets = List.of(CERTIFICATE, NEWBORN, maskedNewborn, MOTHER_ID, SUBJECT, CITIZEN, CITIZEN_NAME,
        maskedCitizen, ADDRESS, INSURED_ID, EMPLOYER);

    // What the hub received from consumers and pollers and sent back, and what it relayed to push providers.
    byte[] atHub = world.hubProxy.allBytes();
    byte[] relayed = concat(world.police.proxy().allBytes(), world.health.proxy().allBytes());
    assertThat(new String(atHub, StandardCharsets.UTF_8)).as("the capture works")
        .contains(birth.messageId().toString(), household.messageId().toString(), insured.messageId().toString(),
            "\"ticket\"");
    assertThat(world.hubProxy.carried).extracting(CapturingProxy.Carried::requestLine)
        .contains("POST /v1/exchanges/poll", "POST /v1/exchanges/" + insured.messageId() + "/reply");
    assertThat(new String(relayed, StandardCharsets.UTF_8)).contains("\"ticket\"", "\"request\"", "\"response\"");
    assertAbsent("bytes the hub received and answered", atHub, secrets);
    assertAbsent("bytes the hub relayed to providers and got back", relayed, secrets);

    // What it stores: every file under its data directory (database, audit log), and the database read back.
    assertAbsent("the hub's data directory", filesUnder(world.fixture.dataDirectory(0)), secrets);
    assertAbsent("the hub's database", databaseDump(world.fixture.databaseUrl(0)), secrets);
    StringBuilder audit = new StringBuilder();
    for (long i = 0; i < world.fixture.hub().auditEntries(); i++) {
      AuditEvent e = world.fixture.hub().auditEvent(i);
      audit.append(e).append(' ').append(e.messageId()).append(' ').append(e.caseId()).append(' ').append(e.grantId())
          .append(' ').append(e.subject()).append(' ').append(e.actor()).append('\n');
    }
    assertThat(audit).contains(birth.messageId().toString());
    assertAbsent("the hub's audit events", audit.toString().getBytes(StandardCharsets.UTF_8), secrets);
  }

  private static void assertAbsent(String where, byte[] haystack, List<String> secrets) {
    String text = new String(haystack, StandardCharsets.UTF_8);
    String latin = new String(haystack, StandardCharsets.ISO_8859_1);
    for (String secret : secrets) {
      assertThat(text).as(where + " must not hold " + secret).doesNotContain(secret);
      assertThat(latin).as(where + " must not hold " + secret + " JSON-escaped").doesNotContain(jsonEscaped(secret));
      assertThat(latin).as(where + " must not hold " + secret + " as UTF-16").doesNotContain(
          new String(secret.getBytes(StandardCharsets.UTF_16BE), StandardCharsets.ISO_8859_1));
    }
  }

  private static String jsonEscaped(String s) {
    StringBuilder out = new StringBuilder();
    s.chars().forEach(c -> out.append(c < 128 ? String.valueOf((char) c) : String.format("\\u%04x", c)));
    return out.toString();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] filesUnder(Path dir) throws Exception {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        all.writeBytes(Files.readAllBytes(file));
      }
    }
    assertThat(all.size()).isGreaterThan(0);
    return all.toByteArray();
  }

  /** Every value of every table of the hub's database, as text. */
  private static byte[] databaseDump(String url) throws Exception {
    StringBuilder out = new StringBuilder();
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rows = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
        while (rows.next()) {
          String schema = rows.getString("TABLE_SCHEM");
          if (!"INFORMATION_SCHEMA".equalsIgnoreCase(schema)) {
            tables.add("\"" + schema + "\".\"" + rows.getString("TABLE_NAME") + "\"");
          }
        }
      }
      assertThat(tables).isNotEmpty();
      for (String table : tables) {
        try (ResultSet rows = s.executeQuery("SELECT * FROM " + table)) {
          int columns = rows.getMetaData().getColumnCount();
          while (rows.next()) {
            for (int i = 1; i <= columns; i++) {
              Object value = rows.getObject(i);
              out.append(value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value).append('\t');
            }
            out.append('\n');
          }
        }
      }
    }
    assertThat(out).contains("DELIVERED");
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------------ the three audit logs

  @Test
  void theAuditLogsOfConsumerHubAndProvider_agree_andADeletedEntryIsReported(@TempDir Path copy) throws Exception {
    ExchangeResponse delivered = world.police.client().exchange(birth(GRANTED, world.grantId));
    world.police.client().exchange(request(INSURED, List.of("公民身份号码"), "公民身份号码", INSURED_ID).build());

    ExchangeAuditReport report = world.crossCheck();
    assertThat(report.discrepancies()).isEmpty();
    assertThat(report.notes()).isEmpty();
    assertThat(report.messageIds().get(ExchangeAuditCheck.HUB)).contains(delivered.messageId().toString());
    assertThat(report.messageIds().get(world.health.code)).contains(delivered.messageId().toString());
    assertThat(report.messageIds().get(world.police.code)).contains(delivered.messageId().toString());

    // The same log with the provider's exchange.deliver of one exchange left out.
    String id = delivered.messageId().toString();
    try (AuditLog forged = AuditLog.builder().directory(copy).origin("forged.example").open()) {
      for (long i = 0; i < world.health.audit.size(); i++) {
        AuditEvent event = world.health.audit.read(i);
        if (!(event.action() == AuditAction.EXCHANGE_DELIVER && event.messageId().orElse("").equals(id))) {
          forged.append(event);
        }
      }
    }
    ExchangeAuditReport tampered = ExchangeAuditCheck.builder().hub(world.hubAuditDirectory())
        .department(world.police.code, world.police.auditDirectory).department(world.health.code, copy)
        .department(world.insurance.code, world.insurance.auditDirectory).build().run();
    assertThat(tampered.discrepancies()).singleElement().satisfies(d -> {
      assertThat(d.messageId()).isEqualTo(id);
      assertThat(d.side()).isEqualTo(world.health.code);
      assertThat(d.role()).isEqualTo("provider");
      assertThat(d.kind()).isEqualTo(ExchangeAuditReport.Kind.OUTCOME);
    });
  }
}
