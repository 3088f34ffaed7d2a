package dev.shuqiao.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AuditLog#appendAsync} with real files and fsyncs: a future completes only once its entry is
 * durable and the hooks saw it, nothing is stranded without a thread to write it (one lone call, 64
 * asynchronous appenders, asynchronous and blocking appenders together), the queue is bounded, and
 * closing or a failure completes every future.
 */
class AsyncAppendTest {

  @TempDir
  Path dir;

  private AuditLog open() {
    return GroupCommitTest.openWithSmallSegments(dir);
  }

  @Test
  void appendAsync_aloneCompletesWithItsIndexOnlyOnceTheEntryIsDurable() throws Exception {
    try (AuditLog log = open()) {
      CompletableFuture<Long> first = log.appendAsync(TestEvents.event(1));
      // Runs on the completing thread, or here if already complete: either way after completion.
      CompletableFuture<Long> sizeAtCompletion = first.thenApply(index -> log.size());

      assertThat(first.get(30, TimeUnit.SECONDS)).isZero();
      assertThat(sizeAtCompletion.get(30, TimeUnit.SECONDS)).isEqualTo(1);
      assertThat(log.appendAsync(TestEvents.event(2)).get(30, TimeUnit.SECONDS)).isEqualTo(1);
    }
    try (AuditLog log = open()) {
      assertThat(log.size()).isEqualTo(2);
      assertThat(log.read(0)).isEqualTo(TestEvents.event(1));
      assertThat(log.read(1)).isEqualTo(TestEvents.event(2));
    }
  }

  @Test
  void appendAsync_from64ThreadsCompletesEveryFutureWithDenseIndicesThatVerifyAfterReopen() throws Exception {
    Map<Long, AuditEvent> acknowledged = run(64, 40, thread -> false);
    assertDenseAndDurable(acknowledged, 64 * 40);
  }

  @Test
  void blockingAndAsyncAppendersTogetherAllCompleteWithDenseIndicesAtTheirEvents() throws Exception {
    Map<Long, AuditEvent> acknowledged = run(32, 40, thread -> thread % 2 == 0);
    assertDenseAndDurable(acknowledged, 32 * 40);
  }

  @Test
  void appendAllAsync_givesConsecutiveIndicesInListOrderOnceAllAreDurable() throws Exception {
    try (AuditLog log = open()) {
      log.append(TestEvents.event(0));
      List<AuditEvent> events = List.of(TestEvents.event(1), TestEvents.event(2), TestEvents.event(3));
      CompletableFuture<Long> first = log.appendAllAsync(events);
      CompletableFuture<Long> sizeAtCompletion = first.thenApply(index -> log.size());

      assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(1);
      assertThat(sizeAtCompletion.get(30, TimeUnit.SECONDS)).isEqualTo(4);
      for (int i = 0; i < 3; i++) {
        assertThat(log.read(1 + i)).isEqualTo(events.get(i));
      }
      assertThatThrownBy(() -> log.appendAllAsync(List.of())).isInstanceOf(IllegalArgumentException.class);
      assertThat(log.size()).isEqualTo(4);
    }
  }

  @Test
  void hooks_seeEveryAsyncEntryBeforeItsFutureCompletes() throws Exception {
    List<AuditEntry> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (AuditLog log = AuditLog.builder().directory(dir).origin("audit.test.example").addHook(seen::add)
        .addHook(entry -> {
          throw new IllegalStateException("SIEM is down");
        }).open()) {
      List<CompletableFuture<Boolean>> seenAtCompletion = new ArrayList<>();
      for (long n = 0; n < 200; n++) {
        AuditEvent event = TestEvents.event(n);
        seenAtCompletion.add(log.appendAsync(event).thenApply(index -> seen.contains(new AuditEntry(index, event))));
      }
      for (CompletableFuture<Boolean> hookSawIt : seenAtCompletion) {
        assertThat(hookSawIt.get(30, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(seen).hasSize(200);
    }
  }

  @Test
  void close_waitsForEveryQueuedFutureAndLaterCallsCompleteExceptionally() throws Exception {
    AuditLog log = open();
    List<CompletableFuture<Long>> futures = new ArrayList<>();
    for (long n = 0; n < 500; n++) {
      futures.add(log.appendAsync(TestEvents.event(n)));
    }
    log.close();

    for (int i = 0; i < futures.size(); i++) {
      assertThat(futures.get(i)).isCompletedWithValue((long) i);
    }
    CompletableFuture<Long> late = log.appendAsync(TestEvents.event(999));
    assertThatThrownBy(late::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(AuditException.class)
        .hasMessageContaining("closed");
    try (AuditLog reopened = open()) {
      assertThat(reopened.size()).isEqualTo(500);
    }
  }

  /**
   * A real failure: the segment's channel is closed under asynchronous appenders. Every future must
   * complete, the ones not yet durable exceptionally, and every one that completed normally must
   * be in the log after a reopen.
   */
  @Test
  void aFailedWriteCompletesEveryQueuedFutureExceptionallyAndNothingLaterIsAcknowledged() throws Exception {
    AuditLog log = AuditLog.builder().directory(dir).hashSuite(HashSuite.SM3).origin("audit.test.example").open();
    List<CompletableFuture<Long>> futures = new ArrayList<>();
    for (long n = 0; n < 300; n++) {
      futures.add(log.appendAsync(TestEvents.event(n)));
    }
    futures.get(299).get(30, TimeUnit.SECONDS);
    GroupCommitTest.segmentChannel(log).close();
    for (long n = 300; n < 2000; n++) {
      futures.add(log.appendAsync(TestEvents.event(n)));
    }

    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).handle((v, e) -> null).get(30, TimeUnit.SECONDS);
    List<Long> durable = new ArrayList<>();
    for (int i = 0; i < futures.size(); i++) {
      CompletableFuture<Long> future = futures.get(i);
      if (future.isCompletedExceptionally()) {
        assertThatThrownBy(future::get).hasCauseInstanceOf(AuditException.class)
            .hasMessageContaining("failed and refuses appends");
      } else {
        assertThat(future.get()).isEqualTo(i);
        durable.add(future.get());
      }
    }
    assertThat(futures.get(1999)).isCompletedExceptionally();
    assertThat(log.appendAsync(TestEvents.event(5000))).isCompletedExceptionally();
    assertThatThrownBy(log::close).isInstanceOf(java.io.IOException.class);
    try (AuditLog reopened = open()) {
      for (long index : durable) {
        assertThat(reopened.read(index)).isEqualTo(TestEvents.event(index));
      }
    }
  }

  /**
   * The queue's bound, made observable without timing: a hook that blocks holds up the thread that
   * acknowledges the first batch, so nothing else is written while a producer keeps appending. The
   * producer must stop once {@link GroupCommit#MAX_PENDING} entries are queued, and finish once
   * the hook lets go.
   */
  @Test
  void appendAsync_waitsWhileTheQueueIsFullAndGoesOnOnceEntriesAreDurable() throws Exception {
    CountDownLatch hookEntered = new CountDownLatch(1);
    CountDownLatch hookMayReturn = new CountDownLatch(1);
    try (AuditLog log = openHoldingEntryZero(hookEntered, hookMayReturn)) {
      int total = GroupCommit.MAX_PENDING * 2;
      AtomicInteger returned = new AtomicInteger();
      List<CompletableFuture<Long>> futures = java.util.Collections.synchronizedList(new ArrayList<>());
      futures.add(log.appendAsync(TestEvents.event(0)));
      assertThat(hookEntered.await(30, TimeUnit.SECONDS)).isTrue(); // entry 0 durable, its acknowledger held
      Thread producer = new Thread(() -> {
        for (long n = 1; n < total; n++) {
          futures.add(log.appendAsync(TestEvents.event(n)));
          returned.incrementAndGet();
        }
      });
      producer.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (producer.getState() != Thread.State.WAITING && producer.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }

      assertThat(producer.getState()).as("producer waits for room").isEqualTo(Thread.State.WAITING);
      assertThat(returned.get()).isLessThanOrEqualTo(GroupCommit.MAX_PENDING).isGreaterThan(100);
      hookMayReturn.countDown();
      producer.join(TimeUnit.SECONDS.toMillis(60));
      assertThat(producer.isAlive()).isFalse();
      for (int i = 0; i < total; i++) {
        assertThat(futures.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(i);
      }
    }
  }

  @Test
  @org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
  void close_fromADependentActionOnTheCommittingThreadIsRefusedAndTheLogStaysOpen() throws Exception {
    CountDownLatch hookEntered = new CountDownLatch(1);
    CountDownLatch actionAttached = new CountDownLatch(1);
    try (AuditLog log = openHoldingEntryZero(hookEntered, actionAttached)) {
      CompletableFuture<Long> first = log.appendAsync(TestEvents.event(0));
      assertThat(hookEntered.await(30, TimeUnit.SECONDS)).isTrue(); // so the action runs where the hook runs
      java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
      CompletableFuture<Void> action = first.thenRun(() -> {
        try {
          log.close();
        } catch (Throwable t) {
          thrown.set(t);
        }
      });
      actionAttached.countDown();

      action.get(30, TimeUnit.SECONDS);
      assertThat(thrown.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("another thread");
      assertThat(log.appendAsync(TestEvents.event(1)).get(30, TimeUnit.SECONDS)).isEqualTo(1);
    }
  }

  /** A log whose hook, at entry 0 (on the committing thread), counts {@code entered} down, then waits for {@code release}. */
  private AuditLog openHoldingEntryZero(CountDownLatch entered, CountDownLatch release) {
    return AuditLog.builder().directory(dir).origin("audit.test.example").addHook(entry -> {
      if (entry.index() == 0) {
        entered.countDown();
        awaitUninterruptibly(release);
      }
    }).open();
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@code threads} appenders of {@code callsEach} events, blocking where {@code blocking} says so. */
  private Map<Long, AuditEvent> run(int threads, int callsEach, java.util.function.IntPredicate blocking)
      throws Exception {
    Map<Long, AuditEvent> acknowledged = new ConcurrentHashMap<>();
    AtomicReference<Throwable> problem = new AtomicReference<>();
    try (AuditLog log = open()) {
      List<Thread> appenders = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        appenders.add(new Thread(() -> {
          try {
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            for (int i = 0; i < callsEach; i++) {
              AuditEvent event = TestEvents.event(thread * 1000L + i);
              if (blocking.test(thread)) {
                assertThat(acknowledged.put(log.append(event), event)).isNull();
              } else {
                acks.add(log.appendAsync(event).thenAccept(index -> {
                  assertThat(log.size()).as("size once %d is acknowledged", index).isGreaterThan(index);
                  assertThat(acknowledged.put(index, event)).isNull();
                }));
              }
            }
            for (CompletableFuture<Void> ack : acks) {
              ack.get(60, TimeUnit.SECONDS);
            }
          } catch (Throwable e) {
            problem.compareAndSet(null, e);
          }
        }));
      }
      appenders.forEach(Thread::start);
      for (Thread appender : appenders) {
        appender.join();
      }
    }
    assertThat(problem.get()).isNull();
    return acknowledged;
  }

  private void assertDenseAndDurable(Map<Long, AuditEvent> acknowledged, int total) throws java.io.IOException {
    assertThat(acknowledged.keySet()).hasSize(total).allMatch(i -> i >= 0 && i < total);
    try (AuditLog log = open()) {
      GroupCommitTest.assertEveryEntryReadsBackAndIsProvable(log, acknowledged, total);
    }
  }
}
