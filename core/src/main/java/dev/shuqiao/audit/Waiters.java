package dev.shuqiao.audit;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * The appenders blocked in {@link GroupCommit#commit} until their entries are durable, in index order
 * (each is queued in the lock hold that numbers its entries). They do not hold or retake the lock to
 * learn that they are done: the durable size is published in a volatile field, each waiter parks on
 * its own ({@link LockSupport}) and re-checks that field, and the committing thread unparks the
 * finished waiters after it has released the lock. Only an appender asked to write the next batch
 * takes the lock again. (With a {@code Condition} per waiter, every woken appender had to reacquire
 * the lock just to return: 64 wake-ups after a force became 64 serial lock hand-offs.) Guarded by
 * the log's lock, except {@link #park} and {@link #unpark}.
 */
final class Waiters {

  /** An appender parked until its last entry is durable, the log failed, or it is asked to write. */
  static final class Waiter {
    final Thread thread = Thread.currentThread();
    final long last;
    /** Set under the lock when this appender should write the next batch; read when it wakes. */
    volatile boolean writeTurn;

    private Waiter(long last) {
      this.last = last;
    }
  }

  private final ArrayDeque<Waiter> queue = new ArrayDeque<>();

  /** Queues the current thread, whose last entry is {@code last}. */
  Waiter add(long last) {
    Waiter waiter = new Waiter(last);
    queue.addLast(waiter);
    return waiter;
  }

  /** Takes the waiters whose entries are all below {@code durable}; the current thread is left out. */
  Thread[] takeFinished(long durable) {
    int count = 0;
    for (Waiter w : queue) {
      if (w.last >= durable) {
        break;
      }
      count++;
    }
    Thread self = Thread.currentThread();
    Thread[] finished = new Thread[count];
    int n = 0;
    for (int i = 0; i < count; i++) {
      Thread thread = queue.removeFirst().thread;
      if (thread != self) {
        finished[n++] = thread;
      }
    }
    return n == count ? finished : Arrays.copyOf(finished, n);
  }

  /**
   * Asks the newest waiter to write the next batch (the caller unparks it after releasing the lock):
   * whoever queued last has entries in the queue and is parked. Null if there is no such waiter.
   */
  Waiter askNewestToWrite() {
    Waiter newest = queue.peekLast();
    if (newest == null || newest.thread == Thread.currentThread()) {
      return null;
    }
    newest.writeTurn = true;
    return newest;
  }

  /** Unparks every waiter and forgets them: the log failed or closed. */
  void wakeAll() {
    for (Waiter waiter : queue) {
      LockSupport.unpark(waiter.thread);
    }
    queue.clear();
  }

  /**
   * Parks without the lock until {@code commit} {@linkplain GroupCommit#releases releases} {@code
   * me}'s entries or {@code me} is asked to write; robust to spurious wake-ups. Returns whether the
   * thread was interrupted meanwhile (its status is cleared).
   */
  static boolean park(Waiter me, GroupCommit commit) {
    boolean interrupted = false;
    while (!me.writeTurn && !commit.releases(me.last)) {
      LockSupport.park(me);
      interrupted |= Thread.interrupted(); // else park returns at once, again and again
    }
    return interrupted;
  }

  static void unpark(Waiter waiter) {
    if (waiter != null) {
      LockSupport.unpark(waiter.thread);
    }
  }
}
