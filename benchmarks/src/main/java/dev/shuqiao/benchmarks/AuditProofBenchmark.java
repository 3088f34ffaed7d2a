package dev.shuqiao.benchmarks;

import dev.shuqiao.audit.Actor;
import dev.shuqiao.audit.AuditAction;
import dev.shuqiao.audit.AuditEvent;
import dev.shuqiao.audit.AuditLog;
import dev.shuqiao.audit.AuditOutcome;
import dev.shuqiao.audit.HashSuite;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Inclusion and consistency proof generation in a log of {@code size} entries. The log is built once
 * under {@code target/audit-proof-log-<size>} (64 appenders, durable) and reused by later runs;
 * 10M entries need about 2 GB of disk and {@code -Xmx2g}:
 *
 * <pre>java -Xmx2g -jar benchmarks/target/benchmarks.jar AuditProof -p size=10000000</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class AuditProofBenchmark {

  @Param("1000000")
  public long size;

  private AuditLog log;
  private final SplittableRandom random = new SplittableRandom(42);

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    Path dir = Path.of("target", "audit-proof-log-" + size);
    log = AuditLog.builder().directory(dir).hashSuite(HashSuite.SM3).origin("audit.proof.example").open();
    fill(log, size);
  }

  private static void fill(AuditLog log, long size) throws Exception {
    AtomicLong next = new AtomicLong(log.size());
    ExecutorService pool = Executors.newFixedThreadPool(64);
    List<Future<?>> workers = new java.util.ArrayList<>();
    for (int t = 0; t < 64; t++) {
      workers.add(pool.submit(() -> {
        for (long n = next.getAndIncrement(); n < size; n = next.getAndIncrement()) {
          log.append(AuditEvent.builder().actor(Actor.of("11450200MB0000000T", "bench"))
              .action(AuditAction.DATA_ACCESS).resourceCode("R-" + (n % 97)).caseId("CASE-" + (n % 100_003))
              .outcome(AuditOutcome.SUCCESS).timestamp(Instant.ofEpochSecond(1_790_000_000L + n)).build());
        }
        return null;
      }));
    }
    for (Future<?> worker : workers) {
      worker.get();
    }
    pool.shutdown();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    log.close();
  }

  @Benchmark
  public List<byte[]> inclusionProof() {
    return log.inclusionProof(random.nextLong(size), size);
  }

  @Benchmark
  public List<byte[]> consistencyProof() {
    return log.consistencyProof(1 + random.nextLong(size - 1), size);
  }
}
