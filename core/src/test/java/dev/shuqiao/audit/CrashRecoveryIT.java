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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real child JVM with SIGKILL ({@link Process#destroyForcibly()} on Linux) while it appends
 * from 8 threads (blocking single appends, batches and asynchronous appends, see {@link
 * CrashingAppender}) and signs checkpoints, 24 times, and checks after each kill that every acknowledged
 * entry survived and is provable, that the log only grew, and that the offline verifier accepts the
 * whole directory, checkpoints included.
 */
class CrashRecoveryIT {

  private static final int ROUNDS = 24;

  @TempDir
  Path dir;

  private Path keyFile;
  private int checkpointsSeen;

  @Test
  void everyAcknowledgedEntrySurvivesSigkillAtRandomMoments() throws Exception {
    KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    keyFile = writeKeyPair(keys);
    AuditVerifier verifier = AuditVerifier.withKeys(List.of(NoteKeys.verifier(
        NoteKeys.ed25519Signer("audit.crash.example", keys).verifierKey())));
    Random random = new Random(20261127);
    Map<Long, Long> acknowledged = new HashMap<>();
    long previousSize = 0;
    byte[] previousRoot = null;
    for (int round = 0; round < ROUNDS; round++) {
      runAndKill(round, random.nextInt(400), acknowledged);
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
      checkpointsSeen = report.checkpointSizes().size();
    }
    assertThat(acknowledged).hasSizeGreaterThan(ROUNDS);
    // The seed names the child's thread: 2 and 6 appended asynchronously, 1 with appendAll.
    assertThat(acknowledged.values()).as("acknowledged per appending thread")
        .anyMatch(seed -> seed % 10_000_000L / 1_000_000L == 2)
        .anyMatch(seed -> seed % 10_000_000L / 1_000_000L == 6)
        .anyMatch(seed -> seed % 10_000_000L / 1_000_000L == 1);
    assertThat(checkpointsSeen).as("checkpoints written between kills").isGreaterThan(ROUNDS);
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

  private void runAndKill(int round, int extraMillis, Map<Long, Long> acknowledged) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
        CrashingAppender.class.getName(), logDir().toString(), Integer.toString(round), "8", keyFile.toString()))
        .redirectError(childErrors(round).toFile())
        .start();
    Map<Long, Long> acks = new HashMap<>();
    Thread reader = new Thread(() -> readAcks(child, acks));
    reader.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (countOf(acks) < 1 && System.nanoTime() < deadline && child.isAlive()) {
      Thread.sleep(5);
    }
    assertThat(child.isAlive()).as("child of round %d is running", round).isTrue();
    Thread.sleep(extraMillis);
    child.destroyForcibly();
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    reader.join(TimeUnit.SECONDS.toMillis(30));
    synchronized (acks) {
      assertThat(acks).as("acks of round %d", round).isNotEmpty();
      acknowledged.putAll(acks);
    }
  }

  /** Child stderr goes under target/ so a failure can be diagnosed and nothing is left in /tmp. */
  private static Path childErrors(int round) throws java.io.IOException {
    Path logs = java.nio.file.Files.createDirectories(Path.of("target", "crash-it"));
    return logs.resolve("child-" + round + ".err");
  }

  private static int countOf(Map<Long, Long> acks) {
    synchronized (acks) {
      return acks.size();
    }
  }

  private static void readAcks(Process child, Map<Long, Long> acks) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] parts = line.split(" ");
        // A line cut by the kill has no END and is ignored: it was never fully reported.
        if (parts.length == 4 && parts[0].equals("ACK") && parts[3].equals("END")) {
          synchronized (acks) {
            acks.put(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
          }
        }
      }
    } catch (java.io.IOException e) {
      // The pipe closes when the child dies.
    }
  }
}
