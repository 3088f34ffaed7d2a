package dev.shuqiao.hub;

import static dev.shuqiao.hub.ExchangeWorld.BIRTH_OPEN;
import static dev.shuqiao.hub.ExchangeWorld.CERTIFICATE;
import static dev.shuqiao.hub.ExchangeWorld.CITIZEN;
import static dev.shuqiao.hub.ExchangeWorld.HOUSEHOLD;
import static dev.shuqiao.hub.ExchangeWorld.INSURED;
import static dev.shuqiao.hub.ExchangeWorld.INSURED_ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shuqiao.audit.AuditAction;
import dev.shuqiao.audit.AuditEvent;
import dev.shuqiao.audit.AuditLog;
import dev.shuqiao.audit.ExchangeAuditCheck;
import dev.shuqiao.audit.ExchangeAuditReport;
import dev.shuqiao.client.ExchangeRequest;
import dev.shuqiao.client.ExchangeResponse;
import dev.shuqiao.client.ShuqiaoClient;
import dev.shuqiao.crypto.KeyAlgorithm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Load on the whole channel over loopback: 50 concurrent consumers × 200 exchanges each (INTL
 * suite; {@code -Dshuqiao.load.consumers} and {@code -Dshuqiao.load.exchanges} change the shape),
 * spread over the three departments asking each other's unconditional resources, one of them served
 * in pull mode. None may be lost or duplicated, and the consumer, hub and provider logs must agree on
 * the count and the message ids. Bounded in time: it fails rather than hang.
 */
class ExchangeLoadIT {

  static final int CONSUMERS = Integer.getInteger("shuqiao.load.consumers", 50);
  static final int EXCHANGES = Integer.getInteger("shuqiao.load.exchanges", 200);
  static final Duration BOUND = Duration.ofMinutes(Integer.getInteger("shuqiao.load.minutes", 12));

  @Test
  void fiftyConsumersTimesTwoHundredExchanges_noneLostNoneDuplicated_andTheThreeLogsAgree() throws Exception {
    try (ExchangeWorld world = new ExchangeWorld(KeyAlgorithm.ED25519, false, Duration.ofSeconds(30))) {
      // consumer → what it asks for (a resource of another department)
      record Route(DepartmentApp consumer, ExchangeRequest request) {}
      List<Route> routes = List.of(
          new Route(world.police, request(BIRTH_OPEN, List.of("出生医学证明编号", "签发日期"), "出生医学证明编号", CERTIFICATE)),
          new Route(world.health, request(HOUSEHOLD, List.of("公民身份号码", "户籍地址"), "公民身份号码", CITIZEN)),
          new Route(world.police, request(INSURED, List.of("公民身份号码", "参保状态"), "公民身份号码", INSURED_ID)),
          new Route(world.insurance, request(BIRTH_OPEN, List.of("出生医学证明编号"), "出生医学证明编号", CERTIFICATE)));
      Map<String, Integer> delivered = new ConcurrentHashMap<>();
      AtomicInteger failures = new AtomicInteger();
      List<String> firstFailures = java.util.Collections.synchronizedList(new ArrayList<>());
      ExecutorService consumers = Executors.newFixedThreadPool(CONSUMERS);
      long start = System.nanoTime();
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < CONSUMERS; c++) {
        Route route = routes.get(c % routes.size());
        ShuqiaoClient client = route.consumer().client();
        running.add(consumers.submit(() -> {
          for (int i = 0; i < EXCHANGES; i++) {
            try {
              ExchangeResponse response = client.exchange(route.request());
              assertThat(response.records()).hasSize(1);
              delivered.merge(response.messageId().toString(), 1, Integer::sum);
            } catch (RuntimeException | AssertionError e) {
              failures.incrementAndGet();
              if (firstFailures.size() < 5) {
                firstFailures.add(e.toString());
              }
            }
          }
        }));
      }
      consumers.shutdown();
      boolean finished = consumers.awaitTermination(BOUND.toSeconds(), TimeUnit.SECONDS);
      if (!finished) {
        consumers.shutdownNow();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      int total = CONSUMERS * EXCHANGES;
      System.out.printf("exchange load: %d exchanges by %d consumers in %.1f s (%.0f/s), %d failed%n", total, CONSUMERS,
          seconds, total / seconds, failures.get());
      assertThat(finished).as("all exchanges within " + BOUND).isTrue();
      assertThat(firstFailures).isEmpty();
      assertThat(failures).hasValue(0);
      assertThat(delivered).as("one response per exchange, each message id once").hasSize(total);
      assertThat(delivered.values()).containsOnly(1);

      // The three kinds of log: each side holds every exchange exactly as the others do.
      ExchangeAuditReport report = world.crossCheck();
      assertThat(report.discrepancies()).isEmpty();
      assertThat(report.exchanges()).isEqualTo(total);
      Set<String> ids = delivered.keySet();
      assertThat(report.messageIds().get(ExchangeAuditCheck.HUB)).isEqualTo(ids);
      Set<String> consumed = new HashSet<>();
      Set<String> provided = new HashSet<>();
      for (DepartmentApp app : world.apps()) {
        for (String id : report.messageIds().get(app.code)) {
          (isConsumer(app.audit, app.code, id) ? consumed : provided).add(id);
        }
      }
      assertThat(consumed).isEqualTo(ids);
      assertThat(provided).isEqualTo(ids);
      assertThat(delivers(world.police.audit) + delivers(world.health.audit) + delivers(world.insurance.audit))
          .as("one exchange.deliver per exchange at its consumer and one at its provider").isEqualTo(2L * total);
      assertThat(world.police.handlerRuns.get() + world.health.handlerRuns.get() + world.insurance.handlerRuns.get())
          .as("each provider handler ran once per exchange").isEqualTo(total);
    }
  }

  private static ExchangeRequest request(String resource, List<String> items, String keyItem, String key) {
    return ExchangeRequest.builder().resourceCode(resource).items(items).parameter(keyItem, key)
        .subject(ExchangeWorld.SUBJECT).purpose("负载测试").caseId("LOAD-1").timeout(Duration.ofSeconds(60)).build();
  }

  private static final Map<AuditLog, Map<String, String>> ACTORS = new ConcurrentHashMap<>();

  /** Whether {@code code}'s log records exchange {@code id} as its consumer (it is the actor). */
  private static boolean isConsumer(AuditLog log, String code, String id) {
    Map<String, String> actors = ACTORS.computeIfAbsent(log, l -> {
      Map<String, String> out = new java.util.HashMap<>();
      for (long i = 0; i < l.size(); i++) {
        AuditEvent e = l.read(i);
        e.messageId().ifPresent(m -> out.putIfAbsent(m, e.actor().departmentCode()));
      }
      return out;
    });
    return code.equals(actors.get(id));
  }

  private static long delivers(AuditLog log) {
    long n = 0;
    for (long i = 0; i < log.size(); i++) {
      if (log.read(i).action() == AuditAction.EXCHANGE_DELIVER) {
        n++;
      }
    }
    return n;
  }
}
