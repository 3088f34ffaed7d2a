package dev.shuqiao.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.shuqiao.catalog.CreditCode;
import dev.shuqiao.crypto.CertificateAuthority;
import dev.shuqiao.crypto.Department;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.KeyAlgorithm;
import dev.shuqiao.crypto.KeyRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RequestSignerTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T02:00:00Z"), ZoneOffset.UTC);
  private static DepartmentIdentity identity;

  @BeforeAll
  static void department() {
    CertificateAuthority ca = CertificateAuthority.create(KeyAlgorithm.ED25519, "测试CA", CreditCode.parse("11450200MB15337658"),
        Duration.ofDays(1));
    KeyRequest request = KeyRequest.generate(KeyAlgorithm.ED25519, "测试部门", CreditCode.parse("11450200B00000078J"));
    identity = request.complete(ca.issue(request.csrPem(), Duration.ofDays(1)));
  }

  /** The base as the signer built it before it wrote bytes directly: one String, UTF-8 encoded. */
  private static byte[] reference(Request signed) {
    String input = signed.header("Signature-Input");
    String query = signed.url().encodedQuery();
    StringBuilder base = new StringBuilder()
        .append("\"@method\": ").append(signed.method()).append('\n')
        .append("\"@path\": ").append(signed.url().encodedPath()).append('\n')
        .append("\"@query\": ?").append(query == null ? "" : query).append('\n')
        .append("\"content-digest\": ").append(signed.header("Content-Digest")).append('\n');
    if (signed.header("Idempotency-Key") != null) {
      base.append("\"idempotency-key\": ").append(signed.header("Idempotency-Key").strip()).append('\n');
    }
    return base.append("\"@signature-params\": ").append(input.substring("sig1=".length())).toString()
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] signature(Request signed) {
    String header = signed.header("Signature");
    assertThat(header).startsWith("sig1=:").endsWith(":");
    return Base64.getDecoder().decode(header.substring("sig1=:".length(), header.length() - 1));
  }

  @Test
  void sign_aReadCoversMethodPathQueryAndTheEmptyBodysDigest() throws Exception {
    Request signed = new RequestSigner(identity, CLOCK).sign(
        new Request.Builder().url("http://localhost/v1/catalog/resources?q=%E4%BA%BA%E5%8F%A3&size=5").build(), null);
    assertThat(signed.header("Content-Digest")).isEqualTo("sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:");
    assertThat(signed.header("Signature-Input")).startsWith(
        "sig1=(\"@method\" \"@path\" \"@query\" \"content-digest\");created=1796349600;nonce=\"")
        .endsWith("\";keyid=\"11450200B00000078J\";alg=\"" + KeyAlgorithm.ED25519.signatureName() + "\"");
    assertThatCode(() -> Department.of(identity.certificate()).verify(signature(signed), reference(signed)))
        .doesNotThrowAnyException();
  }

  @Test
  void sign_aChangeAlsoCoversItsIdempotencyKey() throws Exception {
    Request post = new Request.Builder().url("http://localhost/v1/grants")
        .header("Idempotency-Key", "6f1c1f0e-4c0b-4c43-9a53-1f1fbd1bd6a1")
        .post(RequestBody.create("{\"a\":1}".getBytes(StandardCharsets.UTF_8), MediaType.get("application/json"))).build();
    Request signed = new RequestSigner(identity, CLOCK).sign(post, null);
    assertThat(signed.header("Signature-Input")).contains("\"content-digest\" \"idempotency-key\");created=");
    assertThatCode(() -> Department.of(identity.certificate()).verify(signature(signed), reference(signed)))
        .doesNotThrowAnyException();
    byte[] tampered = reference(signed);
    tampered[tampered.length - 2] ^= 1;
    assertThatCode(() -> Department.of(identity.certificate()).verify(signature(signed), tampered))
        .isInstanceOf(dev.shuqiao.crypto.InvalidSignatureException.class);
  }
}
