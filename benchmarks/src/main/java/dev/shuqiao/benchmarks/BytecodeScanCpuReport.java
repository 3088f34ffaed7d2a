package dev.shuqiao.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.function.IntSupplier;

/**
 * The two operations of {@link BytecodeScanBenchmark}, interleaved in one JVM (Shuqiao, then
 * forbiddenapis, round after round), each measured as wall-clock time and as process CPU time per
 * operation. Interleaving exposes both sides to the same background load; CPU time counts all
 * threads (Shuqiao reads class files in parallel, forbiddenapis uses one thread), so it is the
 * amount of work, whatever the number of cores. Pin to one core for a single-core wall time:
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.shuqiao.benchmarks.BytecodeScanCpuReport [rounds]
 * taskset -c 0 java -XX:ActiveProcessorCount=1 -cp benchmarks/target/benchmarks.jar dev.shuqiao.benchmarks.BytecodeScanCpuReport
 * </pre>
 */
public final class BytecodeScanCpuReport {

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private BytecodeScanCpuReport() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    BytecodeScanBenchmark benchmark = new BytecodeScanBenchmark();
    benchmark.extractClasses();
    try {
      for (int i = 0; i < 3; i++) {
        benchmark.shuqiaoWeakCrypto();
        benchmark.forbiddenApisCheck();
      }
      long[] shuqiao = new long[2];
      long[] forbidden = new long[2];
      for (int i = 0; i < rounds; i++) {
        measure(benchmark::shuqiaoWeakCrypto, shuqiao);
        measure(benchmark::forbiddenApisCheck, forbidden);
      }
      System.out.printf("%d classes, %d rounds, %d available processor(s)%n", benchmark.classes, rounds,
          Runtime.getRuntime().availableProcessors());
      System.out.println("| operation | wall ms/op | CPU ms/op | classes/s (wall) | classes per CPU-second |");
      System.out.println("|---|---|---|---|---|");
      row("shuqiaoWeakCrypto", shuqiao, rounds, benchmark.classes);
      row("forbiddenApisCheck", forbidden, rounds, benchmark.classes);
    } finally {
      benchmark.deleteClasses();
    }
  }

  private static void measure(IntSupplier operation, long[] totals) {
    long wall = System.nanoTime();
    long cpu = OS.getProcessCpuTime();
    operation.getAsInt();
    totals[0] += System.nanoTime() - wall;
    totals[1] += OS.getProcessCpuTime() - cpu;
  }

  private static void row(String name, long[] totals, int rounds, int classes) {
    double wallMs = totals[0] / 1e6 / rounds;
    double cpuMs = totals[1] / 1e6 / rounds;
    System.out.printf("| %s | %.0f | %.0f | %.0f | %.0f |%n", name, wallMs, cpuMs, classes / (wallMs / 1000),
        classes / (cpuMs / 1000));
  }
}
