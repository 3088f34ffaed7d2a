package dev.shuqiao.benchmarks;

import dev.shuqiao.crypto.KeyAlgorithm;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.Callable;

/**
 * The same operations as {@link EnvelopeBenchmark} and {@link JoseBenchmark}, measured as CPU time
 * of the calling thread per operation (after a warm-up) instead of wall-clock throughput. On a
 * shared, loaded machine JMH's error bars swamp the scores; thread CPU time is far less sensitive to
 * other processes, so its ratios are the ones to read there.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.shuqiao.benchmarks.CpuTimeReport</pre>
 */
public final class CpuTimeReport {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private CpuTimeReport() {}

  public static void main(String[] args) throws Exception {
    System.out.println("| key | payload | sealOpen µs | rawAeadAndHash µs | rawSignVerify µs | JWE nested µs |");
    System.out.println("|---|---|---|---|---|---|");
    for (int size : new int[] {1024, 1048576}) {
      int runs = size == 1024 ? 2000 : 40;
      JoseBenchmark jose = new JoseBenchmark();
      jose.size = size;
      jose.setUp();
      double jwe = micros(jose::jweNestedSignedSealOpen, runs);
      for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
        EnvelopeBenchmark envelope = new EnvelopeBenchmark();
        envelope.algorithm = algorithm;
        envelope.size = size;
        envelope.setUp();
        System.out.printf("| %s | %d | %.0f | %.0f | %.0f | %s |%n", algorithm, size, micros(envelope::sealOpen, runs),
            micros(envelope::rawAeadAndHash, runs), micros(envelope::rawSignVerify, Math.min(runs, 500)),
            algorithm == KeyAlgorithm.ECDSA_P256 ? String.format("%.0f", jwe) : "—");
      }
    }
  }

  private static double micros(Callable<?> operation, int runs) throws Exception {
    for (int i = 0; i < runs; i++) {
      operation.call();
    }
    long start = THREADS.getCurrentThreadCpuTime();
    for (int i = 0; i < runs; i++) {
      operation.call();
    }
    return (THREADS.getCurrentThreadCpuTime() - start) / 1e3 / runs;
  }
}
