package dev.shuqiao.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

  @TempDir
  Path dir;

  private AuditLog open() {
    return AuditLog.builder().directory(dir).hashSuite(HashSuite.SM3).origin("audit.test.example").open();
  }

  /**
   * The descriptors of this process that point into the log's directory, by Linux's view of them
   * ({@code /proc/self/fd}). Only those: the JVM and other threads open and close files of their own at
   * any time (class loading, surefire's channel, a cleaner closing something unreachable), so a count
   * of every descriptor would depend on them.
   */
  private List<Path> filesOpenIn(Path directory) throws IOException {
    Path root = directory.toRealPath();
    List<Path> open = new ArrayList<>();
    try (var descriptors = Files.list(Path.of("/proc/self/fd"))) {
      for (Path descriptor : (Iterable<Path>) descriptors::iterator) {
        try {
          Path target = Files.readSymbolicLink(descriptor);
          if (target.startsWith(root)) {
            open.add(target);
          }
        } catch (IOException e) {
          // closed since it was listed (by someone else: this thread is here), so not the log's
        }
      }
    }
    return open;
  }

  @Test
  void open_thatFailsLeavesNoFileOpenAndTheDirectoryUnlocked() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc (Linux)");
    try (AuditLog log = open()) {
      for (int n = 0; n < 5; n++) {
        log.append(TestEvents.event(n));
      }
    }
    // The query index must be rebuilt on open, and cannot be: a directory with a file in it sits there.
    Path index = dir.resolve(QueryIndexFile.NAME);
    Files.delete(index);
    Files.createDirectories(index);
    Files.writeString(index.resolve("in-the-way"), "x");
    assertThat(filesOpenIn(dir)).as("files open in the log's directory before the open").isEmpty();

    assertThatThrownBy(this::open).isInstanceOf(UncheckedIOException.class);

    assertThat(filesOpenIn(dir)).as("files open in the log's directory after the failed open").isEmpty();
    Files.delete(index.resolve("in-the-way"));
    Files.delete(index);
    try (AuditLog log = open()) {
      assertThat(log.size()).isEqualTo(5);
    }
  }

  @Test
  void append_returnsConsecutiveIndicesAndReopenReadsThemBack() throws IOException {
    byte[] root;
    try (AuditLog log = open()) {
      for (int n = 0; n < 25; n++) {
        assertThat(log.append(TestEvents.event(n))).isEqualTo(n);
      }
      root = log.root();
    }
    try (AuditLog log = open()) {
      assertThat(log.size()).isEqualTo(25);
      assertThat(log.root()).isEqualTo(root);
      for (int n = 0; n < 25; n++) {
        assertThat(log.read(n)).isEqualTo(TestEvents.event(n));
      }
      assertThat(log.append(TestEvents.event(25))).isEqualTo(25);
    }
  }

  @Test
  void append_fromManyThreadsGivesEveryEntryOneDistinctDurableIndex() throws Exception {
    Set<Long> indices = ConcurrentHashMap.newKeySet();
    try (AuditLog log = open()) {
      ExecutorService pool = Executors.newFixedThreadPool(16);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 50; i++) {
            long index = log.append(TestEvents.event(thread * 1000L + i));
            assertThat(log.size()).isGreaterThan(index);
            indices.add(index);
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      pool.shutdown();
      assertThat(indices).hasSize(800);
      assertThat(indices).allMatch(i -> i >= 0 && i < 800);
    }
    try (AuditLog log = open()) {
      assertThat(log.size()).isEqualTo(800);
    }
  }

  @Test
  void appendAll_givesConsecutiveIndicesInListOrderAndEachReadsBack() throws IOException {
    List<AuditEntry> seen = new ArrayList<>();
    try (AuditLog log = AuditLog.builder().directory(dir).origin("audit.test.example").addHook(seen::add).open()) {
      log.append(TestEvents.event(0));
      long first = log.appendAll(List.of(TestEvents.event(1), TestEvents.event(2), TestEvents.event(3)));
      assertThat(first).isEqualTo(1);
      assertThat(log.size()).isEqualTo(4);
      assertThat(log.append(TestEvents.event(4))).isEqualTo(4);
      assertThat(seen).extracting(AuditEntry::index).containsExactly(0L, 1L, 2L, 3L, 4L);
      assertThat(seen.get(2).event()).isEqualTo(TestEvents.event(2));
    }
    try (AuditLog log = open()) {
      for (int n = 0; n < 5; n++) {
        assertThat(log.read(n)).isEqualTo(TestEvents.event(n));
      }
    }
  }

  @Test
  void appendAll_refusesAnEmptyListAndAppendsNothing() throws IOException {
    try (AuditLog log = open()) {
      assertThatThrownBy(() -> log.appendAll(List.of())).isInstanceOf(IllegalArgumentException.class);
      assertThat(log.size()).isZero();
    }
  }

  @Test
  void appendAndAppendAll_fromManyThreadsAcrossSegmentRollsKeepEveryEventAtItsIndex() throws Exception {
    // Small segments make the writer roll over while other batches are being forced.
    java.util.Map<Long, AuditEvent> acknowledged = new ConcurrentHashMap<>();
    try (AuditLog log = AuditLog.builder().directory(dir).origin("audit.test.example").segmentBytes(4096).open()) {
      ExecutorService pool = Executors.newFixedThreadPool(24);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 24; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 30; i++) {
            long n = thread * 1000L + i * 10;
            if (i % 3 == 0) {
              List<AuditEvent> events = List.of(TestEvents.event(n), TestEvents.event(n + 1), TestEvents.event(n + 2));
              long first = log.appendAll(events);
              assertThat(log.size()).isGreaterThan(first + 2);
              for (int k = 0; k < 3; k++) {
                assertThat(acknowledged.put(first + k, events.get(k))).isNull();
              }
            } else {
              long index = log.append(TestEvents.event(n));
              assertThat(acknowledged.put(index, TestEvents.event(n))).isNull();
            }
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      pool.shutdown();
    }
    assertThat(SegmentScanner.segments(LogFiles.segments(dir))).hasSizeGreaterThan(10);
    try (AuditLog log = open()) {
      assertThat(log.size()).isEqualTo(24 * (20 + 10 * 3));
      assertThat(acknowledged).hasSize((int) log.size());
      for (long i = 0; i < log.size(); i++) {
        assertThat(log.read(i)).isEqualTo(acknowledged.get(i));
      }
    }
  }

  @Test
  void proofs_fromTheLogVerifyWithThePureFunctions() throws IOException {
    try (AuditLog log = open()) {
      for (int n = 0; n < 40; n++) {
        log.append(TestEvents.event(n));
      }
      byte[] root = log.root();
      byte[] leaf = HashSuite.SM3.leafHash(TestEvents.event(17).encode());
      MerkleProofs.verifyInclusion(HashSuite.SM3, 17, 40, leaf, log.inclusionProof(17, 40), root);
      MerkleProofs.verifyConsistency(HashSuite.SM3, 23, 40, log.root(23), root, log.consistencyProof(23, 40));
    }
  }

  @Test
  void segments_rollOverAndStillReadBack() throws IOException {
    try (AuditLog log = AuditLog.builder().directory(dir).origin("audit.test.example").segmentBytes(1024).open()) {
      for (int n = 0; n < 60; n++) {
        log.append(TestEvents.event(n));
      }
    }
    assertThat(SegmentScanner.segments(LogFiles.segments(dir))).hasSizeGreaterThan(3);
    try (AuditLog log = open()) {
      assertThat(log.size()).isEqualTo(60);
      assertThat(log.read(59)).isEqualTo(TestEvents.event(59));
      assertThat(log.read(0)).isEqualTo(TestEvents.event(0));
    }
  }

  @Test
  void open_cutsATornTailAndKeepsEveryCompleteEntry() throws IOException {
    try (AuditLog log = open()) {
      for (int n = 0; n < 10; n++) {
        log.append(TestEvents.event(n));
      }
    }
    Path segment = onlySegment();
    long intact = Files.size(segment);
    byte[] partial = new byte[30];
    partial[3] = 90; // a length field, then nothing: a write cut short by a crash
    Files.write(segment, partial, StandardOpenOption.APPEND);
    try (AuditLog log = open()) {
      assertThat(log.size()).isEqualTo(10);
      assertThat(Files.size(segment)).isEqualTo(intact);
      assertThat(log.append(TestEvents.event(10))).isEqualTo(10);
    }
    try (AuditLog log = open()) {
      assertThat(log.read(10)).isEqualTo(TestEvents.event(10));
    }
  }

  @Test
  void open_removesASegmentWhoseHeaderWasTornWhileRollingOver() throws IOException {
    try (AuditLog log = open()) {
      for (int n = 0; n < 10; n++) {
        log.append(TestEvents.event(n));
      }
    }
    Path torn = LogFiles.segments(dir).resolve(SegmentFormat.fileName(10));
    Files.write(torn, new byte[10]);
    try (AuditLog log = open()) {
      assertThat(log.size()).isEqualTo(10);
      assertThat(torn).doesNotExist();
      assertThat(log.append(TestEvents.event(10))).isEqualTo(10);
    }
  }

  @Test
  void open_refusesAMissingSegmentNamingTheFirstMissingEntry() throws IOException {
    try (AuditLog log = AuditLog.builder().directory(dir).origin("audit.test.example").segmentBytes(1024).open()) {
      for (int n = 0; n < 40; n++) {
        log.append(TestEvents.event(n));
      }
    }
    List<Path> segments = SegmentScanner.segments(LogFiles.segments(dir));
    assertThat(segments).hasSizeGreaterThan(2);
    long firstOfSecond = SegmentFormat.firstIndexOf(segments.get(1));
    Files.delete(segments.get(1));
    assertThatThrownBy(this::open).isInstanceOfSatisfying(AuditLogCorruptedException.class,
        e -> assertThat(e.index()).isEqualTo(firstOfSecond)).hasMessageContaining("missing");
  }

  @Test
  void open_refusesACorruptedMiddleRecordNamingItsIndex() throws IOException {
    try (AuditLog log = open()) {
      for (int n = 0; n < 10; n++) {
        log.append(TestEvents.event(n));
      }
    }
    Path segment = onlySegment();
    long offset = offsetOfEntry(segment, 4);
    flipByte(segment, offset + 20);
    assertThatThrownBy(this::open)
        .isInstanceOfSatisfying(AuditLogCorruptedException.class, e -> {
          assertThat(e.index()).isEqualTo(4);
          assertThat(e.offset()).isEqualTo(offset);
          assertThat(e.segment()).isEqualTo(segment);
        })
        .hasMessageContaining("entry 4");
  }

  @Test
  void open_refusesALogShorterThanItsCheckpoint() throws Exception {
    try (AuditLog log = open()) {
      for (int n = 0; n < 10; n++) {
        log.append(TestEvents.event(n));
      }
      log.checkpoint(NoteKeysTest.ed25519("audit.test.example"));
    }
    Path segment = onlySegment();
    long offset = offsetOfEntry(segment, 9);
    try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      channel.truncate(offset + 10); // looks like a torn tail, but the checkpoint covers entry 9
    }
    assertThatThrownBy(this::open).isInstanceOf(AuditLogCorruptedException.class)
        .hasMessageContaining("checkpoint at tree size 10");
  }

  @Test
  void read_detectsARecordChangedAfterOpening() throws IOException {
    try (AuditLog log = open()) {
      for (int n = 0; n < 5; n++) {
        log.append(TestEvents.event(n));
      }
      flipByte(onlySegment(), offsetOfEntry(onlySegment(), 2) + 30);
      assertThatThrownBy(() -> log.read(2)).isInstanceOf(AuditLogCorruptedException.class)
          .hasMessageContaining("entry 2");
    }
  }

  @Test
  void open_refusesASecondWriterOnTheSameDirectory() throws IOException {
    try (AuditLog log = open()) {
      assertThatThrownBy(this::open).isInstanceOf(UncheckedIOException.class).hasMessageContaining("already open");
    }
  }

  @Test
  void append_afterCloseFailsClosed() throws IOException {
    AuditLog log = open();
    log.close();
    assertThatThrownBy(() -> log.append(TestEvents.event(1))).isInstanceOf(AuditException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void hooks_seeEveryDurableEntryAndCannotBreakTheLog() throws IOException {
    List<AuditEntry> seen = new ArrayList<>();
    try (AuditLog log = AuditLog.builder().directory(dir).origin("audit.test.example")
        .addHook(seen::add)
        .addHook(entry -> {
          throw new IllegalStateException("SIEM is down");
        })
        .open()) {
      long index = log.append(TestEvents.event(1));
      assertThat(seen).containsExactly(new AuditEntry(index, TestEvents.event(1)));
      assertThat(log.size()).isEqualTo(1);
    }
  }

  @Test
  void loadHooks_findsVendorSinksRegisteredWithTheServiceLoader() throws IOException {
    RecordingHook.SEEN.clear();
    try (AuditLog log = AuditLog.builder().directory(dir).origin("audit.test.example").loadHooks().open()) {
      log.append(TestEvents.event(5));
    }
    assertThat(RecordingHook.SEEN).containsExactly(new AuditEntry(0, TestEvents.event(5)));
  }

  @Test
  void queries_findEntriesBySubjectAndCaseIdAcrossReopen() throws IOException {
    try (AuditLog log = open()) {
      for (int n = 0; n < 70; n++) {
        log.append(TestEvents.event(n));
      }
    }
    try (AuditLog log = open()) {
      List<AuditEntry> person3 = log.findBySubject(TestEvents.subject(3), 0, 100);
      assertThat(person3).extracting(AuditEntry::index).containsExactly(3L, 10L, 17L, 24L, 31L, 38L, 45L, 52L, 59L, 66L);
      assertThat(person3).allMatch(e -> e.event().subject().orElseThrow().equals(TestEvents.subject(3)));
      assertThat(log.findBySubject(TestEvents.subject(3), 40, 2)).extracting(AuditEntry::index).containsExactly(45L, 52L);
      assertThat(log.findByCaseId("CASE-2", 0, 3)).extracting(AuditEntry::index).containsExactly(2L, 7L, 12L);
      assertThat(log.findByCaseId("CASE-none", 0, 3)).isEmpty();
      log.append(TestEvents.event(72)); // CASE-2
      assertThat(log.findByCaseId("CASE-2", 68, 10)).extracting(AuditEntry::index).containsExactly(70L);
    }
  }

  private Path onlySegment() throws IOException {
    List<Path> segments = SegmentScanner.segments(LogFiles.segments(dir));
    assertThat(segments).hasSize(1);
    return segments.get(0);
  }

  static long offsetOfEntry(Path segment, long index) throws IOException {
    long[] found = {-1};
    SegmentScanner.scan(segment.getParent(), r -> {
      if (r.index() == index) {
        found[0] = r.offset();
      }
    });
    assertThat(found[0]).isNotNegative();
    return found[0];
  }

  static void flipByte(Path file, long offset) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[(int) offset] ^= 0x40;
    Files.write(file, bytes);
  }
}
