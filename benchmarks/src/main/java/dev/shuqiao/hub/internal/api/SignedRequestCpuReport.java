package dev.shuqiao.hub.internal.api;

import dev.shuqiao.crypto.KeyAlgorithm;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@link SignedRequestBenchmark}'s three requests measured as CPU time per request, summed over the
 * process's threads (client and hub run in this one process), and as wall time, in interleaved
 * rounds (a block of each request, the order turning each round). It prints the median round and,
 * for the ratios, the median of each round's own ratio. CPU time is what a busy hub pays and is far
 * less sensitive to other load on a shared machine than JMH's wall-clock scores; many short rounds
 * keep the blocks compared close together in time. The last column is the bytes allocated per
 * request by every thread of the process (client, Jetty, hub), median round.
 *
 * <pre>java -Drounds=N -Drequests=PER_BLOCK -DwarmupRounds=N -cp benchmarks/target/benchmarks.jar \
 *     dev.shuqiao.hub.internal.api.SignedRequestCpuReport [KEY,...]</pre>
 */
public final class SignedRequestCpuReport {

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static final int ROUNDS = Integer.getInteger("rounds", 7);
  private static final int REQUESTS = Integer.getInteger("requests", 2_000);
  private static final int WARMUP_ROUNDS = Integer.getInteger("warmupRounds", 2);

  private SignedRequestCpuReport() {}

  public static void main(String[] args) throws Exception {
    List<KeyAlgorithm> algorithms = args.length > 0
        ? Arrays.stream(args[0].split(",")).map(KeyAlgorithm::valueOf).toList() : List.of(KeyAlgorithm.values());
    System.out.println("| department key | unsigned µs CPU (wall) | session-signed µs CPU (wall) | fully signed µs CPU (wall)"
        + " | session ÷ unsigned, CPU (wall) | full ÷ unsigned, CPU (wall) | KB allocated: unsigned, session, full |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (KeyAlgorithm algorithm : algorithms) {
      SignedRequestBenchmark bench = new SignedRequestBenchmark();
      bench.keys = algorithm;
      bench.start();
      try {
        System.out.println(report(algorithm, List.of(bench::unsigned, bench::sessionSigned, bench::fullySigned)));
      } finally {
        bench.stop();
      }
    }
  }

  /**
   * One table row. Each round measures the three requests one block after the other, the order
   * turning each round; a ratio is the median of the rounds' own ratios, so that short rounds next
   * to each other in time cancel most of what other processes on the machine do.
   */
  private static String report(KeyAlgorithm algorithm, List<Callable<Integer>> requests) throws Exception {
    double[][][] m = new double[3][3][ROUNDS]; // [cpu, wall, bytes][kind][round]
    for (int round = -WARMUP_ROUNDS; round < ROUNDS; round++) {
      for (int k = 0; k < 3; k++) {
        int kind = (k + Math.max(round, 0)) % 3;
        double[] measured = measure(requests.get(kind), kind == 2 ? Math.max(REQUESTS / 4, 1) : REQUESTS);
        for (int what = 0; round >= 0 && what < 3; what++) {
          m[what][kind][round] = measured[what];
        }
      }
    }
    return String.format("| %s | %.0f (%.0f) | %.0f (%.0f) | %.0f (%.0f) | %.2fx (%.2fx) | %.2fx (%.2fx) | %.1f, %.1f, %.1f |",
        algorithm, median(m[0][0]), median(m[1][0]), median(m[0][1]), median(m[1][1]), median(m[0][2]), median(m[1][2]),
        medianRatio(m[0][1], m[0][0]), medianRatio(m[1][1], m[1][0]), medianRatio(m[0][2], m[0][0]),
        medianRatio(m[1][2], m[1][0]), median(m[2][0]) / 1024, median(m[2][1]) / 1024, median(m[2][2]) / 1024);
  }

  private static double medianRatio(double[] numerators, double[] denominators) {
    double[] ratios = new double[numerators.length];
    for (int i = 0; i < ratios.length; i++) {
      ratios[i] = numerators[i] / denominators[i];
    }
    return median(ratios);
  }

  /** CPU µs (all threads), wall µs and bytes allocated (all threads) per request. */
  private static double[] measure(Callable<Integer> request, int count) throws Exception {
    long[] threads = THREADS.getAllThreadIds();
    long allocatedStart = sum(THREADS.getThreadAllocatedBytes(threads));
    long cpuStart = sum(THREADS.getThreadCpuTime(threads));
    long wallStart = System.nanoTime();
    for (int i = 0; i < count; i++) {
      request.call();
    }
    long wallEnd = System.nanoTime();
    long cpuEnd = sum(THREADS.getThreadCpuTime(threads));
    return new double[] {(cpuEnd - cpuStart) / 1e3 / count, (wallEnd - wallStart) / 1e3 / count,
        (double) (sum(THREADS.getThreadAllocatedBytes(threads)) - allocatedStart) / count};
  }

  /**
   * The sum over the threads alive when a block starts (Jetty's pool and the client's keep theirs
   * across blocks). Per-thread CPU time counts in nanoseconds; the process's total moves in ticks of
   * 10 ms, too coarse for short blocks.
   */
  private static long sum(long[] perThread) {
    long sum = 0;
    for (long value : perThread) {
      sum += Math.max(value, 0);
    }
    return sum;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
