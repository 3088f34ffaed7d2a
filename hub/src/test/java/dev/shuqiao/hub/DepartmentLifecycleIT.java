package dev.shuqiao.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shuqiao.client.AuthenticationException;
import dev.shuqiao.client.ShuqiaoClient;
import dev.shuqiao.client.model.CreateDepartmentOptions;
import dev.shuqiao.client.model.UpdateDepartmentOptions;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.KeyAlgorithm;
import dev.shuqiao.crypto.Pem;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The department lifecycle contract on H2, plus what needs a second instance or the development setting. */
class DepartmentLifecycleIT extends DepartmentLifecycleContract {

  @Override
  HubFixture startFixture() {
    return HubFixture.h2(city, b -> b.allowInsecureEndpoints(false));
  }

  @Test
  void rotationOnOneInstance_endsTheOldKeysSessionOnAnother() {
    try (HubFixture two = HubFixture.h2(2)) {
      DepartmentIdentity old = two.register("柳州市卫生健康委员会", KeyAlgorithm.SM2);
      String code = TestCity.code(old);
      ShuqiaoClient onFirst = two.client(old, 0);
      onFirst.getDepartment(code); // a signing session with the old key, on instance 0
      DepartmentIdentity next = two.city.department(old.department().name(), KeyAlgorithm.SM2,
          old.department().creditCode(), Duration.ofDays(365));
      two.client(old, 1).rotateDepartmentCertificate(code, Pem.encode(next.certificate()));

      // Past the session's recheck interval, instance 0 sees the new certificate and ends the session.
      two.clock.runAhead(Duration.ofSeconds(6));
      assertType(() -> onFirst.getDepartment(code), AuthenticationException.class, "signature-invalid");
      assertThat(two.client(next, 0).getDepartment(code).certificatePem()).isEqualTo(Pem.encode(next.certificate()));
    }
  }

  @Test
  void developmentSetting_admitsHttpAndLoopbackEndpoints() {
    try (HubFixture dev = HubFixture.h2()) { // the test fixtures turn the development setting on
      DepartmentIdentity d = dev.city.department("柳州市测试局", KeyAlgorithm.SM2);
      dev.adminClient.createDepartment(new CreateDepartmentOptions(TestCity.code(d), "柳州市测试局",
          Pem.encode(d.certificate()), "http://127.0.0.1:9/shuqiao"));
      assertThat(dev.client(d).updateDepartment(TestCity.code(d), new UpdateDepartmentOptions(null,
          "http://localhost:8080/shuqiao")).endpointUrl()).isEqualTo("http://localhost:8080/shuqiao");
    }
  }
}
