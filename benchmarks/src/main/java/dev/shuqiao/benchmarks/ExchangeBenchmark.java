package dev.shuqiao.benchmarks;

import dev.shuqiao.crypto.KeyAlgorithm;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A 1 KiB exchange through the hub ({@code throughHub}: consumer SDK → hub checks, ticket, relay →
 * provider SDK → back) next to the same sealed consumer → provider call made directly on loopback
 * ({@code direct}), in the same fork with the same parties (see {@link ExchangeCity}). Throughput and
 * sample modes, so JMH reports exchanges/s and p50/p99. Every party runs in this JVM on this machine.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar ExchangeBenchmark -p suite=SM2,ED25519 -t 16</pre>
 *
 * {@link ExchangeLoadReport} alternates the two paths in short rounds and prints their ratios, which
 * cancels out load that changes during a run.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Threads(16)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class ExchangeBenchmark {

  @Param({"SM2", "ED25519"})
  String suite;

  private ExchangeCity city;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    city = new ExchangeCity(KeyAlgorithm.valueOf(suite));
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    city.close();
  }

  @Benchmark
  public int throughHub() {
    return city.throughHub(number());
  }

  @Benchmark
  public int direct() throws Exception {
    return city.direct(number());
  }

  static String number() {
    return "Q45" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
  }
}
