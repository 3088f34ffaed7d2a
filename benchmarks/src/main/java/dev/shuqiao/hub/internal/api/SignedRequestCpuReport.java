package dev.shuqiao.hub.internal.api;

import dev.shuqiao.crypto.KeyAlgorithm;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@link SignedRequestBenchmark}'s three requests measured as process CPU time per request (client
 * and hub run in this one process) and as wall time, in interleaved rounds (unsigned, session,
 * full, then again), printing the median round. CPU time is what a busy hub pays and is far less
 * sensitive to other load on a shared machine than JMH's wall-clock scores.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.shuqiao.hub.internal.api.SignedRequestCpuReport [KEY,...]</pre>
 */
public final class SignedRequestCpuReport {

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private static final int ROUNDS = Integer.getInteger("rounds", 7);
  private static final int REQUESTS = Integer.getInteger("requests", 2_000);

  private SignedRequestCpuReport() {}

  public static void main(String[] args) throws Exception {
    List<KeyAlgorithm> algorithms = args.length > 0
        ? Arrays.stream(args[0].split(",")).map(KeyAlgorithm::valueOf).toList() : List.of(KeyAlgorithm.values());
    System.out.println("| department key | unsigned µs CPU (wall) | session-signed µs CPU (wall) | fully signed µs CPU (wall)"
        + " | session ÷ unsigned, CPU (wall) | full ÷ unsigned, CPU (wall) |");
    System.out.println("|---|---|---|---|---|---|");
    for (KeyAlgorithm algorithm : algorithms) {
      SignedRequestBenchmark bench = new SignedRequestBenchmark();
      bench.keys = algorithm;
      bench.start();
      try {
        double[][] cpu = new double[3][ROUNDS];
        double[][] wall = new double[3][ROUNDS];
        List<Callable<Integer>> requests = List.of(bench::unsigned, bench::sessionSigned, bench::fullySigned);
        for (int round = -2; round < ROUNDS; round++) { // two warm-up rounds
          for (int kind = 0; kind < 3; kind++) {
            double[] measured = measure(requests.get(kind), kind == 2 ? REQUESTS / 4 : REQUESTS);
            if (round >= 0) {
              cpu[kind][round] = measured[0];
              wall[kind][round] = measured[1];
            }
          }
        }
        double[] c = {median(cpu[0]), median(cpu[1]), median(cpu[2])};
        double[] w = {median(wall[0]), median(wall[1]), median(wall[2])};
        System.out.printf("| %s | %.0f (%.0f) | %.0f (%.0f) | %.0f (%.0f) | %.2fx (%.2fx) | %.2fx (%.2fx) |%n", algorithm,
            c[0], w[0], c[1], w[1], c[2], w[2], c[1] / c[0], w[1] / w[0], c[2] / c[0], w[2] / w[0]);
      } finally {
        bench.stop();
      }
    }
  }

  /** Process CPU µs and wall µs per request. */
  private static double[] measure(Callable<Integer> request, int count) throws Exception {
    long cpuStart = OS.getProcessCpuTime();
    long wallStart = System.nanoTime();
    for (int i = 0; i < count; i++) {
      request.call();
    }
    return new double[] {(OS.getProcessCpuTime() - cpuStart) / 1e3 / count, (System.nanoTime() - wallStart) / 1e3 / count};
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
