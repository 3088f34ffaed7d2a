package dev.shuqiao.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shuqiao.audit.AuditAction;
import dev.shuqiao.audit.AuditEvent;
import dev.shuqiao.audit.AuditLog;
import dev.shuqiao.audit.HmacSubjectPseudonymizer;
import dev.shuqiao.client.DeliverOptions;
import dev.shuqiao.client.ExchangeProtocolException;
import dev.shuqiao.client.ForbiddenException;
import dev.shuqiao.client.NotFoundException;
import dev.shuqiao.client.RawRequests;
import dev.shuqiao.client.RetryOptions;
import dev.shuqiao.client.ShuqiaoClient;
import dev.shuqiao.client.ShuqiaoException;
import dev.shuqiao.client.model.CreateGrantOptions;
import dev.shuqiao.client.model.Delivery;
import dev.shuqiao.client.model.Grant;
import dev.shuqiao.client.model.MailboxEntry;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.KeyAlgorithm;
import dev.shuqiao.crypto.PseudonymKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mailbox deliveries over real sockets (docs/bulk.md): a provider's multi-MiB dataset sealed for
 * the consumer, uploaded in chunks through a proxy that can break connections, held by the hub
 * (ciphertext only) until the consumer downloads, opens and acknowledges it.
 */
class MailboxIT {

  private static final String BIRTHS = "1 01 007/000001";
  private static final String OPEN = "1 01 007/000002";
  private static final String SECRET = "1 01 007/000003";
  private static final List<String> ITEMS = List.of("证明编号", "出生体重");
  private static final int MIB = 1 << 20;
  private static final long QUOTA = 12L * MIB;

  @TempDir
  Path dir;

  private TestCity city;
  private HubFixture fixture;
  private CuttingProxy proxy;
  private DepartmentIdentity health;
  private DepartmentIdentity police;
  private DepartmentIdentity civil;
  private AuditLog healthAudit;
  private AuditLog policeAudit;
  private ShuqiaoClient healthClient;
  private ShuqiaoClient policeClient;
  private String grantId;

  @BeforeEach
  void city() throws Exception {
    city = new TestCity();
    fixture = HubFixture.h2(city, b -> b.mailboxLimits(32L * MIB, QUOTA));
    proxy = new CuttingProxy(fixture.hub().uri());
    health = fixture.register("柳州市卫生健康委员会", KeyAlgorithm.ED25519);
    police = fixture.register("柳州市公安局", KeyAlgorithm.ED25519);
    civil = fixture.register("柳州市民政局", KeyAlgorithm.ED25519);
    healthAudit = AuditLog.builder().directory(dir.resolve("health-audit")).origin("audit.health.example").open();
    policeAudit = AuditLog.builder().directory(dir.resolve("police-audit")).origin("audit.police.example").open();
    healthClient = client(health, healthAudit);
    policeClient = client(police, policeAudit);
    healthClient.createResources(Descriptors.catalog(Descriptors.conditional(BIRTHS, TestCity.code(health), "出生医学证明"),
        Descriptors.unconditional(OPEN, TestCity.code(health), "出生医学证明签发"),
        Descriptors.notShared(SECRET, TestCity.code(health), "出生医学证明底册")));
    Grant grant = policeClient.createGrant(new CreateGrantOptions(BIRTHS, ITEMS, "出生一件事：户籍登记", "《户口登记条例》第七条",
        Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(30))));
    healthClient.approveGrant(grant.id(), "同意");
    grantId = grant.id();
  }

  private ShuqiaoClient client(DepartmentIdentity identity, AuditLog audit) {
    return ShuqiaoClient.builder().endpoint(proxy.uri().toString()).credential(identity).trustStore(city.trust)
        .auditRecorder(audit).subjectPseudonymizer(HmacSubjectPseudonymizer.of(PseudonymKey.generate(identity.suite()),
            HmacSubjectPseudonymizer.DEFAULT_KIND))
        .retryOptions(new RetryOptions(4, Duration.ofMillis(50), Duration.ofMillis(500))).build();
  }

  @AfterEach
  void close() throws Exception {
    proxy.close();
    fixture.close();
    healthAudit.close();
    policeAudit.close();
  }

  @Test
  void aMultiMebibyteDataset_isDeliveredDownloadedAndAcknowledged_withOneMessageIdInEveryAuditLog() throws Exception {
    Path source = dataset("births.csv", 6 * MIB + 12345);
    List<Long> progress = new ArrayList<>();

    Delivery delivery = healthClient.deliver(options(BIRTHS, source).grantId(grantId).caseId("CASE-2026-0001")
        .chunkBytes(MIB).progress((done, total) -> progress.add(done)).build());

    assertThat(progress).last().isEqualTo(delivery.size());
    assertThat(delivery.size()).isGreaterThan(Files.size(source));
    MailboxEntry entry = single(policeClient);
    assertThat(entry.messageId()).isEqualTo(delivery.messageId());
    assertThat(entry.provider()).isEqualTo(TestCity.code(health));
    assertThat(entry.grantId()).contains(grantId);
    assertThat(entry.digest()).isEqualTo(delivery.digest());
    assertThat(sealedFiles()).singleElement().satisfies(f -> assertThat(contains(Files.readAllBytes(f),
        java.util.Arrays.copyOfRange(Files.readAllBytes(source), 4096, 4096 + 32)))
        .as("the hub holds the sealed stream, not the dataset").isFalse());

    Path received = policeClient.mailbox().receive(entry, dir.resolve("received.csv"), (done, total) -> { });

    assertThat(Files.mismatch(received, source)).isEqualTo(-1L);
    assertThat(policeClient.mailbox().list()).isEmpty();
    assertThat(sealedFiles()).as("acknowledged: the bytes are deleted").isEmpty();
    assertThatThrownBy(() -> policeClient.mailbox().download(entry, dir.resolve("again"), (d, t) -> { }))
        .isInstanceOf(NotFoundException.class);
    assertThat(actions(hubEvents(), delivery.messageId())).containsExactly(AuditAction.MAILBOX_DELIVER,
        AuditAction.MAILBOX_ACK);
    assertThat(actions(events(healthAudit), delivery.messageId())).containsExactly(AuditAction.MAILBOX_DELIVER);
    assertThat(actions(events(policeAudit), delivery.messageId())).containsExactly(AuditAction.MAILBOX_ACK);
    assertThat(hubEvents()).filteredOn(e -> e.messageId().equals(java.util.Optional.of(delivery.messageId())))
        .hasSize(2).allSatisfy(e -> {
      assertThat(e.caseId()).contains("CASE-2026-0001");
      assertThat(e.items()).isEqualTo(ITEMS);
    });
  }

  @Test
  void anUploadCutMidChunk_resumesFromTheCommittedOffset_andIsDeliveredOnce() throws Exception {
    Path source = dataset("cut.csv", 5 * MIB);
    proxy.cutAfter(2 * MIB + MIB / 2, () -> { });

    Delivery delivery = healthClient.deliver(options(OPEN, source).chunkBytes(MIB).build());

    assertThat(proxy.cuts.get()).isEqualTo(1);
    assertThat(single(policeClient).messageId()).isEqualTo(delivery.messageId());
    assertThat(actions(hubEvents(), delivery.messageId())).containsExactly(AuditAction.MAILBOX_DELIVER);
    Path received = policeClient.mailbox().receive(single(policeClient), dir.resolve("cut.out"), (d, t) -> { });
    assertThat(Files.mismatch(received, source)).isEqualTo(-1L);
  }

  @Test
  void aHubRestartMidUpload_isResumedOnTheRestartedHub_fromWhatItCommitted() throws Exception {
    Path source = dataset("restart.csv", 5 * MIB);
    proxy.cutAfter(3 * MIB + 1000, () -> proxy.target(fixture.restart(0).uri()));

    Delivery delivery = healthClient.deliver(options(BIRTHS, source).grantId(grantId).chunkBytes(MIB).build());

    assertThat(proxy.cuts.get()).isEqualTo(1);
    MailboxEntry entry = single(policeClient);
    assertThat(entry.messageId()).isEqualTo(delivery.messageId());
    Path received = policeClient.mailbox().receive(entry, dir.resolve("restart.out"), (d, t) -> { });
    assertThat(Files.mismatch(received, source)).isEqualTo(-1L);
    assertThat(actions(hubEvents(), delivery.messageId())).containsExactly(AuditAction.MAILBOX_DELIVER,
        AuditAction.MAILBOX_ACK);
  }

  @Test
  void aBrokenDownload_resumesWithRange_andBytesThatDoNotMatchTheDigestAreDiscarded() throws Exception {
    Path source = dataset("range.csv", 3 * MIB);
    healthClient.deliver(options(OPEN, source).build());
    MailboxEntry entry = single(policeClient);
    Path whole = policeClient.mailbox().download(entry, dir.resolve("whole.sealed"), (d, t) -> { });
    byte[] sealed = Files.readAllBytes(whole);

    // What a download broken off after 1 MiB leaves behind: the rest comes with Range.
    Files.write(dir.resolve("resumed.sealed.partial"), java.util.Arrays.copyOf(sealed, MIB));
    List<Long> seen = new ArrayList<>();
    Path resumed = policeClient.mailbox().download(entry, dir.resolve("resumed.sealed"), (d, t) -> seen.add(d));
    assertThat(Files.readAllBytes(resumed)).isEqualTo(sealed);
    assertThat(seen).first().isEqualTo((long) MIB);

    byte[] wrong = java.util.Arrays.copyOf(sealed, MIB);
    wrong[100] ^= 1;
    Files.write(dir.resolve("bad.sealed.partial"), wrong);
    assertThatThrownBy(() -> policeClient.mailbox().download(entry, dir.resolve("bad.sealed"), (d, t) -> { }))
        .isInstanceOf(ExchangeProtocolException.class).hasMessageContaining("digest");
    assertThat(dir.resolve("bad.sealed.partial")).doesNotExist();

    RawRequests raw = new RawRequests(fixture.hub().uri(), police);
    RawRequests.Answer ranged = raw.send("GET", "v1/mailbox/" + entry.messageId(), null, Map.of("Range", "bytes=10-"));
    assertThat(ranged.status()).isEqualTo(206);
    assertThat(ranged.header("Content-Range")).isEqualTo("bytes 10-" + (sealed.length - 1) + "/" + sealed.length);
    RawRequests.Answer beyond = raw.send("GET", "v1/mailbox/" + entry.messageId(), null,
        Map.of("Range", "bytes=" + sealed.length + "-"));
    assertThat(beyond.status()).isEqualTo(416);
  }

  @Test
  void deliveries_areRefusedWithTheExchangesChecks_andTheRefusalIsAudited() throws Exception {
    Path source = dataset("refused.csv", 100_000);

    assertThatThrownBy(() -> healthClient.deliver(options(BIRTHS, source).build()))
        .isInstanceOfSatisfying(ForbiddenException.class, e -> assertThat(e.type()).isEqualTo("grant-required"));
    assertThatThrownBy(() -> healthClient.deliver(options(SECRET, source).build()))
        .isInstanceOfSatisfying(ForbiddenException.class, e -> assertThat(e.type()).isEqualTo("not-shared"));
    assertThatThrownBy(() -> healthClient.deliver(options(BIRTHS, source).grantId(grantId)
        .consumer(TestCity.code(civil)).build()))
        .isInstanceOfSatisfying(ForbiddenException.class, e -> assertThat(e.type()).isEqualTo("grant-not-found"));
    ShuqiaoClient civilClient = client(civil, healthAudit);
    assertThatThrownBy(() -> civilClient.deliver(options(OPEN, source).build()))
        .isInstanceOfSatisfying(ForbiddenException.class, e -> assertThat(e.type()).isEqualTo("not-the-provider"));
    assertThatThrownBy(() -> healthClient.deliver(options(OPEN, source).items(List.of("证明编号", "母亲姓名")).build()))
        .isInstanceOfSatisfying(ShuqiaoException.class, e -> assertThat(e.type()).isEqualTo("unknown-item"));

    assertThat(policeClient.mailbox().list()).isEmpty();
    assertThat(hubEvents()).filteredOn(e -> e.action() == AuditAction.EXCHANGE_REFUSE).hasSize(5);
    assertThat(sealedFiles()).isEmpty();
  }

  @Test
  void aChunkThatDoesNotMatchItsSignedDigest_isRefused_andTheOffsetStays() throws Exception {
    RawRequests raw = new RawRequests(fixture.hub().uri(), health);
    byte[] chunk = new byte[200_000];
    new Random(7).nextBytes(chunk);
    String id = UUID.randomUUID().toString();
    RawRequests.Answer created = raw.send("POST", "v1/mailbox/uploads", RawRequests.utf8("{\"messageId\":\"" + id
        + "\",\"consumer\":\"" + TestCity.code(police) + "\",\"resourceCode\":\"" + OPEN + "\",\"items\":[\"证明编号\"],"
        + "\"purpose\":\"测试\",\"size\":" + chunk.length + ",\"digest\":\"" + digest(chunk) + "\"}"), Map.of());
    assertThat(created.status()).as(created.body()).isEqualTo(201);

    byte[] other = chunk.clone();
    other[12345] ^= 0x40;
    RawRequests.Answer tampered = raw.send("PATCH", "v1/mailbox/uploads/" + id, chunk, Map.of("Upload-Offset", "0"),
        r -> r.newBuilder().patch(RequestBody.create(other, MediaType.get("application/offset+octet-stream"))).build());
    assertThat(tampered.status()).as(tampered.body()).isEqualTo(400);
    assertThat(tampered.body()).contains("digest-mismatch");
    RawRequests.Answer head = head(raw, id);
    assertThat(head.header("Upload-Offset")).isEqualTo("0");

    RawRequests.Answer wrongOffset = raw.send("PATCH", "v1/mailbox/uploads/" + id, chunk, Map.of("Upload-Offset", "5"),
        r -> r.newBuilder().patch(RequestBody.create(chunk, MediaType.get("application/offset+octet-stream"))).build());
    assertThat(wrongOffset.status()).isEqualTo(409);
    assertThat(wrongOffset.body()).contains("upload-offset").contains("\"committed\":0");

    RawRequests.Answer good = raw.send("PATCH", "v1/mailbox/uploads/" + id, chunk, Map.of("Upload-Offset", "0"),
        r -> r.newBuilder().patch(RequestBody.create(chunk, MediaType.get("application/offset+octet-stream"))).build());
    assertThat(good.status()).as(good.body()).isEqualTo(204);
    assertThat(good.header("Upload-State")).isEqualTo("READY");

    // Nothing twice: the same creation again finds the READY delivery, a further chunk is refused.
    RawRequests.Answer again = raw.send("POST", "v1/mailbox/uploads", RawRequests.utf8("{\"messageId\":\"" + id + "\",\"consumer\":\"" + TestCity.code(police) + "\",\"resourceCode\":\""
        + OPEN + "\",\"items\":[\"证明编号\"],\"purpose\":\"测试\",\"size\":" + chunk.length + ",\"digest\":\"" + digest(chunk)
        + "\"}"), Map.of());
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body()).contains("\"state\":\"READY\"");
    RawRequests.Answer more = raw.send("PATCH", "v1/mailbox/uploads/" + id, chunk, Map.of("Upload-Offset", "0"),
        r -> r.newBuilder().patch(RequestBody.create(chunk, MediaType.get("application/offset+octet-stream"))).build());
    assertThat(more.status()).isEqualTo(409);
    assertThat(more.body()).contains("upload-state");
    assertThat(policeClient.mailbox().list()).singleElement().extracting(MailboxEntry::messageId).isEqualTo(id);
    assertThat(actions(hubEvents(), id)).containsExactly(AuditAction.MAILBOX_DELIVER);
  }

  @Test
  void anUploadWhoseWholeDigestIsWrong_isDiscarded_andNeverDelivered() throws Exception {
    RawRequests raw = new RawRequests(fixture.hub().uri(), health);
    byte[] bytes = new byte[70_000];
    new Random(9).nextBytes(bytes);
    String id = UUID.randomUUID().toString();
    raw.send("POST", "v1/mailbox/uploads", RawRequests.utf8("{\"messageId\":\"" + id + "\",\"consumer\":\""
        + TestCity.code(police) + "\",\"resourceCode\":\"" + OPEN + "\",\"items\":[\"证明编号\"],\"purpose\":\"测试\",\"size\":"
        + bytes.length + ",\"digest\":\"" + digest(new byte[] {1}) + "\"}"), Map.of());

    RawRequests.Answer last = raw.send("PATCH", "v1/mailbox/uploads/" + id, bytes, Map.of("Upload-Offset", "0"),
        r -> r.newBuilder().patch(RequestBody.create(bytes, MediaType.get("application/offset+octet-stream"))).build());

    assertThat(last.status()).as(last.body()).isEqualTo(422);
    assertThat(last.body()).contains("upload-digest");
    assertThat(policeClient.mailbox().list()).isEmpty();
    assertThat(head(raw, id).header("Upload-State")).isEqualTo("DISCARDED");
    assertThat(actions(hubEvents(), id)).containsExactly(AuditAction.EXCHANGE_REFUSE);
  }

  @Test
  void aFullMailbox_refusesTheNextDelivery_withA413NamingLimitAndUse() throws Exception {
    healthClient.deliver(options(OPEN, dataset("first.csv", 7 * MIB)).build());

    assertThatThrownBy(() -> healthClient.deliver(options(OPEN, dataset("second.csv", 6 * MIB)).build()))
        .isInstanceOfSatisfying(ShuqiaoException.class, e -> {
          assertThat(e.status()).isEqualTo(413);
          assertThat(e.type()).isEqualTo("quota-exceeded");
          assertThat(e.getMessage()).contains(Long.toString(QUOTA));
        });
    assertThatThrownBy(() -> healthClient.deliver(options(OPEN, dataset("huge.csv", 33 * MIB)).build()))
        .isInstanceOfSatisfying(ShuqiaoException.class, e -> {
          assertThat(e.status()).isEqualTo(413);
          assertThat(e.type()).isEqualTo("upload-too-large");
        });

    // Acknowledged deliveries no longer count against the quota.
    MailboxEntry first = single(policeClient);
    policeClient.mailbox().receive(first, dir.resolve("first.out"), (d, t) -> { });
    healthClient.deliver(options(OPEN, dataset("third.csv", 6 * MIB)).build());
    assertThat(policeClient.mailbox().list()).hasSize(1);
  }

  // ---- helpers ----

  private DeliverOptions.Builder options(String resource, Path source) {
    return DeliverOptions.builder().consumer(TestCity.code(police)).resourceCode(resource).items(ITEMS)
        .purpose("每日出生登记变更").source(source).workDirectory(dir);
  }

  private Path dataset(String name, int bytes) throws IOException {
    byte[] data = new byte[bytes];
    new Random(name.hashCode()).nextBytes(data);
    return Files.write(dir.resolve(name), data);
  }

  private static MailboxEntry single(ShuqiaoClient client) {
    List<MailboxEntry> entries = new ArrayList<>();
    client.mailbox().list().forEach(entries::add);
    assertThat(entries).hasSize(1);
    return entries.get(0);
  }

  private List<Path> sealedFiles() throws IOException {
    Path mailbox = fixture.dataDirectory(0).resolve("mailbox");
    if (!Files.exists(mailbox)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(mailbox)) {
      return files.toList();
    }
  }

  private List<AuditEvent> hubEvents() {
    HubServer hub = fixture.hub();
    List<AuditEvent> events = new ArrayList<>();
    for (long i = 0; i < hub.auditEntries(); i++) {
      events.add(hub.auditEvent(i));
    }
    return events;
  }

  private static List<AuditEvent> events(AuditLog log) {
    List<AuditEvent> events = new ArrayList<>();
    for (long i = 0; i < log.size(); i++) {
      events.add(log.read(i));
    }
    return events;
  }

  private static List<AuditAction> actions(List<AuditEvent> events, String messageId) {
    return events.stream().filter(e -> e.messageId().equals(java.util.Optional.of(messageId))).map(AuditEvent::action)
        .toList();
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    String text = new String(haystack, java.nio.charset.StandardCharsets.ISO_8859_1);
    return text.contains(new String(needle, java.nio.charset.StandardCharsets.ISO_8859_1));
  }

  /** The hub's state of an upload. */
  private static RawRequests.Answer head(RawRequests raw, String id) {
    return raw.head("v1/mailbox/uploads/" + id);
  }

  private static String digest(byte[] bytes) throws Exception {
    return "sha-256:" + Base64.getUrlEncoder().withoutPadding().encodeToString(
        MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
