package dev.shuqiao.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The 64-appender cases of {@link AuditAppendBenchmark}, measured as CPU time of the whole process
 * per event (all threads, JIT and GC included) next to the wall-clock rate. On a shared, loaded
 * machine the wall-clock rate mostly measures the other tenants' disk traffic (every durable append
 * waits for an fsync); CPU time per event is the cost the log itself adds, and its ratio to
 * logback's is the one to read there. Before each row it times 100 single-record fdatasyncs on a
 * preallocated file, as the log does them: with every appender waiting for its own entry, 64
 * appenders cannot exceed 64 / that latency (times the events per call).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.shuqiao.benchmarks.AuditCpuReport [events]</pre>
 */
public final class AuditCpuReport {

  private static final int THREADS = 64;
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private AuditCpuReport() {}

  public static void main(String[] args) throws Exception {
    long events = args.length > 0 ? Long.parseLong(args[0]) : 300_000;
    AuditAppendBenchmark bench = new AuditAppendBenchmark();
    bench.suite = "sm3";
    bench.setUp();
    try {
      System.out.println("| 64 appenders | events/s (wall) | CPU µs per event | fdatasync p50 ms just before |");
      System.out.println("|---|---|---|---|");
      for (int round = 0; round < 2; round++) { // the first round warms up the JIT
        boolean print = round == 1;
        run("logbackImmediateFlush_64", () -> {
          bench.logbackImmediateFlush_64();
          return null;
        }, 1, events, print);
        run("auditLog_64", bench::auditLog_64, 1, events, print);
        run("auditLogAppendAll16_64", bench::auditLogAppendAll16_64, AuditAppendBenchmark.BATCH, events, print);
      }
    } finally {
      bench.tearDown();
    }
  }

  private static void run(String name, Callable<?> call, int eventsPerCall, long events, boolean print)
      throws Exception {
    double forceMillis = forceMillis();
    AtomicLong done = new AtomicLong();
    Thread[] threads = new Thread[THREADS];
    long cpu = OS.getProcessCpuTime();
    long wall = System.nanoTime();
    for (int t = 0; t < THREADS; t++) {
      threads[t] = new Thread(() -> {
        try {
          while (done.addAndGet(eventsPerCall) <= events) {
            call.call();
          }
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
      System.out.printf("| `%s` | %,.0f | %.1f | %.2f |%n", name, events / seconds, cpuMicros / events, forceMillis);
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
      java.util.Arrays.sort(nanos);
      return nanos[nanos.length / 2] / 1e6;
    } finally {
      file.close();
    }
  }
}
