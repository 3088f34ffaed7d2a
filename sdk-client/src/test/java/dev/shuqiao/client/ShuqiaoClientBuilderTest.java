package dev.shuqiao.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shuqiao.catalog.CreditCode;
import dev.shuqiao.crypto.CertificateAuthority;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.KeyAlgorithm;
import dev.shuqiao.crypto.KeyRequest;
import dev.shuqiao.crypto.TrustStore;
import dev.shuqiao.crypto.UntrustedSenderException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShuqiaoClientBuilderTest {

  private static final CertificateAuthority CITY = CertificateAuthority.create(KeyAlgorithm.ED25519, "柳州市CA",
      CreditCode.parse("11450200MB15337658"), Duration.ofDays(30));

  private static DepartmentIdentity identity(CertificateAuthority ca) {
    KeyRequest request = KeyRequest.generate(KeyAlgorithm.ED25519, "柳州市公安局", CreditCode.parse("11450200075623181Q"));
    return request.complete(ca.issue(request.csrPem(), Duration.ofDays(30)));
  }

  @Test
  void build_needsEndpointAndCredential() {
    assertThatThrownBy(() -> ShuqiaoClient.builder().endpoint("http://localhost:1").build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ShuqiaoClient.builder().credential(identity(CITY)).build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ShuqiaoClient.builder().endpoint("not a url")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void build_withTrustStore_refusesAnIdentityTheCityCaDoesNotVouchFor() {
    TrustStore trust = TrustStore.builder().addRoot(CITY.certificate()).addCrl(CITY.crl(List.of(), Duration.ofDays(1))).build();
    CertificateAuthority rogue = CertificateAuthority.create(KeyAlgorithm.ED25519, "伪造CA",
        CreditCode.parse("11450200B00000078J"), Duration.ofDays(30));
    assertThat(ShuqiaoClient.builder().endpoint("http://localhost:1").credential(identity(CITY)).trustStore(trust).build())
        .isNotNull();
    assertThatThrownBy(() -> ShuqiaoClient.builder().endpoint("http://localhost:1").credential(identity(rogue))
        .trustStore(trust).build()).isInstanceOf(UntrustedSenderException.class);
  }

  @Test
  void unreachableHub_isATransportFailureAfterTheRetries() {
    ShuqiaoClient client = ShuqiaoClient.builder().endpoint("http://localhost:1").credential(identity(CITY))
        .retryOptions(new RetryOptions(2, Duration.ofMillis(1), Duration.ofMillis(5))).build();
    assertThatThrownBy(() -> client.getGrant("g")).isInstanceOfSatisfying(ShuqiaoException.class, e -> {
      assertThat(e.status()).isZero();
      assertThat(e.type()).isEqualTo("transport");
      assertThat(e.requestId()).isNotBlank();
    });
  }
}
