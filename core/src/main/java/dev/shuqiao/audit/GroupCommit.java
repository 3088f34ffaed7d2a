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
 * Waiting appenders park on their own and learn that they are done without the lock ({@link
 * Waiters}).
 *
 * <p>All fields are guarded by the log's lock, which is released during writes and forces.
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

  private record Batch(List<PendingEntry> entries, SegmentWriter.Written where) {
    long end() {
      return entries.get(entries.size() - 1).index + 1;
    }
  }

  private final Path directory;
  private final ReentrantLock lock;
  /** Signalled for {@link #close} only: appenders park on their own. */
  private final Condition idle;
  private final AsyncCalls calls;
  private final SegmentWriter writer;
  private final LogState state;
  private final QueryIndexFile.Appender postings;
  private ArrayList<PendingEntry> pending = new ArrayList<>();
  private final Waiters waiters = new Waiters();
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
    this.calls = new AsyncCalls(hooks, lock);
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
      Waiters.Waiter me;
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
        interrupted |= Waiters.park(me, this);
        if (durable > last) {
          break; // the committing thread took this waiter off the queue before it published and unparked
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

  /** Without the lock: whether an appender whose last entry is {@code last} may stop waiting. */
  boolean releases(long last) {
    return durable > last || failure != null || closed;
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
    while (nextIndex > durable && nextIndex - durable + count > MAX_PENDING && !calls.onCommitter()) {
      calls.awaitRoom();
      checkUsable();
    }
  }

  /** With the lock held: the commit thread writes what no appender is going to; started on first use. */
  private void wakeCommitter() {
    calls.wakeCommitter(this::runCommitter);
  }

  private void runCommitter() {
    lock.lock();
    try {
      while (failure == null && !closed) {
        if (canWrite()) {
          writeAndForce();
        } else {
          calls.awaitWork();
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
  private Waiters.Waiter leadOrQueue(long last, Waiters.Waiter queued) {
    Waiters.Waiter me = queued;
    while (durable <= last) {
      checkUsable();
      if (canWrite()) {
        writeAndForce();
      } else {
        if (me == null) {
          me = waiters.add(last);
        }
        me.writeTurn = false;
        return me;
      }
    }
    return null;
  }

  /** Waits until everything queued is durable (or the log failed), then refuses further appends. */
  void close() {
    if (AsyncCalls.acknowledging()) {
      // The calls this thread is acknowledging hold up the batches close would wait for.
      throw new IllegalStateException("the audit log cannot be closed from a hook or from a dependent action of an "
          + "appendAsync future: it runs on the thread that commits; close it from another thread");
    }
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
    Waiters.unpark(nextWriter());
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
    Thread[] finished = waiters.takeFinished(durable);
    List<AsyncCalls.Call> acknowledged = calls.takeDurable(durable);
    Waiters.Waiter nextWriter = nextWriter();
    if (closing) {
      idle.signalAll();
    }
    calls.signalRoom();
    indexing++;
    lock.unlock();
    try {
      Waiters.unpark(nextWriter); // first: the disk should not wait for the crowd's wake-ups
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
   * If a batch can be written now, asks the newest waiter to write it (the caller unparks it after
   * releasing the lock). With no such waiter the queued entries are asynchronous ones, and the
   * commit thread writes them.
   */
  private Waiters.Waiter nextWriter() {
    if (!canWrite()) {
      return null;
    }
    Waiters.Waiter newest = waiters.askNewestToWrite();
    if (newest == null) {
      wakeCommitter();
    }
    return newest;
  }

  private void wakeAll() {
    waiters.wakeAll();
    calls.wakeAll();
    idle.signalAll();
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
