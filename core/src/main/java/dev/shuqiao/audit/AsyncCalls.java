package dev.shuqiao.audit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The {@link AuditLog#appendAsync} calls whose entries are not yet durable, in index order, and what
 * happens to them: once the last entry of a call is durable the hooks see each of its entries and
 * then its future completes with the first index; when the log fails every future still here
 * completes exceptionally. Taking calls off the queue needs the log's lock; acknowledging them runs
 * hooks and the futures' dependent actions, so it is done after the lock is released.
 *
 * <p>Also the log's commit thread, which writes the entries that no blocked appender is going to
 * write, and the condition on which asynchronous appenders wait while the queue is full. Guarded by
 * the log's lock, except {@link #acknowledge} and {@link #fail}.
 */
final class AsyncCalls {

  /** One asynchronous append: its consecutive entries and the future of the first one's index. */
  record Call(List<PendingEntry> entries, CompletableFuture<Long> future) {
    long last() {
      return entries.get(entries.size() - 1).index;
    }
  }

  /** Set while a thread runs the hooks and dependent actions of durable calls. */
  private static final ThreadLocal<Boolean> ACKNOWLEDGING = new ThreadLocal<>();

  private final ArrayDeque<Call> queued = new ArrayDeque<>();
  private final Consumer<AuditEntry> hooks;
  /** The commit thread waits on this for entries that no appender is going to write. */
  private final Condition work;
  /** Asynchronous appenders wait on this while the queue is full. */
  private final Condition room;
  private int waitingForRoom;
  /** Started on first use. */
  private Thread committer;

  AsyncCalls(Consumer<AuditEntry> hooks, ReentrantLock lock) {
    this.hooks = hooks;
    this.work = lock.newCondition();
    this.room = lock.newCondition();
  }

  /** Starts the commit thread running {@code loop} on first use, else signals it unless it is this one. */
  void wakeCommitter(Runnable loop) {
    if (committer == null) {
      committer = new Thread(loop, "shuqiao-audit-commit");
      committer.setDaemon(true); // a log that is never closed does not keep the JVM alive
      committer.start();
    } else if (!onCommitter()) {
      work.signal();
    } // the commit thread itself loops on
  }

  boolean onCommitter() {
    return Thread.currentThread() == committer;
  }

  /** The commit thread waits to be woken. */
  void awaitWork() {
    work.awaitUninterruptibly();
  }

  /** An asynchronous appender waits for room (uninterruptibly, keeping its interrupt status). */
  void awaitRoom() {
    waitingForRoom++;
    try {
      room.awaitUninterruptibly();
    } finally {
      waitingForRoom--;
    }
  }

  /** Entries became durable: the appenders waiting for room try again. */
  void signalRoom() {
    if (waitingForRoom > 0) {
      room.signalAll();
    }
  }

  /** The log failed or closed: everyone waiting here looks at it again. */
  void wakeAll() {
    work.signalAll();
    room.signalAll();
  }

  /** With the lock held, in the same lock hold that numbered {@code entries}. */
  void add(Call call) {
    queued.addLast(call);
  }

  /** With the lock held: takes the calls whose entries are all below {@code durable}; null if none. */
  List<Call> takeDurable(long durable) {
    if (queued.isEmpty() || queued.peekFirst().last() >= durable) {
      return null;
    }
    List<Call> done = new ArrayList<>();
    while (!queued.isEmpty() && queued.peekFirst().last() < durable) {
      done.add(queued.removeFirst());
    }
    return done;
  }

  /** With the lock held: takes every queued call, for {@link #fail}; null if none. */
  List<Call> takeAll() {
    if (queued.isEmpty()) {
      return null;
    }
    List<Call> all = new ArrayList<>(queued);
    queued.clear();
    return all;
  }

  /**
   * Without the lock: tells the hooks about every entry of {@code calls}, then completes each future.
   * The entries are durable, so even an error thrown by a hook (hooks' exceptions are caught before)
   * leaves no future of {@code calls} uncompleted.
   */
  void acknowledge(List<Call> calls) {
    if (calls == null) {
      return;
    }
    Boolean outer = ACKNOWLEDGING.get();
    ACKNOWLEDGING.set(Boolean.TRUE);
    int done = 0;
    try {
      for (; done < calls.size(); done++) {
        Call call = calls.get(done);
        for (PendingEntry entry : call.entries()) {
          hooks.accept(new AuditEntry(entry.index, entry.event));
        }
        call.future().complete(call.entries().get(0).index);
      }
    } finally {
      for (int i = done; i < calls.size(); i++) {
        calls.get(i).future().complete(calls.get(i).entries().get(0).index);
      }
      if (outer == null) {
        ACKNOWLEDGING.remove();
      }
    }
  }

  /** Whether this thread is running hooks or a future's dependent action for {@link #acknowledge}. */
  static boolean acknowledging() {
    return ACKNOWLEDGING.get() != null;
  }

  /** Without the lock: completes every future of {@code calls} with an exception from {@code error}. */
  static void fail(List<Call> calls, java.util.function.Supplier<AuditException> error) {
    if (calls == null) {
      return;
    }
    for (Call call : calls) {
      call.future().completeExceptionally(error.get());
    }
  }
}
