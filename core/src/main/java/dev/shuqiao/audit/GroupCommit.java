package dev.shuqiao.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.LoggerFactory;

/**
 * Group commit. An appending thread queues its entries and then either waits or, if no write is
 * running and fewer than {@value #FORCES_IN_FLIGHT} forces are, takes every queued entry, writes
 * it as one batch and forces it itself (the appenders that queued meanwhile are the next batch,
 * written by the newest of them once the force is done). With more than one force allowed in
 * flight, the next batch is written and forced while the previous force runs. Entries become
 * durable (added to the {@link LogState} and released to their appenders) in index order: a force
 * covers every write that completed before it began, so when any force returns, every batch
 * written before it is durable too, whichever force finishes first.
 *
 * <p>Waiting appenders do not hold or retake the lock to learn that they are done: the durable
 * size is published in a volatile field, each waiter parks on its own ({@link LockSupport}) and
 * re-checks that field, and the committing thread unparks the finished waiters after it has
 * released the lock. Only an appender asked to write the next batch takes the lock again. (With a
 * {@link Condition} per waiter, every woken appender had to reacquire the lock just to return: 64
 * wake-ups after a force became 64 serial lock hand-offs.)
 *
 * <p>All other fields are guarded by the log's lock, which is released during writes and forces.
 * After a failed write or force the log fails closed: every waiting and later append throws.
 * Waiting is not interruptible: an appender's interrupt status is cleared when it enters and
 * restored when it returns or throws, so that an interrupt that is pending, or arrives while it is
 * parked, does not close the segment channel (a {@code FileChannel} closes itself when a thread in
 * I/O on it is interrupted) when that appender writes a batch. One that lands during the write or
 * force itself still closes it, and the log fails closed.
 *
 * <p>Asynchronous appends ({@link #commitAsync}) queue their entries and return a future at once;
 * no thread waits for them. Whoever forces a batch acknowledges its asynchronous calls after the
 * force ({@link AsyncCalls}). When entries are queued and no appender is waiting that could write
 * them, the log's one commit thread (started on the first asynchronous append) writes, forces and
 * acknowledges batches until nothing is queued, then waits for work; it is the writer of last resort,
 * so no entry is ever stranded without a thread to write it.
 */
final class GroupCommit {

  /**
   * Forces that may run at once. With two, the next batch was written and forced while the previous
   * force ran; measured with 8 and 64 appenders that made no appender faster but nearly doubled
   * the number of fdatasyncs (batches half as big), and a forced batch costs the process about
   * 80 µs of CPU here, so one in flight is cheaper per event at the same rate. The machinery for
   * more stays: a disk that forces in parallel may want it.
   */
  static final int FORCES_IN_FLIGHT = 1;

  /**
   * Queued entries (numbered, not yet durable) beyond which {@link #commitAsync} waits. Each costs
   * about a kilobyte of heap until it is durable, so this bounds that memory near 16 MiB; a larger
   * bound would not be faster: at 100,000 events/s it is 160 ms of work, far more than one force.
   */
  static final int MAX_PENDING = 16_384;

  /** An appender parked until its last entry is durable, the log failed, or it is asked to write. */
  private static final class Waiter {
    final Thread thread = Thread.currentThread();
    final long last;
    /** Set under the lock when this appender should write the next batch; read when it wakes. */
    volatile boolean writeTurn;

    Waiter(long last) {
      this.last = last;
    }
  }

  private record Batch(List<PendingEntry> entries, SegmentWriter.Written where) {
    long end() {
      return entries.get(entries.size() - 1).index + 1;
    }
  }

  private final Path directory;
  private final ReentrantLock lock;
  /** Signalled for {@link #close} only: appenders park on their own. */
  private final Condition idle;
  /** The commit thread waits on this for entries that no appender is going to write. */
  private final Condition work;
  /** Asynchronous appenders wait on this while {@value #MAX_PENDING} entries are queued. */
  private final Condition room;
  private final AsyncCalls calls;
  /** Started on the first asynchronous append; guarded by the lock. */
  private Thread committer;
  private int waitingForRoom;
  private final SegmentWriter writer;
  private final LogState state;
  private final QueryIndexFile.Appender postings;
  private ArrayList<PendingEntry> pending = new ArrayList<>();
  /** Appenders waiting for their entries, in index order (queued in the lock hold that numbers them). */
  private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
  /** Batches written but not yet known to be durable, oldest first. */
  private final ArrayDeque<Batch> written = new ArrayDeque<>();
  private long nextIndex;
  /** Entries below this index are durable: {@code state.size()}, published for parked appenders. */
  private volatile long durable;
  private boolean writing;
  private int forcing;
  /** Threads writing postings of durable batches (outside the lock); close waits for them. */
  private int indexing;
  private boolean closing;
  private volatile Throwable failure;
  private volatile boolean closed;

  GroupCommit(Path directory, ReentrantLock lock, SegmentWriter writer, LogState state,
      QueryIndexFile.Appender postings, java.util.function.Consumer<AuditEntry> hooks) {
    this.directory = directory;
    this.lock = lock;
    this.idle = lock.newCondition();
    this.work = lock.newCondition();
    this.room = lock.newCondition();
    this.calls = new AsyncCalls(hooks);
    this.writer = writer;
    this.state = state;
    this.postings = postings;
    this.nextIndex = state.size();
    this.durable = state.size();
  }

  /** Queues {@code entries} as consecutive entries and returns the first index once all are durable. */
  long commit(List<PendingEntry> entries) {
    boolean interrupted = Thread.interrupted();
    try {
      long first;
      long last;
      Waiter me;
      lock.lock();
      try {
        checkUsable();
        first = nextIndex;
        for (PendingEntry entry : entries) {
          entry.index = nextIndex++;
          pending.add(entry);
        }
        last = nextIndex - 1;
        me = leadOrQueue(last, null);
      } finally {
        lock.unlock();
      }
      while (me != null) {
        interrupted |= park(me);
        if (durable > last) {
          break; // the committer took this waiter off the queue before it published and unparked
        }
        lock.lock();
        try {
          checkUsable();
          me = leadOrQueue(last, me);
        } finally {
          lock.unlock();
        }
      }
      return first;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Queues {@code entries} as consecutive entries and returns a future of the first index, completed
   * once all are durable (after the hooks saw them), or exceptionally with an {@link AuditException}
   * if the log is closed or fails first. Waits only while {@value #MAX_PENDING} entries are queued.
   */
  CompletableFuture<Long> commitAsync(List<PendingEntry> entries) {
    CompletableFuture<Long> future = new CompletableFuture<>();
    lock.lock();
    try {
      awaitRoom(entries.size());
      for (PendingEntry entry : entries) {
        entry.index = nextIndex++;
        pending.add(entry);
      }
      calls.add(new AsyncCalls.Call(entries, future));
      if (canWrite()) {
        wakeCommitter();
      } // else a write or force runs, and whoever finishes it hands the next batch on
    } catch (AuditException e) {
      return CompletableFuture.failedFuture(e);
    } finally {
      lock.unlock();
    }
    return future;
  }

  /**
   * With the lock held: waits while the queue is full, unless nothing is queued (a call larger than
   * the bound goes alone) or this is the commit thread (a hook or a future's dependent action
   * appending there must not wait for itself).
   */
  private void awaitRoom(int count) {
    checkUsable();
    while (nextIndex > durable && nextIndex - durable + count > MAX_PENDING
        && Thread.currentThread() != committer) {
      waitingForRoom++;
      try {
        room.awaitUninterruptibly(); // keeps the interrupt status
      } finally {
        waitingForRoom--;
      }
      checkUsable();
    }
  }

  /** With the lock held: the commit thread writes what no appender is going to; started on first use. */
  private void wakeCommitter() {
    if (committer == null) {
      committer = new Thread(this::runCommitter, "shuqiao-audit-commit");
      committer.setDaemon(true); // a log that is never closed does not keep the JVM alive
      committer.start();
    } else if (Thread.currentThread() != committer) {
      work.signal();
    } // the commit thread itself loops on in runCommitter
  }

  private void runCommitter() {
    lock.lock();
    try {
      while (failure == null && !closed) {
        if (canWrite()) {
          writeAndForce();
        } else {
          work.awaitUninterruptibly();
        }
      }
    } catch (RuntimeException | Error e) { // a bug: fail closed rather than strand the queued futures
      fail(e);
      failCalls();
      throw e;
    } finally {
      lock.unlock();
    }
  }

  /**
   * With the lock held: writes and forces batches while this appender can and its entries are not
   * durable; otherwise queues it (once) and returns it to be parked. Null once its entries are durable.
   */
  private Waiter leadOrQueue(long last, Waiter queued) {
    Waiter me = queued;
    while (durable <= last) {
      checkUsable();
      if (canWrite()) {
        writeAndForce();
      } else {
        if (me == null) {
          me = new Waiter(last);
          waiters.addLast(me);
        }
        me.writeTurn = false;
        return me;
      }
    }
    return null;
  }

  /**
   * Parks without the lock until {@code me}'s entries are durable, the log failed or closed, or
   * {@code me} is asked to write; robust to spurious wake-ups. Returns whether it was interrupted.
   */
  private boolean park(Waiter me) {
    boolean interrupted = false;
    while (durable <= me.last && !me.writeTurn && failure == null && !closed) {
      LockSupport.park(this);
      interrupted |= Thread.interrupted(); // else park returns at once, again and again
    }
    return interrupted;
  }

  /** Waits until everything queued is durable (or the log failed), then refuses further appends. */
  void close() {
    lock.lock();
    try {
      closing = true;
      while (indexing > 0 || failure == null && (writing || forcing > 0 || !pending.isEmpty())) {
        if (canWrite()) {
          writeAndForce();
        } else {
          idle.awaitUninterruptibly();
        }
      }
      closed = true;
      wakeAll();
    } finally {
      lock.unlock();
    }
  }

  private boolean canWrite() {
    // A new segment closes the current file, so it waits until no force runs on it.
    return !writing && !pending.isEmpty() && forcing < FORCES_IN_FLIGHT && (forcing == 0 || !writer.segmentFull());
  }

  /** Called with the lock held; releases it during the write, the force and the wake-ups. */
  private void writeAndForce() {
    Batch batch = write();
    if (batch != null) {
      forceAndRelease(batch);
    }
    if (failure != null) {
      failCalls();
    }
  }

  /** With the lock held once: fails every queued asynchronous call, outside the lock. */
  private void failCalls() {
    List<AsyncCalls.Call> failed = calls.takeAll();
    if (failed != null) {
      lock.unlock();
      try {
        AsyncCalls.fail(failed, this::unusable);
      } finally {
        lock.lock();
      }
    }
  }

  /** With the lock held: writes every pending entry as one batch (without the lock); null if that failed. */
  private Batch write() {
    List<PendingEntry> entries = pending;
    pending = new ArrayList<>(Math.max(16, entries.size()));
    writing = true;
    SegmentWriter.Written where;
    lock.unlock();
    try {
      where = writer.write(entries);
    } catch (IOException | RuntimeException e) {
      lock.lock();
      writing = false;
      fail(e);
      return null;
    }
    lock.lock();
    writing = false;
    Batch batch = new Batch(entries, where);
    written.addLast(batch);
    forcing++;
    // Only with more than one force in flight: the next batch is written while this one is forced.
    // Unparked under the lock, which is released right after, for the force.
    unpark(nextWriter());
    return batch;
  }

  /**
   * With the lock held: forces {@code batch} (without the lock), publishes every batch that is now
   * durable, and after releasing the lock wakes the next writer and the finished waiters and
   * appends the query-index postings.
   */
  private void forceAndRelease(Batch batch) {
    lock.unlock();
    Throwable error = null;
    try {
      writer.force();
    } catch (IOException | RuntimeException e) {
      error = e;
    }
    lock.lock();
    forcing--;
    if (error != null) {
      fail(error);
      return;
    }
    List<Batch> durableBatches = new ArrayList<>(FORCES_IN_FLIGHT);
    while (!written.isEmpty() && written.peekFirst().end() <= batch.end()) {
      Batch done = written.removeFirst();
      publish(done);
      durableBatches.add(done);
    }
    durable = state.size();
    Thread[] finished = takeFinishedWaiters();
    List<AsyncCalls.Call> acknowledged = calls.takeDurable(durable);
    Waiter nextWriter = nextWriter();
    if (closing) {
      idle.signalAll();
    }
    if (waitingForRoom > 0) {
      room.signalAll();
    }
    indexing++;
    lock.unlock();
    try {
      unpark(nextWriter); // first: the disk should not wait for the crowd's wake-ups
      for (Thread thread : finished) {
        LockSupport.unpark(thread);
      }
      calls.acknowledge(acknowledged);
      writePostings(durableBatches);
    } finally {
      lock.lock();
      indexing--;
      if (closing) {
        idle.signalAll();
      }
    }
  }

  /** Takes the waiters whose entries are now durable off the queue; the current thread is left out. */
  private Thread[] takeFinishedWaiters() {
    int count = 0;
    for (Waiter w : waiters) {
      if (w.last >= durable) {
        break;
      }
      count++;
    }
    Thread self = Thread.currentThread();
    Thread[] finished = new Thread[count];
    int n = 0;
    for (int i = 0; i < count; i++) {
      Thread thread = waiters.removeFirst().thread;
      if (thread != self) {
        finished[n++] = thread;
      }
    }
    return n == count ? finished : java.util.Arrays.copyOf(finished, n);
  }

  private void publish(Batch batch) {
    long[] offsets = batch.where().offsets();
    for (int i = 0; i < batch.entries().size(); i++) {
      PendingEntry e = batch.entries().get(i);
      state.add(e.index, e.leafHash, e.event, batch.where().segment(), offsets[i]);
    }
  }

  /** The query index is derived data: a failed write is repaired from the records on the next open. */
  private void writePostings(List<Batch> batches) {
    try {
      for (Batch batch : batches) {
        postings.append(batch.entries(), batch.where().offsets());
      }
    } catch (IOException | RuntimeException e) {
      LoggerFactory.getLogger(AuditLog.class).warn("audit log {}: query index not updated ({});"
          + " it is rebuilt when the log is next opened", directory, e.toString());
    }
  }

  /**
   * If a batch can be written now, picks the newest waiter to write it (the caller unparks it after
   * releasing the lock): whoever queued last has entries in {@code pending} and is parked. With no
   * such waiter the queued entries are asynchronous ones, and the commit thread writes them.
   */
  private Waiter nextWriter() {
    if (!canWrite()) {
      return null;
    }
    if (!waiters.isEmpty()) {
      Waiter newest = waiters.peekLast();
      if (newest.thread != Thread.currentThread()) {
        newest.writeTurn = true;
        return newest;
      }
    }
    wakeCommitter();
    return null;
  }

  private static void unpark(Waiter waiter) {
    if (waiter != null) {
      LockSupport.unpark(waiter.thread);
    }
  }

  private void wakeAll() {
    for (Waiter waiter : waiters) {
      LockSupport.unpark(waiter.thread);
    }
    waiters.clear();
    idle.signalAll();
    work.signalAll();
    room.signalAll();
  }

  private void fail(Throwable error) {
    if (failure == null) {
      failure = error;
    }
    wakeAll();
  }

  private void checkUsable() {
    AuditException unusable = unusable();
    if (unusable != null) {
      throw unusable;
    }
  }

  /** Why the log refuses appends, or null while it accepts them. */
  private AuditException unusable() {
    Throwable failed = failure;
    if (failed != null) {
      return new AuditException("audit log " + directory + " failed and refuses appends until reopened: "
          + failed.getMessage(), failed);
    }
    return closed ? new AuditException("audit log " + directory + " is closed") : null;
  }
}
