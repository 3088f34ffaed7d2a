package dev.shuqiao.provider;

import static dev.shuqiao.provider.TestCity.BIRTH;
import static dev.shuqiao.provider.TestCity.code;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shuqiao.audit.AuditEvent;
import dev.shuqiao.audit.AuditRecorder;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.EnvelopeContent;
import dev.shuqiao.crypto.EnvelopeOpener;
import dev.shuqiao.crypto.EnvelopeSealer;
import dev.shuqiao.crypto.KeyAlgorithm;
import dev.shuqiao.crypto.OpenedEnvelope;
import dev.shuqiao.crypto.PseudonymKey;
import dev.shuqiao.crypto.ReplayGuard;
import dev.shuqiao.crypto.SealedEnvelope;
import dev.shuqiao.crypto.Suite;
import dev.shuqiao.exchange.ExchangeTicket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One city with a hub exchange identity, a provider (health commission), a consumer (public
 * security) and an outsider, real keys throughout; builds query envelopes, hub tickets and relay
 * messages as docs/exchange.md describes them, and a provider whose handler counts its runs.
 */
final class ExchangeFixture {

  static final String PURPOSE = "出生一件事：户籍登记";
  static final String CASE = "BIRTH-450200-000017";
  static final String GRANT = "8a0c3f8e-5d0f-4f57-a6c4-1f1d2b9e2f10";
  static final String CERTIFICATE = "Q450200123";
  static final String SUBJECT = "450202201501010012";
  static final ObjectMapper JSON = new ObjectMapper();

  final TestCity city = new TestCity();
  final DepartmentIdentity hub;
  final DepartmentIdentity provider;
  final DepartmentIdentity consumer;
  final DepartmentIdentity outsider;
  final PseudonymKey pseudonymKey = PseudonymKey.generate(Suite.GM);
  final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
  final AtomicInteger handlerRuns = new AtomicInteger();
  volatile ResourceHandler handler = query -> List.of(BirthRecord.sample());
  final EnvelopeSealer consumerSealer;
  private final EnvelopeOpener consumerOpener;

  /** Everyone on SM2 (the GM suite). */
  ExchangeFixture() {
    this(KeyAlgorithm.SM2);
  }

  /** The departments on {@code algorithm}'s suite; the hub signs with the same key type. */
  ExchangeFixture(KeyAlgorithm algorithm) {
    hub = city.department("柳州市大数据发展局", algorithm);
    provider = city.department("柳州市卫生健康委员会", algorithm);
    consumer = city.department("柳州市公安局", algorithm);
    outsider = city.department("柳州市某局", algorithm);
    consumerSealer = EnvelopeSealer.builder().identity(consumer).build();
    consumerOpener = EnvelopeOpener.builder().addIdentity(consumer).trustStore(city.trust)
        .replayGuard(ReplayGuard.builder().build()).build();
  }

  /** The record class a vendor would write: more fields than any ticket asks for. */
  @DataResource(BIRTH)
  static final class BirthRecord {
    @Item("出生医学证明编号") String number;
    @Item("新生儿姓名") String babyName;
    @Item("出生体重") int weightGrams;
    @Item("母亲姓名") @Masked String motherName;
    @Item("母亲身份证号") String motherId;
    @Item("父亲身份证号") String fatherId;
    String 签发日期;
    String internalNote;

    static BirthRecord sample() {
      BirthRecord r = new BirthRecord();
      r.number = CERTIFICATE;
      r.babyName = "张小明";
      r.weightGrams = 3250;
      r.motherName = "李秀英";
      r.motherId = "450202199001011234";
      r.fatherId = "450202198805052345";
      r.签发日期 = "2026-01-02";
      r.internalNote = "院内备注";
      return r;
    }
  }

  AuditRecorder recorder() {
    return event -> {
      audit.add(event);
      return audit.size() - 1;
    };
  }

  ExchangeProvider.Builder providerBuilder() {
    return ExchangeProvider.builder().identity(provider).trustStore(city.trust).addHubCertificate(hub.certificate())
        .catalog(TestCity.catalog()).auditRecorder(recorder()).pseudonymKey(pseudonymKey)
        .handler(BIRTH, query -> {
          handlerRuns.incrementAndGet();
          return handler.query(query);
        });
  }

  /** What {@link #query()} asks for unless told otherwise. */
  static final List<String> QUERY_ITEMS = List.of("出生医学证明编号", "新生儿姓名", "母亲姓名", "母亲身份证号", "父亲身份证号", "出生体重");

  /**
   * A query envelope from {@code from} to {@code to} with the grant, case and purpose of this fixture,
   * naming {@code items} inside (the provider requires them to equal the ticket's).
   */
  byte[] query(DepartmentIdentity from, DepartmentIdentity to, String resource, List<String> items) {
    ObjectNode payload = JSON.createObjectNode();
    payload.putObject("parameters").put("出生医学证明编号", CERTIFICATE);
    payload.put("subject", SUBJECT);
    items.forEach(payload.putArray("items")::add);
    payload.put("purpose", PURPOSE);
    EnvelopeSealer sealer = from == consumer ? consumerSealer : EnvelopeSealer.builder().identity(from).build();
    return sealer.sealToBinary(EnvelopeContent.builder().addRecipient(to.certificate()).resourceCode(resource)
        .grantId(GRANT).caseId(CASE).contentType(RelayProcessor.QUERY_TYPE)
        .payload(payload.toString().getBytes(StandardCharsets.UTF_8)).build());
  }

  byte[] query(DepartmentIdentity from, DepartmentIdentity to, String resource) {
    return query(from, to, resource, QUERY_ITEMS);
  }

  byte[] query(List<String> items) {
    return query(consumer, provider, BIRTH, items);
  }

  byte[] query() {
    return query(QUERY_ITEMS);
  }

  /** The ticket the hub would issue for {@code envelope} from the consumer to the provider. */
  ExchangeTicket.Builder ticket(byte[] envelope, List<String> items) {
    Instant now = Instant.now();
    return ExchangeTicket.builder().hub(code(hub)).messageId(SealedEnvelope.fromBinary(envelope).messageId())
        .consumer(code(consumer)).provider(code(provider)).resourceCode(BIRTH).items(items).grantId(GRANT)
        .purpose(PURPOSE).caseId(CASE).requestDigest(ExchangeTicket.digestOf(hub.keyAlgorithm(), envelope))
        .issuedAt(now).expiresAt(now.plus(Duration.ofSeconds(60)));
  }

  static byte[] relay(String ticket, byte[] envelope) {
    return ("{\"ticket\":\"" + ticket + "\",\"request\":\"" + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(envelope) + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  /** A relay message for a fresh query asking for {@code items}, signed by the hub. */
  byte[] relay(List<String> items) {
    byte[] envelope = query(items);
    return relay(ticket(envelope, items).build().sign(hub), envelope);
  }

  /** The response envelope of a 200 reply, opened by the consumer: its payload as JSON. */
  JsonNode openResponse(byte[] replyBody) throws Exception {
    JsonNode reply = JSON.readTree(replyBody);
    OpenedEnvelope opened = consumerOpener.open(Base64.getUrlDecoder().decode(reply.get("response").textValue()));
    if (!opened.sender().creditCode().equals(provider.department().creditCode())) {
      throw new AssertionError("response not from the provider");
    }
    return JSON.readTree(opened.payload());
  }

  static Map<String, Object> problem(byte[] body) throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Object> map = JSON.readValue(body, Map.class);
    return map;
  }
}
