package dev.shuqiao.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The group commit's promises under real concurrency: waiters learn that they are durable without
 * the lock, so what matters is that every returned index is durable, dense and at its event, that
 * readers only ever see durable entries, and that a failure wakes every waiter with an exception.
 */
class GroupCommitTest {

  @TempDir
  Path dir;

  private AuditLog open() {
    return openWithSmallSegments(dir);
  }

  /** An SM3 log in {@code dir} with 8 KiB segments, so that concurrent appends roll segments over. */
  static AuditLog openWithSmallSegments(Path dir) {
    return AuditLog.builder().directory(dir).hashSuite(HashSuite.SM3).origin("audit.test.example")
        .segmentBytes(8192).open();
  }

  @Test
  void append_from64ThreadsWhileReadersReadGivesDenseIndicesThatAllVerifyAfterReopen() throws Exception {
    Map<Long, AuditEvent> acknowledged = new ConcurrentHashMap<>();
    Set<AuditEvent> submitted = ConcurrentHashMap.newKeySet();
    AtomicReference<Throwable> problem = new AtomicReference<>();
    int threads = 64;
    int callsEach = 25;
    try (AuditLog log = open()) {
      CountDownLatch done = new CountDownLatch(threads);
      List<Thread> appenders = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        appenders.add(new Thread(() -> {
          try {
            for (int i = 0; i < callsEach; i++) {
              long seed = thread * 1000L + i * 2;
              if (i % 5 == 4) { // some callers commit two events at once
                List<AuditEvent> events = List.of(TestEvents.event(seed), TestEvents.event(seed + 1));
                submitted.addAll(events);
                long first = log.appendAll(events);
                assertThat(log.size()).isGreaterThan(first + 1);
                assertThat(acknowledged.put(first, events.get(0))).isNull();
                assertThat(acknowledged.put(first + 1, events.get(1))).isNull();
              } else {
                AuditEvent event = TestEvents.event(seed);
                submitted.add(event);
                long index = log.append(event);
                assertThat(log.size()).as("size once %d is acknowledged", index).isGreaterThan(index);
                assertThat(acknowledged.put(index, event)).isNull();
              }
            }
          } catch (Throwable e) {
            problem.compareAndSet(null, e);
          } finally {
            done.countDown();
          }
        }));
      }
      Thread reader = new Thread(() -> {
        try {
          while (done.getCount() > 0) {
            long size = log.size();
            if (size > 0) { // the newest durable entry reads back whole and checked against its leaf hash
              assertThat(submitted).contains(log.read(size - 1));
              for (AuditEntry entry : log.findByCaseId("CASE-3", Math.max(0, size - 40), 10)) {
                assertThat(entry.event().caseId()).contains("CASE-3");
                assertThat(submitted).contains(entry.event());
              }
            }
          }
        } catch (Throwable e) {
          problem.compareAndSet(null, e);
        }
      });
      appenders.forEach(Thread::start);
      reader.start();
      assertThat(done.await(120, TimeUnit.SECONDS)).as("every appender returned").isTrue();
      reader.join();
    }
    assertThat(problem.get()).isNull();
    long total = threads * (callsEach / 5 * 6L);
    assertThat(acknowledged.keySet()).hasSize((int) total).allMatch(i -> i >= 0 && i < total);
    try (AuditLog log = open()) {
      assertEveryEntryReadsBackAndIsProvable(log, acknowledged, total);
    }
  }

  /** {@code log} holds exactly {@code total} entries, entry {@code i} is {@code expected.get(i)} and provable. */
  static void assertEveryEntryReadsBackAndIsProvable(AuditLog log, Map<Long, AuditEvent> expected, long total) {
    assertThat(log.size()).isEqualTo(total);
    byte[] root = log.root();
    for (long i = 0; i < total; i++) {
      AuditEvent event = expected.get(i);
      assertThat(log.read(i)).isEqualTo(event);
      byte[] leaf = HashSuite.SM3.leafHash(event.encode());
      MerkleProofs.verifyInclusion(HashSuite.SM3, i, total, leaf, log.inclusionProof(i, total), root);
    }
  }

  /**
   * A real failure, no test double: the segment's {@link FileChannel} is closed under appenders
   * that keep appending. Closing waits for a force in progress, so it is the next write that fails
   * (for a failed force see the next test). Every appender must wake up with an exception, none may
   * hang, nothing may be acknowledged afterwards, and everything acknowledged before must survive
   * a reopen.
   */
  @Test
  void aFailedWriteOrForceWakesEveryWaiterWithAnExceptionAndTheLogFailsClosed() throws Exception {
    // Default 64 MiB segments: no roll-over, so the channel closed below is the one being written.
    AuditLog log = AuditLog.builder().directory(dir).hashSuite(HashSuite.SM3).origin("audit.test.example").open();
    Appenders appenders = new Appenders(log, 16);
    Map<Long, AuditEvent> acknowledged = appenders.acknowledged;
    List<Throwable> endings = appenders.endings;
    int threads = appenders.threads;
    try {
      appenders.awaitAcks(300);
      segmentChannel(log).close();

      assertThat(appenders.done.await(60, TimeUnit.SECONDS)).as("every appender woke up").isTrue();
    } finally {
      appenders.stop.set(true); // if the assertion failed, the appenders must not run on
    }
    assertThat(endings).hasSize(threads).allSatisfy(e -> assertThat(e).isInstanceOf(AuditException.class)
        .hasMessageContaining("failed and refuses appends"));
    int acknowledgedAtFailure = acknowledged.size();
    assertThatThrownBy(() -> log.append(TestEvents.event(99_000_001L))).isInstanceOf(AuditException.class)
        .hasMessageContaining("failed and refuses appends");
    assertThatThrownBy(log::close).isInstanceOf(IOException.class); // the segment cannot be finished either
    assertThat(acknowledged).hasSize(acknowledgedAtFailure);
    try (AuditLog reopened = open()) {
      assertThat(reopened.size()).isGreaterThanOrEqualTo(acknowledgedAtFailure);
      for (Map.Entry<Long, AuditEvent> ack : acknowledged.entrySet()) {
        assertThat(reopened.read(ack.getKey())).isEqualTo(ack.getValue());
      }
      assertThat(reopened.append(TestEvents.event(99_000_002L))).isEqualTo(reopened.size() - 1);
    }
  }

  /**
   * A force that fails while appenders wait for it. fdatasync cannot be made to fail for real here,
   * so this uses a double: the segment writer's real channel, wrapped so that {@code force} throws
   * once armed (every write still goes to the file). Every waiter of that batch, and every later
   * appender, must get an exception carrying the force's failure.
   */
  @Test
  void aFailedForceWakesEveryWaiterOfTheBatchWithItsFailure() throws Exception {
    AuditLog log = AuditLog.builder().directory(dir).hashSuite(HashSuite.SM3).origin("audit.test.example").open();
    FailingForceChannel channel = new FailingForceChannel(segmentChannel(log));
    setSegmentChannel(log, channel);
    Appenders appenders = new Appenders(log, 16);
    Map<Long, AuditEvent> acknowledged = appenders.acknowledged;
    List<Throwable> endings = appenders.endings;
    int threads = appenders.threads;
    try {
      appenders.awaitAcks(300);
      channel.failForces = true;

      assertThat(appenders.done.await(60, TimeUnit.SECONDS)).as("every appender woke up").isTrue();
    } finally {
      appenders.stop.set(true);
    }
    assertThat(endings).hasSize(threads).allSatisfy(e -> assertThat(e).isInstanceOf(AuditException.class)
        .hasMessageContaining("failed and refuses appends").hasRootCauseMessage(FailingForceChannel.FAILURE));
    int acknowledgedAtFailure = acknowledged.size();
    assertThatThrownBy(() -> log.append(TestEvents.event(99_000_001L))).isInstanceOf(AuditException.class);
    assertThatThrownBy(log::close).isInstanceOf(IOException.class);
    channel.delegate.close();
    assertThat(acknowledged).hasSize(acknowledgedAtFailure);
    try (AuditLog reopened = open()) {
      for (Map.Entry<Long, AuditEvent> ack : acknowledged.entrySet()) {
        assertThat(reopened.read(ack.getKey())).isEqualTo(ack.getValue());
      }
    }
  }

  @Test
  void append_byAnInterruptedThreadIsDurableAndKeepsItsInterrupt() throws Exception {
    try (AuditLog log = open()) {
      AtomicReference<Object> outcome = new AtomicReference<>();
      Thread appender = new Thread(() -> {
        Thread.currentThread().interrupt();
        try {
          long index = log.append(TestEvents.event(1)); // it writes and forces the batch itself
          outcome.set(List.of(index, Thread.currentThread().isInterrupted()));
        } catch (Throwable e) {
          outcome.set(e);
        }
      });
      appender.start();
      appender.join();
      assertThat(outcome.get()).isEqualTo(List.of(0L, true));
      assertThat(log.append(TestEvents.event(2))).as("the channel is still open").isEqualTo(1);
    }
    try (AuditLog log = open()) {
      assertThat(log.read(0)).isEqualTo(TestEvents.event(1));
    }
  }

  private static void setSegmentChannel(AuditLog log, FileChannel channel) throws ReflectiveOperationException {
    Field writerField = AuditLog.class.getDeclaredField("writer");
    writerField.setAccessible(true);
    Field channelField = SegmentWriter.class.getDeclaredField("channel");
    channelField.setAccessible(true);
    channelField.set(writerField.get(log), channel);
  }

  /** A real file channel whose {@code force} fails once {@link #failForces} is set. */
  private static final class FailingForceChannel extends FileChannel {
    static final String FAILURE = "injected force failure";
    final FileChannel delegate;
    volatile boolean failForces;

    FailingForceChannel(FileChannel delegate) {
      this.delegate = delegate;
    }

    @Override
    public void force(boolean metaData) throws IOException {
      if (failForces) {
        throw new IOException(FAILURE);
      }
      delegate.force(metaData);
    }

    @Override
    public int write(java.nio.ByteBuffer src, long position) throws IOException {
      return delegate.write(src, position);
    }

    @Override
    public int read(java.nio.ByteBuffer dst, long position) throws IOException {
      return delegate.read(dst, position);
    }

    @Override
    public int read(java.nio.ByteBuffer dst) throws IOException {
      return delegate.read(dst);
    }

    @Override
    public long read(java.nio.ByteBuffer[] dsts, int offset, int length) throws IOException {
      return delegate.read(dsts, offset, length);
    }

    @Override
    public int write(java.nio.ByteBuffer src) throws IOException {
      return delegate.write(src);
    }

    @Override
    public long write(java.nio.ByteBuffer[] srcs, int offset, int length) throws IOException {
      return delegate.write(srcs, offset, length);
    }

    @Override
    public long position() throws IOException {
      return delegate.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
      delegate.position(newPosition);
      return this;
    }

    @Override
    public long size() throws IOException {
      return delegate.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      delegate.truncate(size);
      return this;
    }

    @Override
    public long transferTo(long position, long count, java.nio.channels.WritableByteChannel target)
        throws IOException {
      return delegate.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(java.nio.channels.ReadableByteChannel src, long position, long count)
        throws IOException {
      return delegate.transferFrom(src, position, count);
    }

    @Override
    public java.nio.MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
      return delegate.map(mode, position, size);
    }

    @Override
    public java.nio.channels.FileLock lock(long position, long size, boolean shared) throws IOException {
      return delegate.lock(position, size, shared);
    }

    @Override
    public java.nio.channels.FileLock tryLock(long position, long size, boolean shared) throws IOException {
      return delegate.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
      delegate.close();
    }
  }

  static FileChannel segmentChannel(AuditLog log) throws ReflectiveOperationException {
    Field writerField = AuditLog.class.getDeclaredField("writer");
    writerField.setAccessible(true);
    Field channelField = SegmentWriter.class.getDeclaredField("channel");
    channelField.setAccessible(true);
    return (FileChannel) channelField.get(writerField.get(log));
  }

  /** {@code threads} appenders appending distinct events until stopped or refused. */
  private static final class Appenders {
    final int threads;
    final Map<Long, AuditEvent> acknowledged = new ConcurrentHashMap<>();
    final List<Throwable> endings = java.util.Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger acks = new AtomicInteger();
    final java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
    final CountDownLatch done;

    Appenders(AuditLog log, int threads) {
      this.threads = threads;
      this.done = new CountDownLatch(threads);
      for (int t = 0; t < threads; t++) {
        int thread = t;
        new Thread(() -> {
          try {
            for (long i = 0; !stop.get(); i++) {
              AuditEvent event = TestEvents.event(thread * 1_000_000L + i);
              acknowledged.put(log.append(event), event);
              acks.incrementAndGet();
            }
          } catch (Throwable e) {
            endings.add(e);
          } finally {
            done.countDown();
          }
        }).start();
      }
    }

    void awaitAcks(int count) {
      while (acks.get() < count && done.getCount() > 0) { // not forever if every appender already failed
        Thread.onSpinWait();
      }
    }
  }
}
