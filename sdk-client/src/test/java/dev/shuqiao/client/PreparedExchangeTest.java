package dev.shuqiao.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shuqiao.audit.SubjectPseudonym;
import dev.shuqiao.crypto.CertificateAuthority;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.EnvelopeContent;
import dev.shuqiao.crypto.EnvelopeSealer;
import dev.shuqiao.crypto.KeyAlgorithm;
import dev.shuqiao.crypto.KeyRequest;
import dev.shuqiao.crypto.SealedEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PreparedExchangeTest {

  private static DepartmentIdentity consumer;
  private static DepartmentIdentity provider;

  @BeforeAll
  static void identities() {
    CertificateAuthority ca = CertificateAuthority.create(KeyAlgorithm.ED25519, "测试市CA",
        ShuqiaoClientExchangeIT.creditCode(1), Duration.ofDays(1));
    consumer = issue(ca, "柳州市公安局", 2);
    provider = issue(ca, "柳州市卫生健康委员会", 3);
  }

  private static DepartmentIdentity issue(CertificateAuthority ca, String name, int n) {
    KeyRequest request = KeyRequest.generate(KeyAlgorithm.ED25519, name, ShuqiaoClientExchangeIT.creditCode(n));
    return request.complete(ca.issue(request.csrPem(), Duration.ofDays(1)));
  }

  private static ExchangeRequest request(String caseId) {
    return ExchangeRequest.builder().resourceCode("1 01 003/000001").items(List.of("出生医学证明编号", "新生儿姓名"))
        .parameter("出生医学证明编号", "Q450200123").subject("450202201501010012").purpose("出生一件事：户籍登记")
        .caseId(caseId).grantId("g-7").timeout(Duration.ofSeconds(12)).build();
  }

  private static SealedEnvelope seal(String caseId) {
    return EnvelopeSealer.builder().identity(consumer).build().seal(EnvelopeContent.builder()
        .addRecipient(provider.certificate()).resourceCode("1 01 003/000001").grantId("g-7").caseId(caseId)
        .contentType(ConsumerExchange.QUERY_TYPE).payload("{\"parameters\":{}}".getBytes(StandardCharsets.UTF_8))
        .build());
  }

  private static PreparedExchange prepared(ExchangeRequest request, SealedEnvelope query) {
    return new PreparedExchange(request, "11450200075623181Q", query.messageId(), query.toBinary(),
        SubjectPseudonym.fromHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"));
  }

  @Test
  void fromBytes_rebuildsTheSameExchangeWithTheIdenticalSealedQuery() {
    SealedEnvelope query = seal("BIRTH-1");
    PreparedExchange original = prepared(request("BIRTH-1"), query);

    PreparedExchange rebuilt = PreparedExchange.fromBytes(original.toBytes());

    assertThat(rebuilt.messageId()).isEqualTo(query.messageId());
    assertThat(rebuilt.sealedQuery()).isEqualTo(query.toBinary());
    assertThat(rebuilt.providerCode()).isEqualTo("11450200075623181Q");
    assertThat(rebuilt.subject()).isEqualTo(original.subject());
    ExchangeRequest request = rebuilt.request();
    assertThat(request.items()).containsExactly("出生医学证明编号", "新生儿姓名");
    assertThat(request.purpose()).isEqualTo("出生一件事：户籍登记");
    assertThat(request.caseId()).contains("BIRTH-1");
    assertThat(request.grantId()).contains("g-7");
    assertThat(request.timeout()).isEqualTo(Duration.ofSeconds(12));
    assertThat(rebuilt.toBytes()).isEqualTo(original.toBytes());
  }

  @Test
  void toBytes_holdsNeitherTheParametersNorTheClearSubject() {
    String text = new String(prepared(request("BIRTH-1"), seal("BIRTH-1")).toBytes(), StandardCharsets.UTF_8);

    assertThat(text).doesNotContain("Q450200123", "450202201501010012");
  }

  @Test
  void fromBytes_refusesFieldsThatDisagreeWithTheEnvelopeHeader() throws Exception {
    byte[] bytes = prepared(request("BIRTH-1"), seal("BIRTH-1")).toBytes();
    ObjectNode json = (ObjectNode) Codec.JSON.readTree(bytes);
    json.put("caseId", "BIRTH-2");

    assertThatThrownBy(() -> PreparedExchange.fromBytes(Codec.bytes(json)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("header disagrees");
    json.put("caseId", "BIRTH-1").put("query", "AAAA");
    assertThatThrownBy(() -> PreparedExchange.fromBytes(Codec.bytes(json)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an envelope");
    assertThatThrownBy(() -> PreparedExchange.fromBytes("{\"v\":2}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("format 1");
  }
}
