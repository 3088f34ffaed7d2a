package dev.shuqiao.audit;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Child process of {@link CrashRecoveryIT}: appends from several threads until it is killed, and
 * prints {@code ACK <index> <seed> END} for each append only after {@link AuditLog#append} returned,
 * i.e. after the entry was acknowledged as durable.
 */
public final class CrashingAppender {

  private CrashingAppender() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int round = Integer.parseInt(args[1]);
    int threads = Integer.parseInt(args[2]);
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.US_ASCII);
    AuditLog log = AuditLog.builder().directory(dir).hashSuite(HashSuite.SM3).origin("audit.crash.example")
        .segmentBytes(16 * 1024).open();
    out.println("OPEN " + log.size() + " END");
    out.flush();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread appender = new Thread(() -> {
        for (long i = 0; ; i++) {
          long seed = round * 10_000_000L + thread * 1_000_000L + i;
          long index = log.append(TestEvents.event(seed));
          synchronized (out) {
            out.println("ACK " + index + " " + seed + " END");
            out.flush();
          }
        }
      });
      appender.start();
    }
    Thread.sleep(Long.MAX_VALUE);
  }
}
