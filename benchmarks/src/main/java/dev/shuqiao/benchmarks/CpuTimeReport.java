package dev.shuqiao.benchmarks;

import dev.shuqiao.crypto.KeyAlgorithm;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The same operations as {@link EnvelopeBenchmark} and {@link JoseBenchmark}, measured as CPU time
 * of the calling thread per operation (after a warm-up) instead of wall-clock throughput. On a
 * shared, loaded machine JMH's error bars swamp the scores; thread CPU time is far less sensitive to
 * other processes, so its ratios are the ones to read there. Each operation is measured in
 * {@value #ROUNDS} interleaved rounds (sealOpen, rawAeadAndHash, rawSignVerify, JWE, then again) and
 * the median round is printed, so a burst of load elsewhere hits every column alike.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.shuqiao.benchmarks.CpuTimeReport [SIZE,...] [KEY,...]</pre>
 */
public final class CpuTimeReport {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final int ROUNDS = 5;

  private CpuTimeReport() {}

  public static void main(String[] args) throws Exception {
    int[] sizes = args.length > 0 ? Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray()
        : new int[] {1024, 1048576};
    List<KeyAlgorithm> algorithms = args.length > 1
        ? Arrays.stream(args[1].split(",")).map(KeyAlgorithm::valueOf).toList() : List.of(KeyAlgorithm.values());
    System.out.println("| key | payload | sealOpen µs | rawAeadAndHash µs | rawSignVerify µs | JWE nested µs |"
        + " sealOpen / AEAD+hash | sealOpen / (AEAD+hash+sign/verify) |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    for (int size : sizes) {
      int runs = size == 1024 ? 1000 : Integer.getInteger("runs", 20);
      JoseBenchmark jose = new JoseBenchmark();
      jose.size = size;
      jose.setUp();
      for (KeyAlgorithm algorithm : algorithms) {
        EnvelopeBenchmark envelope = new EnvelopeBenchmark();
        envelope.algorithm = algorithm;
        envelope.size = size;
        envelope.setUp();
        boolean withJwe = algorithm == KeyAlgorithm.ECDSA_P256;
        double[][] rounds = new double[4][ROUNDS];
        for (int round = -1; round < ROUNDS; round++) {  // round -1 warms up
          double seal = micros(envelope::sealOpen, runs);
          double aead = micros(envelope::rawAeadAndHash, runs);
          double sign = micros(envelope::rawSignVerify, Math.min(runs, 500));
          double jwe = withJwe ? micros(jose::jweNestedSignedSealOpen, size == 1024 ? runs : 4) : 0;
          if (round >= 0) {
            rounds[0][round] = seal;
            rounds[1][round] = aead;
            rounds[2][round] = sign;
            rounds[3][round] = jwe;
          }
        }
        double seal = median(rounds[0]);
        double aead = median(rounds[1]);
        double sign = median(rounds[2]);
        System.out.printf("| %s | %d | %.0f | %.0f | %.0f | %s | %.2fx | %.2fx |%n", algorithm, size, seal, aead, sign,
            withJwe ? String.format("%.0f", median(rounds[3])) : "—", seal / aead, seal / (aead + sign));
      }
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
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
