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
 * interleaved rounds (sealOpen with default settings, sealOpen with a fresh ephemeral key,
 * rawAeadAndHash, rawSignVerify, JWE, then again; five, or {@code -Drounds=N}) and the median round is
 * printed, so a burst of load elsewhere hits every column alike; the ratios to the AEAD + hashing floor
 * are the medians of the per-round ratios.
 *
 * <pre>java [-Druns=N] [-Drounds=N] -cp benchmarks/target/benchmarks.jar dev.shuqiao.benchmarks.CpuTimeReport [SIZE,...] [KEY,...]</pre>
 */
public final class CpuTimeReport {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final int ROUNDS = Integer.getInteger("rounds", 5);

  private CpuTimeReport() {}

  public static void main(String[] args) throws Exception {
    int[] sizes = args.length > 0 ? Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray()
        : new int[] {1024, 1048576};
    List<KeyAlgorithm> algorithms = args.length > 1
        ? Arrays.stream(args[1].split(",")).map(KeyAlgorithm::valueOf).toList() : List.of(KeyAlgorithm.values());
    System.out.println("| key | payload | sealOpen µs | sealOpen fresh ephemeral µs | rawAeadAndHash µs"
        + " | rawSignVerify µs | JWE nested µs | sealOpen / AEAD+hash | fresh / AEAD+hash"
        + " | sealOpen / (AEAD+hash+sign/verify) |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|");
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
        List<Callable<?>> operations = List.of(envelope::sealOpen, envelope::sealOpenFreshEphemeral,
            envelope::rawAeadAndHash, envelope::rawSignVerify, jose::jweNestedSignedSealOpen);
        int[] runsOf = {runs, runs, runs, Math.min(runs, 500), withJwe ? (size == 1024 ? runs : 4) : 0};
        double[][] rounds = new double[operations.size()][ROUNDS];
        for (int round = -1; round < ROUNDS; round++) {  // round -1 warms up
          for (int op = 0; op < operations.size(); op++) {
            double micros = runsOf[op] == 0 ? 0 : micros(operations.get(op), runsOf[op]);
            if (round >= 0) {
              rounds[op][round] = micros;
            }
          }
        }
        double seal = median(rounds[0]);
        double fresh = median(rounds[1]);
        double aead = median(rounds[2]);
        double sign = median(rounds[3]);
        System.out.printf("| %s | %d | %.0f | %.0f | %.0f | %.0f | %s | %.2fx | %.2fx | %.2fx |%n", algorithm, size, seal,
            fresh, aead, sign, withJwe ? String.format("%.0f", median(rounds[4])) : "—", medianRatio(rounds[0], rounds[2]),
            medianRatio(rounds[1], rounds[2]), seal / (aead + sign));
      }
    }
  }

  /**
   * The median of the per-round ratios: an operation and its floor run back to back in each round, so
   * a burst of load that slows one round slows both and cancels out of that round's ratio.
   */
  private static double medianRatio(double[] numerators, double[] denominators) {
    double[] ratios = new double[numerators.length];
    for (int i = 0; i < ratios.length; i++) {
      ratios[i] = numerators[i] / denominators[i];
    }
    return median(ratios);
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
