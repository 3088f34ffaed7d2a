package dev.shuqiao.hub.internal.service;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointPolicyTest {

  private final EndpointPolicy production = new EndpointPolicy(false);
  private final EndpointPolicy development = new EndpointPolicy(true);

  @ParameterizedTest
  @ValueSource(strings = {"https://wjw.liuzhou.gov.cn/shuqiao", "https://wjw.example.gov.cn:8443/shuqiao/exchange",
      "https://203.0.113.7/shuqiao", "https://[2400:3200::1]/x", "https://WJW.LIUZHOU.GOV.CN./x", "https://8.8.8.8",
      "https://zwfw.liuzhou.example/shuqiao", "HTTPS://wjw.liuzhou.gov.cn/x"})
  void publicHttpsEndpoints_areAccepted(String url) {
    assertThatCode(() -> production.check(url)).doesNotThrowAnyException();
    assertThatCode(() -> development.check(url)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://wjw.liuzhou.gov.cn/shuqiao", "HTTP://wjw.liuzhou.gov.cn/x",
      "https://localhost/x", "https://LOCALHOST:8443/x", "https://localhost./x", "https://api.localhost/x",
      "https://printer.local/x", "https://metadata.google.internal/x", "https://router.home.arpa/x",
      "https://127.0.0.1/x", "https://127.1.2.3/x", "https://2130706433/x", "https://0x7f000001/x", "https://0177.0.0.1/x", "https://0.0.0.0/x", "https://0/x", "https://10.1.2.3/x",
      "https://172.16.0.1/x", "https://172.31.255.254/x", "https://192.168.1.1/x", "https://169.254.169.254/latest",
      "https://100.64.0.1/x", "https://198.18.0.1/x", "https://224.0.0.1/x", "https://255.255.255.255/x",
      "https://[::1]/x", "https://[::]/x", "https://[fe80::1]/x", "https://[fc00::1]/x", "https://[fd12:3456::1]/x",
      "https://[::ffff:127.0.0.1]/x", "https://[::ffff:10.0.0.1]/x", "https://[::127.0.0.1]/x",
      "https://[64:ff9b::7f00:1]/x", "https://[2001:db8::1]/x"})
  void httpAndNonPublicHosts_areRefusedInProductionOnly(String url) {
    assertThatThrownBy(() -> production.check(url)).isInstanceOfSatisfying(HubException.class, e -> {
      org.assertj.core.api.Assertions.assertThat(e.status()).isEqualTo(422);
      org.assertj.core.api.Assertions.assertThat(e.type()).isEqualTo("insecure-endpoint");
      org.assertj.core.api.Assertions.assertThat(e.field()).isEqualTo("endpointUrl");
    });
    assertThatCode(() -> development.check(url)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://wjw.liuzhou.gov.cn/x", "/shuqiao", "wjw.liuzhou.gov.cn/x", "https:///x", "https:x",
      "mailto:a@b.cn", "https://user:secret@wjw.liuzhou.gov.cn/x", "https://wjw.liuzhou.gov.cn/x#frag", "https://a b/",
      "https://wjw_liuzhou.gov.cn/x", "file:///etc/passwd", "javascript:alert(1)",
      // java.net.URI finds no host in these address-like forms: refused as malformed, in development too
      "https://127.1/x", "https://0x7f.0.0.1/x", "https://example.999/x", "https://1.2.3.4.5/x"})
  void malformedEndpoints_areRefusedEvenInDevelopment(String url) {
    for (EndpointPolicy policy : new EndpointPolicy[] {production, development}) {
      assertThatThrownBy(() -> policy.check(url)).isInstanceOfSatisfying(HubException.class, e -> {
        org.assertj.core.api.Assertions.assertThat(e.type()).isEqualTo("invalid-endpoint");
        org.assertj.core.api.Assertions.assertThat(e.getMessage()).doesNotContain("secret");
      });
    }
  }
}
