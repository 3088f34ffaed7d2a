package dev.shuqiao.benchmarks;

import dev.shuqiao.crypto.KeyAlgorithm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Exchanges through the hub against the direct consumer → provider call ({@link ExchangeCity}),
 * alternated in rounds of a few seconds with the same number of concurrent callers, so that a load
 * burst hits both paths alike. Per round: exchanges/s, p50 and p99 latency of each path; at the end
 * the medians of the per-round ratios (hub ÷ direct).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.shuqiao.benchmarks.ExchangeLoadReport SM2,ED25519 [threads=16] [rounds=6] [seconds=4]</pre>
 */
public final class ExchangeLoadReport {

  private ExchangeLoadReport() {}

  private interface Path {
    int run(String number) throws Exception;
  }

  /** {@code cpuMillis}: this JVM's CPU time per completed exchange, all parties together. */
  private record Round(double perSecond, double p50Millis, double p99Millis, long failures, double cpuMillis) {}

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

  public static void main(String[] args) throws Exception {
    String[] suites = (args.length > 0 ? args[0] : "SM2,ED25519").split(",");
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 6;
    double seconds = args.length > 3 ? Double.parseDouble(args[3]) : 4;
    System.out.printf(Locale.ROOT, "%d callers, %d rounds of %.1f s per path, %d cores%n", threads, rounds, seconds,
        Runtime.getRuntime().availableProcessors());
    for (String suite : suites) {
      try (ExchangeCity city = new ExchangeCity(KeyAlgorithm.valueOf(suite.trim()))) {
        report(suite.trim(), city, threads, rounds, seconds);
      }
    }
  }

  private static void report(String suite, ExchangeCity city, int threads, int rounds, double seconds) throws Exception {
    Path hub = city::throughHub;
    Path direct = city::direct;
    run(hub, threads, 3); // warm-up of both paths (JIT, connections, sessions, agreement caches)
    run(direct, threads, 3);
    List<Double> throughputRatios = new ArrayList<>();
    List<Double> p50Ratios = new ArrayList<>();
    List<Double> p99Ratios = new ArrayList<>();
    List<Double> hubRates = new ArrayList<>();
    List<Double> cpuRatios = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      boolean hubFirst = i % 2 == 0;
      Round a = run(hubFirst ? hub : direct, threads, seconds);
      Round b = run(hubFirst ? direct : hub, threads, seconds);
      Round h = hubFirst ? a : b;
      Round d = hubFirst ? b : a;
      System.out.printf(Locale.ROOT,
          "%s round %d: hub %.0f/s p50 %.2f ms p99 %.2f ms cpu %.2f ms (failures %d) | direct %.0f/s p50 %.2f ms p99 %.2f ms cpu %.2f ms (failures %d)%n",
          suite, i + 1, h.perSecond, h.p50Millis, h.p99Millis, h.cpuMillis, h.failures, d.perSecond, d.p50Millis,
          d.p99Millis, d.cpuMillis, d.failures);
      cpuRatios.add(h.cpuMillis / d.cpuMillis);
      throughputRatios.add(h.perSecond / d.perSecond);
      p50Ratios.add(h.p50Millis / d.p50Millis);
      p99Ratios.add(h.p99Millis / d.p99Millis);
      hubRates.add(h.perSecond);
    }
    System.out.printf(Locale.ROOT,
        "%s medians: through the hub %.0f exchanges/s; hub ÷ direct: throughput %.2f, p50 %.2f, p99 %.2f, CPU per exchange %.2f%n",
        suite, median(hubRates), median(throughputRatios), median(p50Ratios), median(p99Ratios), median(cpuRatios));
  }

  private static Round run(Path path, int threads, double seconds) throws InterruptedException {
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    List<long[]> latencies = new ArrayList<>();
    AtomicLong failures = new AtomicLong();
    AtomicLong completed = new AtomicLong();
    CountDownLatch done = new CountDownLatch(threads);
    long start = System.nanoTime();
    long cpuStart = OS.getProcessCpuTime();
    for (int t = 0; t < threads; t++) {
      long[] mine = new long[1 << 18];
      latencies.add(mine);
      int slot = t;
      Thread worker = new Thread(() -> {
        int n = 0;
        try {
          while (System.nanoTime() < deadline && n < mine.length) {
            long begin = System.nanoTime();
            try {
              path.run(ExchangeBenchmark.number());
              mine[n++] = System.nanoTime() - begin;
              completed.incrementAndGet();
            } catch (Exception | AssertionError e) {
              if (failures.incrementAndGet() == 1) {
                System.err.println("first failure: " + e);
              }
            }
          }
        } finally {
          if (n < mine.length) {
            mine[n] = -1; // end marker
          }
          done.countDown();
        }
      }, "exchange-load-" + slot);
      worker.setDaemon(true);
      worker.start();
    }
    done.await();
    double elapsed = (System.nanoTime() - start) / 1e9;
    double cpuMillis = (OS.getProcessCpuTime() - cpuStart) / 1e6 / Math.max(1, completed.get());
    long[] all = latencies.stream().flatMapToLong(a -> Arrays.stream(a).takeWhile(v -> v > 0)).sorted().toArray();
    return new Round(completed.get() / elapsed, percentile(all, 0.50) / 1e6, percentile(all, 0.99) / 1e6, failures.get(), cpuMillis);
  }

  private static double percentile(long[] sorted, double q) {
    return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
  }

  private static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
