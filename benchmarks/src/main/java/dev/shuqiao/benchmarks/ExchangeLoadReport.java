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
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.shuqiao.benchmarks.ExchangeLoadReport SM2,ED25519 [threads=16] [rounds=6] [seconds=4] [warm-up seconds per path=20]</pre>
 */
public final class ExchangeLoadReport {

  private ExchangeLoadReport() {}

  private interface Path {
    int run(String number) throws Exception;
  }

  /**
   * {@code cpuMillis}: this JVM's CPU time per completed exchange, all parties together;
   * {@code appMillis}: the same for Java threads only (without the JIT compiler and GC threads, whose
   * work on a loaded machine goes on for minutes and would otherwise be charged to the hub path).
   */
  private record Round(double perSecond, double p50Millis, double p99Millis, long failures, double cpuMillis,
      double appMillis) {}

  private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

  /** CPU nanoseconds of the live Java threads, by thread id. */
  private static java.util.Map<Long, Long> threadCpu() {
    java.util.Map<Long, Long> cpu = new java.util.HashMap<>();
    for (long id : THREADS.getAllThreadIds()) {
      long t = THREADS.getThreadCpuTime(id);
      if (t > 0) {
        cpu.put(id, t);
      }
    }
    return cpu;
  }

  private static final java.lang.management.CompilationMXBean JIT =
      java.lang.management.ManagementFactory.getCompilationMXBean();
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

  public static void main(String[] args) throws Exception {
    String[] suites = (args.length > 0 ? args[0] : "SM2,ED25519").split(",");
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 6;
    double seconds = args.length > 3 ? Double.parseDouble(args[3]) : 4;
    double warmUp = args.length > 4 ? Double.parseDouble(args[4]) : 20;
    System.out.printf(Locale.ROOT, "%d callers, %d rounds of %.1f s per path, %d cores%n", threads, rounds, seconds,
        Runtime.getRuntime().availableProcessors());
    for (String suite : suites) {
      try (ExchangeCity city = new ExchangeCity(KeyAlgorithm.valueOf(suite.trim()))) {
        report(suite.trim(), city, threads, rounds, seconds, warmUp);
      }
    }
  }

  private static void report(String suite, ExchangeCity city, int threads, int rounds, double seconds, double warmUp)
      throws Exception {
    Path hub = city::throughHub;
    Path direct = city::direct;
    // Warm-up of both paths (connections, sessions, caches, and above all the JIT: the hub path runs far
    // more code, and its compilation, if it fell into the measured rounds, would be counted as its CPU).
    run(hub, threads, warmUp);
    run(direct, threads, warmUp);
    long compiledBefore = JIT.getTotalCompilationTime();
    List<Double> throughputRatios = new ArrayList<>();
    List<Double> p50Ratios = new ArrayList<>();
    List<Double> p99Ratios = new ArrayList<>();
    List<Double> hubRates = new ArrayList<>();
    List<Double> cpuRatios = new ArrayList<>();
    List<Double> appRatios = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      boolean hubFirst = i % 2 == 0;
      Round a = run(hubFirst ? hub : direct, threads, seconds);
      Round b = run(hubFirst ? direct : hub, threads, seconds);
      Round h = hubFirst ? a : b;
      Round d = hubFirst ? b : a;
      System.out.printf(Locale.ROOT,
          "%s round %d: hub %.0f/s p50 %.2f ms p99 %.2f ms cpu %.2f ms (Java threads %.2f) (failures %d) | direct %.0f/s p50 %.2f ms p99 %.2f ms cpu %.2f ms (Java threads %.2f) (failures %d)%n",
          suite, i + 1, h.perSecond, h.p50Millis, h.p99Millis, h.cpuMillis, h.appMillis, h.failures, d.perSecond,
          d.p50Millis, d.p99Millis, d.cpuMillis, d.appMillis, d.failures);
      appRatios.add(h.appMillis / d.appMillis);
      cpuRatios.add(h.cpuMillis / d.cpuMillis);
      throughputRatios.add(h.perSecond / d.perSecond);
      p50Ratios.add(h.p50Millis / d.p50Millis);
      p99Ratios.add(h.p99Millis / d.p99Millis);
      hubRates.add(h.perSecond);
    }
    System.out.printf(Locale.ROOT, "%s JIT compilation during the measured rounds: %d ms%n", suite,
        JIT.getTotalCompilationTime() - compiledBefore);
    System.out.printf(Locale.ROOT,
        "%s medians: through the hub %.0f exchanges/s; hub ÷ direct: throughput %.2f, p50 %.2f, p99 %.2f, CPU per exchange %.2f (Java threads %.2f)%n",
        suite, median(hubRates), median(throughputRatios), median(p50Ratios), median(p99Ratios), median(cpuRatios),
        median(appRatios));
  }

  private static Round run(Path path, int threads, double seconds) throws InterruptedException {
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    List<long[]> latencies = new ArrayList<>();
    AtomicLong failures = new AtomicLong();
    AtomicLong completed = new AtomicLong();
    CountDownLatch done = new CountDownLatch(threads);
    long start = System.nanoTime();
    long cpuStart = OS.getProcessCpuTime();
    java.util.Map<Long, Long> threadsBefore = threadCpu();
    AtomicLong workerNanos = new AtomicLong();
    java.util.Set<Long> workerIds = java.util.concurrent.ConcurrentHashMap.newKeySet();
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
          workerNanos.addAndGet(THREADS.getCurrentThreadCpuTime());
          done.countDown();
        }
      }, "exchange-load-" + slot);
      worker.setDaemon(true);
      workerIds.add(worker.getId());
      worker.start();
    }
    done.await();
    double elapsed = (System.nanoTime() - start) / 1e9;
    double cpuMillis = (OS.getProcessCpuTime() - cpuStart) / 1e6 / Math.max(1, completed.get());
    long appNanos = 0;
    for (var entry : threadCpu().entrySet()) {
      if (!workerIds.contains(entry.getKey())) {
        appNanos += entry.getValue() - threadsBefore.getOrDefault(entry.getKey(), 0L);
      }
    }
    appNanos += workerNanos.get();
    double appMillis = appNanos / 1e6 / Math.max(1, completed.get());
    long[] all = latencies.stream().flatMapToLong(a -> Arrays.stream(a).takeWhile(v -> v > 0)).sorted().toArray();
    return new Round(completed.get() / elapsed, percentile(all, 0.50) / 1e6, percentile(all, 0.99) / 1e6, failures.get(), cpuMillis, appMillis);
  }

  private static double percentile(long[] sorted, double q) {
    return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
  }

  private static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
