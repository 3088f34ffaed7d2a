package dev.shuqiao.audit;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Child process of {@link CrashRecoveryIT}: appends from several threads until it is killed, and
 * prints {@code ACK <index> <seed> END} for each entry only after {@link AuditLog#append} or
 * {@link AuditLog#appendAll} returned or the future of {@link AuditLog#appendAsync} completed, i.e.
 * after the entry was acknowledged as durable. The main thread signs a checkpoint every 20 ms and
 * prints {@code CHECKPOINT <tree size> END} once a new one is stored.
 */
public final class CrashingAppender {

  private CrashingAppender() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int round = Integer.parseInt(args[1]);
    int threads = Integer.parseInt(args[2]);
    CheckpointSigner signer = NoteKeys.ed25519Signer("audit.crash.example", keyPair(Path.of(args[3])));
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.US_ASCII);
    AuditLog log = AuditLog.builder().directory(dir).hashSuite(HashSuite.SM3).origin("audit.crash.example")
        .segmentBytes(16 * 1024).open();
    out.println("OPEN " + log.size() + " END");
    out.flush();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread appender = new Thread(() -> {
        // Odd threads append three events per call, so batch acknowledgements face the kill too;
        // threads 2 and 6 append asynchronously, with 32 and 512 futures outstanding at most (an
        // unbounded flood, up to the log's queue limit, starved the checkpointing main thread).
        int perCall = thread % 2 == 1 ? 3 : 1;
        java.util.ArrayDeque<java.util.concurrent.CompletableFuture<?>> window = new java.util.ArrayDeque<>();
        for (long i = 0; ; i += perCall) {
          long seed = round * 10_000_000L + thread * 1_000_000L + i;
          if (thread % 4 == 2) {
            // Printed by whichever thread completes the future, only once it has completed.
            window.addLast(log.appendAsync(TestEvents.event(seed)).thenAccept(index -> ack(out, index, seed, 1)));
            if (window.size() > (thread == 2 ? 32 : 512)) {
              window.removeFirst().join();
            }
            continue;
          }
          long first;
          if (perCall == 1) {
            first = log.append(TestEvents.event(seed));
          } else {
            first = log.appendAll(java.util.List.of(TestEvents.event(seed), TestEvents.event(seed + 1),
                TestEvents.event(seed + 2)));
          }
          ack(out, first, seed, perCall);
        }
      });
      appender.start();
    }
    long reported = 0;
    while (true) { // checkpoints race the appenders and the kill, as in production
      Thread.sleep(20);
      if (log.size() > 0) {
        long size = log.checkpoint(signer).treeSize();
        if (size > reported) {
          reported = size;
          synchronized (out) {
            out.println("CHECKPOINT " + size + " END");
            out.flush();
          }
        }
      }
    }
  }

  private static void ack(PrintStream out, long first, long seed, int count) {
    synchronized (out) {
      for (int k = 0; k < count; k++) {
        out.println("ACK " + (first + k) + " " + (seed + k) + " END");
      }
      out.flush();
    }
  }

  /** The Ed25519 key pair the test wrote: PKCS#8 private key, then X.509 public key, each length-prefixed. */
  static java.security.KeyPair keyPair(Path file) throws Exception {
    java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(java.nio.file.Files.readAllBytes(file));
    byte[] privateKey = new byte[in.getInt()];
    in.get(privateKey);
    byte[] publicKey = new byte[in.getInt()];
    in.get(publicKey);
    java.security.KeyFactory factory = java.security.KeyFactory.getInstance("Ed25519");
    return new java.security.KeyPair(factory.generatePublic(new java.security.spec.X509EncodedKeySpec(publicKey)),
        factory.generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(privateKey)));
  }
}
