package dev.shuqiao.benchmarks;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import dev.shuqiao.audit.Actor;
import dev.shuqiao.audit.AuditAction;
import dev.shuqiao.audit.AuditEvent;
import dev.shuqiao.audit.AuditLog;
import dev.shuqiao.audit.AuditOutcome;
import dev.shuqiao.audit.HashSuite;
import dev.shuqiao.audit.HmacSubjectPseudonymizer;
import dev.shuqiao.audit.SubjectPseudonym;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable audit appends per second with 1, 8 and 64 concurrent appenders (each append returns only
 * after its record is forced to disk; group commit shares the fsyncs), next to the baseline of the
 * same events written as JSON lines by logback's {@code FileAppender} with {@code immediateFlush}
 * (flushed to the OS, not forced to disk, not tamper-evident) with the same thread counts.
 *
 * <p>{@code auditLogAppendAll16_64}: 64 appenders each commit {@value #BATCH} events per call with
 * {@link AuditLog#appendAll}; its score is events/s. {@code auditLogAsync_*}: each appender calls
 * {@link AuditLog#appendAsync} and keeps at most {@value #WINDOW} futures outstanding, waiting for
 * the oldest before it appends once more ({@link AsyncWindow}); the score counts calls, which runs
 * ahead of the completed futures by at most {@value #WINDOW} per appender (the iteration's teardown
 * waits for the rest). {@code rawForce*}: the ceiling the disk sets,
 * one 160-byte write and {@code FileChannel.force(false)} (fdatasync) per operation on one thread,
 * into zero-filled space as the log does ({@code Preallocated}) and at the end of a growing file.
 * With every appender waiting for its own entry, durable events/s cannot exceed appenders (times
 * events per call) divided by the force latency.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar AuditAppend</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class AuditAppendBenchmark {

  /** Hash suite of the audit log: sm3 (GM) or sha256 (INTL). */
  @Param({"sm3"})
  public String suite;

  private Path dir;
  private AuditLog log;
  private Logger baseline;
  private LoggerContext logback;
  private final AtomicLong sequence = new AtomicLong();
  private final SubjectPseudonym subject = HmacSubjectPseudonymizer.withKey(new byte[32]).pseudonymize("bench");

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("shuqiao-audit-bench");
    log = AuditLog.builder().directory(dir.resolve("audit")).hashSuite(HashSuite.fromId(suite))
        .origin("audit.bench.example").open();
    logback = new LoggerContext();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(logback);
    encoder.setPattern("%msg%n");
    encoder.start();
    FileAppender<ILoggingEvent> appender = new FileAppender<>();
    appender.setContext(logback);
    appender.setFile(dir.resolve("baseline.jsonl").toString());
    appender.setEncoder(encoder);
    appender.setImmediateFlush(true);
    appender.start();
    baseline = logback.getLogger("audit-baseline");
    baseline.setAdditive(false);
    baseline.setLevel(ch.qos.logback.classic.Level.INFO);
    baseline.addAppender(appender);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    log.close();
    logback.stop();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private AuditEvent event() {
    long n = sequence.incrementAndGet();
    return AuditEvent.builder()
        .actor(Actor.of("11450200MB0000000T", "birth-portal", "clerk-" + (n & 7)))
        .action(AuditAction.DATA_ACCESS)
        .resourceCode("450200-HC-0001")
        .caseId("CASE-" + (n >>> 4))
        .messageId("MSG-" + n)
        .outcome(AuditOutcome.SUCCESS)
        .timestamp(Instant.now())
        .subject(subject)
        .build();
  }

  /** The same fields as one JSON line, which is what a plain logger would be given. */
  private static String json(AuditEvent e) {
    return "{\"dept\":\"" + e.actor().departmentCode() + "\",\"system\":\"" + e.actor().system()
        + "\",\"operator\":\"" + e.actor().operatorId().orElse("") + "\",\"action\":\"" + e.action().code()
        + "\",\"resource\":\"" + e.resourceCode().orElse("") + "\",\"case\":\"" + e.caseId().orElse("")
        + "\",\"message\":\"" + e.messageId().orElse("") + "\",\"outcome\":\"" + e.outcome().code()
        + "\",\"time\":\"" + e.timestamp() + "\",\"subject\":\"" + e.subject().map(SubjectPseudonym::hex).orElse("")
        + "\"}";
  }

  @Benchmark
  @Threads(1)
  public long auditLog_1() {
    return log.append(event());
  }

  @Benchmark
  @Threads(8)
  public long auditLog_8() {
    return log.append(event());
  }

  @Benchmark
  @Threads(64)
  public long auditLog_64() {
    return log.append(event());
  }

  static final int BATCH = 16;

  @Benchmark
  @Threads(64)
  @OperationsPerInvocation(BATCH)
  public long auditLogAppendAll16_64() {
    List<AuditEvent> events = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      events.add(event());
    }
    return log.appendAll(events);
  }

  /** Futures each {@code auditLogAsync} appender keeps outstanding. */
  static final int WINDOW = 64;

  /**
   * One appender's outstanding {@link AuditLog#appendAsync} futures, oldest first: a request thread
   * that logs and goes on, bounded so that it never runs more than {@value #WINDOW} events ahead of
   * the disk.
   */
  @State(Scope.Thread)
  public static class AsyncWindow {
    private final ArrayDeque<CompletableFuture<Long>> outstanding = new ArrayDeque<>(WINDOW);
    /** Appends counted once their future completed. */
    long completed;

    /** Waits for the oldest future if {@value #WINDOW} are outstanding, then appends {@code event}. */
    void append(AuditLog log, AuditEvent event) {
      if (outstanding.size() >= WINDOW) {
        outstanding.removeFirst().join();
        completed++;
      }
      outstanding.addLast(log.appendAsync(event));
    }

    @TearDown(Level.Iteration)
    public void drain() {
      while (!outstanding.isEmpty()) {
        outstanding.removeFirst().join();
        completed++;
      }
    }
  }

  @Benchmark
  @Threads(1)
  public void auditLogAsync_1(AsyncWindow window) {
    window.append(log, event());
  }

  @Benchmark
  @Threads(8)
  public void auditLogAsync_8(AsyncWindow window) {
    window.append(log, event());
  }

  @Benchmark
  @Threads(64)
  public void auditLogAsync_64(AsyncWindow window) {
    window.append(log, event());
  }

  /** One file written record after record and forced after each; preallocated or growing. */
  @State(Scope.Thread)
  public static class ForcedFile {
    private static final long PREALLOCATED = 64L << 20;
    private final ByteBuffer record = ByteBuffer.allocateDirect(160);
    private Path file;
    private FileChannel channel;
    private long position;
    private boolean preallocated;

    void open(boolean zeroFilled) throws IOException {
      preallocated = zeroFilled;
      file = Files.createTempFile("shuqiao-force-bench", ".bin");
      channel = FileChannel.open(file, StandardOpenOption.WRITE);
      if (zeroFilled) {
        ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 20);
        for (long at = 0; at < PREALLOCATED; at += zeros.capacity()) {
          zeros.clear();
          while (zeros.hasRemaining()) {
            channel.write(zeros, at + zeros.position());
          }
        }
        channel.force(true);
      }
    }

    long writeAndForce() throws IOException {
      if (preallocated && position + record.capacity() > PREALLOCATED) {
        position = 0;
      }
      record.clear();
      while (record.hasRemaining()) {
        position += channel.write(record, position);
      }
      channel.force(false);
      return position;
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
      channel.close();
      Files.delete(file);
    }
  }

  /** A {@link ForcedFile} zero-filled ahead, as the log's segments are. */
  @State(Scope.Thread)
  public static class PreallocatedFile extends ForcedFile {
    @Setup(Level.Trial)
    public void setUp() throws IOException {
      open(true);
    }
  }

  /** A {@link ForcedFile} that grows with every record. */
  @State(Scope.Thread)
  public static class GrowingFile extends ForcedFile {
    @Setup(Level.Trial)
    public void setUp() throws IOException {
      open(false);
    }
  }

  @Benchmark
  @Threads(1)
  public long rawForcePreallocated_1(PreallocatedFile file) throws IOException {
    return file.writeAndForce();
  }

  @Benchmark
  @Threads(1)
  public long rawForceGrowing_1(GrowingFile file) throws IOException {
    return file.writeAndForce();
  }

  @Benchmark
  @Threads(1)
  public void logbackImmediateFlush_1() {
    baseline.info(json(event()));
  }

  @Benchmark
  @Threads(8)
  public void logbackImmediateFlush_8() {
    baseline.info(json(event()));
  }

  @Benchmark
  @Threads(64)
  public void logbackImmediateFlush_64() {
    baseline.info(json(event()));
  }
}
