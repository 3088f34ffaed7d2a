package dev.shuqiao.spring;

import dev.shuqiao.audit.AuditAction;
import dev.shuqiao.audit.hook.Audited;
import dev.shuqiao.provider.QueryRefusedException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The health commission's birth-certificate system as a vendor writes it: a REST endpoint over an
 * {@code @Audited} service, and the same records served to the exchange channel through an
 * {@link ExchangeProviderCustomizer}. Everything Shuqiao comes from the starter and {@code shuqiao.*}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({BirthRegistryApp.BirthController.class, BirthRegistryApp.BirthService.class,
    BirthRegistryApp.StatisticsService.class})
class BirthRegistryApp {

  static final Map<String, Map<String, Object>> BIRTHS = Map.of(StarterCity.CERTIFICATE_NUMBER, Map.of(
      "出生医学证明编号", StarterCity.CERTIFICATE_NUMBER, "签发日期", "2026-11-30", "新生儿姓名", "张小明"));

  @Bean
  ExchangeProviderCustomizer birthRecords(BirthService births) {
    return provider -> provider.handler(StarterCity.BIRTH_OPEN, query -> {
      String number = query.parameter("出生医学证明编号")
          .orElseThrow(() -> new QueryRefusedException("出生医学证明编号 is required"));
      return births.forExchange(number).map(List::of).orElse(List.of());
    });
  }

  @RestController
  static class BirthController {
    private final BirthService births;

    BirthController(BirthService births) {
      this.births = births;
    }

    @GetMapping({"/api/births/{number}", "/api/public/births/{number}"})
    public ResponseEntity<Map<String, Object>> birth(@PathVariable("number") String number) {
      return births.find(number).map(ResponseEntity::ok).orElse(ResponseEntity.notFound().build());
    }
  }

  /** The records; {@link #find} audited on its own, {@link #forExchange} not (the provider audits exchanges). */
  static class BirthService {
    private final AtomicInteger calls = new AtomicInteger();

    /** How often {@link #find} ran (a method: the test holds the proxy, whose fields are not the bean's). */
    public int calls() {
      return calls.get();
    }

    @Audited(action = AuditAction.DATA_ACCESS, resource = "出生医学证明")
    public Optional<Map<String, Object>> find(String number) {
      calls.incrementAndGet();
      return Optional.ofNullable(BIRTHS.get(number));
    }

    public Optional<Map<String, Object>> forExchange(String number) {
      return Optional.ofNullable(BIRTHS.get(number));
    }
  }

  /** Every method audited by the class annotation, with the default resource {@code StatisticsService.<method>}. */
  @Audited
  static class StatisticsService {
    public int births() {
      return BIRTHS.size();
    }

    public int refused() {
      throw new SecurityException("statistics are for the data authority only");
    }
  }
}
