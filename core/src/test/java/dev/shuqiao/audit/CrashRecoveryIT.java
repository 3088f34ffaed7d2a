package dev.shuqiao.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real child JVM with SIGKILL ({@link Process#destroyForcibly()} on Linux) while it appends
 * from 8 threads (blocking single appends, batches and asynchronous appends, see {@link
 * CrashingAppender}) and signs checkpoints, 24 times, and checks after each kill that every acknowledged
 * entry survived and is provable, that every stored checkpoint survived, that the log only grew, and
 * that the offline verifier accepts the whole directory, checkpoints included.
 */
class CrashRecoveryIT {

  private static final int ROUNDS = 24;

  @TempDir
  Path dir;

  private Path keyFile;

  @Test
  void everyAcknowledgedEntrySurvivesSigkillAtRandomMoments() throws Exception {
    KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    keyFile = writeKeyPair(keys);
    AuditVerifier verifier = AuditVerifier.withKeys(List.of(NoteKeys.verifier(
        NoteKeys.ed25519Signer("audit.crash.example", keys).verifierKey())));
    Random random = new Random(20261127);
    Map<Long, Long> acknowledged = new HashMap<>();
    Set<Long> checkpointed = new TreeSet<>();
    long previousSize = 0;
    byte[] previousRoot = null;
    for (int round = 0; round < ROUNDS; round++) {
      runAndKill(round, random.nextInt(400), acknowledged, checkpointed);
      try (AuditLog log = AuditLog.builder().directory(logDir()).hashSuite(HashSuite.SM3).open()) {
        long size = log.size();
        byte[] root = log.root();
        assertThat(size).as("round %d", round).isGreaterThanOrEqualTo(previousSize);
        for (Map.Entry<Long, Long> ack : acknowledged.entrySet()) {
          long index = ack.getKey();
          assertThat(index).as("acknowledged entry %d in round %d", index, round).isLessThan(size);
        }
        for (Map.Entry<Long, Long> ack : acknowledged.entrySet()) {
          if (ack.getKey() >= previousSize) { // entries of this round: read back and prove each one
            assertThat(log.read(ack.getKey())).isEqualTo(TestEvents.event(ack.getValue()));
            MerkleProofs.verifyInclusion(HashSuite.SM3, ack.getKey(), size, log.leafHash(ack.getKey()),
                log.inclusionProof(ack.getKey(), size), root);
          }
        }
        if (previousSize > 0) {
          MerkleProofs.verifyConsistency(HashSuite.SM3, previousSize, size, previousRoot, root,
              log.consistencyProof(previousSize, size));
        }
        previousSize = size;
        previousRoot = root;
      }
      VerificationReport report = verifier.verify(logDir());
      assertThat(report.problem()).as("offline verification after round %d", round).isEmpty();
      assertThat(report.checkpointSizes()).as("checkpoints the children stored, after round %d", round)
          .containsAll(checkpointed);
    }
    // Each round stored a checkpoint larger than the log it opened, so no two rounds share one.
    assertThat(checkpointed).as("checkpoints stored between kills").hasSizeGreaterThanOrEqualTo(ROUNDS);
  }

  private Path logDir() {
    return dir.resolve("log");
  }

  private Path writeKeyPair(KeyPair keys) throws java.io.IOException {
    byte[] privateKey = keys.getPrivate().getEncoded();
    byte[] publicKey = keys.getPublic().getEncoded();
    java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(8 + privateKey.length + publicKey.length);
    out.putInt(privateKey.length).put(privateKey).putInt(publicKey.length).put(publicKey);
    return java.nio.file.Files.write(dir.resolve("checkpoint-key"), out.array());
  }

  /**
   * Starts a child, waits until it has shown every kind of acknowledgement (a single append, a batch,
   * both asynchronous threads) and stored a checkpoint of this round, lets it run {@code extraMillis}
   * more so the kill lands at a random moment, and kills it. Waiting for these conditions instead of a
   * time makes what the round covers independent of how fast a loaded machine runs the child.
   */
  private void runAndKill(int round, int extraMillis, Map<Long, Long> acknowledged, Set<Long> checkpointed)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
        CrashingAppender.class.getName(), logDir().toString(), Integer.toString(round), "8", keyFile.toString()))
        .redirectError(childErrors(round).toFile())
        .start();
    ChildReport report = new ChildReport();
    Thread reader = new Thread(() -> report.read(child));
    reader.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!report.coversEveryKind() && System.nanoTime() < deadline && child.isAlive()) {
      Thread.sleep(5);
    }
    assertThat(child.isAlive()).as("child of round %d is running (see %s)", round, childErrors(round)).isTrue();
    assertThat(report.coversEveryKind()).as("round %d acknowledged every kind of append and a checkpoint: %s",
        round, report).isTrue();
    Thread.sleep(extraMillis);
    child.destroyForcibly();
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    reader.join(TimeUnit.SECONDS.toMillis(30));
    synchronized (report) {
      acknowledged.putAll(report.acks);
      checkpointed.addAll(report.checkpoints);
    }
  }

  /** What a child printed: its size at open, its acknowledged entries, and its stored checkpoints. */
  private static final class ChildReport {
    long openSize = -1;
    final Map<Long, Long> acks = new HashMap<>();
    final Set<Long> checkpoints = new TreeSet<>();
    final Set<Long> ackingThreads = new TreeSet<>();

    /** Thread 0 appends singly, 1 in batches of three, 2 and 6 asynchronously (see {@link CrashingAppender}). */
    synchronized boolean coversEveryKind() {
      return ackingThreads.containsAll(List.of(0L, 1L, 2L, 6L))
          && openSize >= 0 && checkpoints.stream().anyMatch(size -> size > openSize);
    }

    void read(Process child) {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          accept(line.split(" "));
        }
      } catch (java.io.IOException e) {
        // The pipe closes when the child dies.
      }
    }

    /** A line cut by the kill has no END and is ignored: it was never fully reported. */
    private synchronized void accept(String[] parts) {
      if (parts.length == 0 || !parts[parts.length - 1].equals("END")) {
        return;
      }
      if (parts.length == 4 && parts[0].equals("ACK")) {
        long seed = Long.parseLong(parts[2]);
        acks.put(Long.parseLong(parts[1]), seed);
        ackingThreads.add(seed % 10_000_000L / 1_000_000L);
      } else if (parts.length == 3 && parts[0].equals("OPEN")) {
        openSize = Long.parseLong(parts[1]);
      } else if (parts.length == 3 && parts[0].equals("CHECKPOINT")) {
        checkpoints.add(Long.parseLong(parts[1]));
      }
    }

    @Override
    public synchronized String toString() {
      return "opened at " + openSize + ", " + acks.size() + " acks from threads " + ackingThreads
          + ", checkpoints " + checkpoints;
    }
  }

  /** Child stderr goes under target/ so a failure can be diagnosed and nothing is left in /tmp. */
  private static Path childErrors(int round) throws java.io.IOException {
    Path logs = java.nio.file.Files.createDirectories(Path.of("target", "crash-it"));
    return logs.resolve("child-" + round + ".err");
  }
}
