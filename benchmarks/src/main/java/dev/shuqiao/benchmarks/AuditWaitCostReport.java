package dev.shuqiao.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * What waiting for an fsync costs in CPU on this machine, apart from the audit log: the floor under
 * a durable single-event append, which a logger that never waits does not pay. Two rows, each as
 * process CPU time (all threads, kernel time included) per operation:
 *
 * <ul>
 *   <li>{@code fdatasync}: one 160-byte write and {@code force(false)} into zero-filled space, one
 *       thread, as the log forces a batch ({@link AuditAppendBenchmark.PreallocatedFile}); a batch
 *       of {@code k} events pays 1/k of it per event.
 *   <li>{@code park/unpark}: {@code N} threads each queue themselves and park; one thread wakes every
 *       queued one, then sleeps {@code sleep} µs as if forcing, and again. Each operation is one
 *       park/unpark pair: one appender put to sleep and woken, as every appender that waits for a
 *       force is. No I/O, no hashing, no lock.
 * </ul>
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.shuqiao.benchmarks.AuditWaitCostReport [threads] [sleep µs]</pre>
 */
public final class AuditWaitCostReport {

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private AuditWaitCostReport() {}

  public static void main(String[] args) throws Exception {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 64;
    long sleepMicros = args.length > 1 ? Long.parseLong(args[1]) : 80;
    System.out.println("| operation | CPU µs per operation | operations/s (wall) | detail |");
    System.out.println("|---|---|---|---|");
    for (int round = 0; round < 2; round++) { // the first round warms up
      boolean print = round == 1;
      fdatasync(3, print);
      parkUnpark(threads, sleepMicros, 300_000, print);
    }
  }

  /** As many forces as fit in {@code seconds}: process CPU time is counted in 10 ms ticks. */
  private static void fdatasync(int seconds, boolean print) throws Exception {
    AuditAppendBenchmark.PreallocatedFile file = new AuditAppendBenchmark.PreallocatedFile();
    file.setUp();
    try {
      long cpu = OS.getProcessCpuTime();
      long wall = System.nanoTime();
      long end = wall + TimeUnit.SECONDS.toNanos(seconds);
      long operations = 0;
      while (System.nanoTime() < end) {
        file.writeAndForce();
        operations++;
      }
      report(print, "write + fdatasync (1 thread)", operations, cpu, wall, "");
    } finally {
      file.close();
    }
  }

  /** One parked thread, woken by the committer once its generation has passed. */
  private static final class Sleeper {
    final Thread thread;
    volatile boolean woken;

    Sleeper(Thread thread) {
      this.thread = thread;
    }
  }

  private static void parkUnpark(int threads, long sleepMicros, long operations, boolean print) throws Exception {
    ConcurrentLinkedQueue<Sleeper> queue = new ConcurrentLinkedQueue<>();
    AtomicLong started = new AtomicLong();
    AtomicLong batches = new AtomicLong();
    Thread[] workers = new Thread[threads];
    long cpu = OS.getProcessCpuTime();
    long wall = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      workers[t] = new Thread(() -> {
        while (started.incrementAndGet() <= operations) {
          Sleeper me = new Sleeper(Thread.currentThread());
          queue.add(me);
          while (!me.woken) {
            LockSupport.park(me);
          }
        }
      });
      workers[t].start();
    }
    Thread committer = new Thread(() -> {
      while (!allDone(workers)) {
        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(sleepMicros)); // the "force"
        batches.incrementAndGet();
        // Only those queued before the "force" ended: a woken thread queues again at once.
        for (int n = queue.size(); n > 0; n--) {
          Sleeper s = queue.poll();
          s.woken = true;
          LockSupport.unpark(s.thread);
        }
      }
    });
    committer.start();
    for (Thread worker : workers) {
      worker.join();
    }
    committer.join();
    report(print, "park/unpark pair (" + threads + " threads)", operations, cpu, wall,
        String.format("%.1f wake-ups per %d µs sleep", (double) operations / batches.get(), sleepMicros));
  }

  private static boolean allDone(Thread[] workers) {
    for (Thread worker : workers) {
      if (worker.isAlive()) {
        return false;
      }
    }
    return true;
  }

  private static void report(boolean print, String name, long operations, long cpu, long wall, String detail) {
    if (print) {
      double seconds = (System.nanoTime() - wall) / 1e9;
      System.out.printf("| %s | %.1f | %,.0f | %s |%n", name, (OS.getProcessCpuTime() - cpu) / 1e3 / operations,
          operations / seconds, detail);
    }
  }
}
