package dev.shuqiao.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cases of {@link AuditAppendBenchmark} with 1, 8 and 64 appenders (or the counts given),
 * measured as CPU time of the whole process per event (all threads, JIT and GC included) next to
 * the wall-clock rate. On a shared, loaded machine the wall-clock rate mostly measures the other
 * tenants' disk traffic (every durable append waits for an fsync); CPU time per event is the cost
 * the log itself adds, and its ratio to logback's is the one to read there. Before each row it
 * times 100 single-record fdatasyncs on a preallocated file, as the log does them: with every
 * appender waiting for its own entry, {@code N} appenders cannot exceed {@code N} / that latency
 * (times the events per call). A row with {@code N} appenders runs {@code events * N / 64} events
 * (at least 20,000), so that the single-appender rows, which wait for one fsync per event, stay short.
 * The third argument, if given, names the cases to run (e.g. {@code logbackImmediateFlush,auditLogAsync}).
 *
 * <p>{@code auditLogAsync}: every thread keeps up to {@value AuditAppendBenchmark#WINDOW} {@code
 * appendAsync} futures outstanding and waits for all of its own before it ends, so the clock stops
 * only once every event counted is durable.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.shuqiao.benchmarks.AuditCpuReport [events] [appenders,...] [cases,...]</pre>
 */
public final class AuditCpuReport {

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** The cases to run; all when no third argument is given. */
  private static java.util.function.Predicate<String> selected = name -> true;

  private AuditCpuReport() {}

  public static void main(String[] args) throws Exception {
    long events = args.length > 0 ? Long.parseLong(args[0]) : 300_000;
    int[] counts = args.length > 1 ? Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray()
        : new int[] {64};
    if (args.length > 2) {
      selected = java.util.Set.of(args[2].split(","))::contains;
    }
    AuditAppendBenchmark bench = new AuditAppendBenchmark();
    bench.suite = "sm3";
    bench.setUp();
    try {
      System.out.println("| appenders | case | events/s (wall) | CPU µs per event | fdatasync p50 ms just before |");
      System.out.println("|---|---|---|---|---|");
      for (int round = 0; round < 2; round++) { // the first round warms up the JIT
        boolean print = round == 1;
        for (int threads : counts) {
          long rowEvents = Math.max(20_000, events * threads / 64);
          // The JMH methods' bodies do not depend on their @Threads count; the _64 ones serve every row.
          run(threads, "logbackImmediateFlush", () -> {
            bench.logbackImmediateFlush_64();
            return null;
          }, 1, rowEvents, print);
          run(threads, "auditLog", bench::auditLog_64, 1, rowEvents, print);
          run(threads, "auditLogAppendAll16", bench::auditLogAppendAll16_64, AuditAppendBenchmark.BATCH, rowEvents,
              print);
          runAsync(threads, bench, rowEvents, print);
        }
      }
    } finally {
      bench.tearDown();
    }
  }

  /** What one appender thread does: {@link #call} per call, then {@link #finish} once. */
  private interface Appender {
    void call() throws Exception;

    default void finish() {}
  }

  private static void run(int threadCount, String name, Callable<?> call, int eventsPerCall, long events,
      boolean print) throws Exception {
    runEach(threadCount, name, () -> call::call, eventsPerCall, events, print);
  }

  private static void runEach(int threadCount, String name, java.util.function.Supplier<Appender> appenders,
      int eventsPerCall, long events, boolean print) throws Exception {
    if (!selected.test(name)) {
      return;
    }
    double forceMillis = forceMillis();
    AtomicLong done = new AtomicLong();
    Thread[] threads = new Thread[threadCount];
    long cpu = OS.getProcessCpuTime();
    long wall = System.nanoTime();
    for (int t = 0; t < threadCount; t++) {
      threads[t] = new Thread(() -> {
        try {
          Appender appender = appenders.get();
          while (done.addAndGet(eventsPerCall) <= events) {
            appender.call();
          }
          appender.finish();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      threads[t].start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    double seconds = (System.nanoTime() - wall) / 1e9;
    double cpuMicros = (OS.getProcessCpuTime() - cpu) / 1e3;
    if (print) {
      System.out.printf("| %d | `%s` | %,.0f | %.1f | %.2f |%n", threadCount, name, events / seconds,
          cpuMicros / events, forceMillis);
    }
  }

  /** {@code auditLogAsync}: each thread appends through its own {@link AuditAppendBenchmark.AsyncWindow}. */
  private static void runAsync(int threadCount, AuditAppendBenchmark bench, long events, boolean print)
      throws Exception {
    AtomicLong completed = new AtomicLong();
    runEach(threadCount, "auditLogAsync", () -> {
      AuditAppendBenchmark.AsyncWindow window = new AuditAppendBenchmark.AsyncWindow();
      return new Appender() {
        @Override
        public void call() {
          bench.auditLogAsync_64(window);
        }

        @Override
        public void finish() {
          window.drain();
          completed.addAndGet(window.completed);
        }
      };
    }, 1, events, print);
    if (selected.test("auditLogAsync") && completed.get() != events) {
      throw new IllegalStateException(completed + " of " + events + " async appends completed");
    }
  }

  /** Median of 100 write-and-fdatasync rounds of one record into zero-filled space. */
  private static double forceMillis() throws Exception {
    AuditAppendBenchmark.PreallocatedFile file = new AuditAppendBenchmark.PreallocatedFile();
    file.setUp();
    try {
      long[] nanos = new long[100];
      for (int i = 0; i < nanos.length; i++) {
        long start = System.nanoTime();
        file.writeAndForce();
        nanos[i] = System.nanoTime() - start;
      }
      Arrays.sort(nanos);
      return nanos[nanos.length / 2] / 1e6;
    } finally {
      file.close();
    }
  }
}
