package dev.shuqiao.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.LoggerFactory;

/**
 * Group commit with two commits in flight. An appending thread queues its entries and then either
 * waits or, if no write is running and fewer than {@value #FORCES_IN_FLIGHT} forces are, takes
 * every queued entry, writes it as one batch and forces it; while that force runs, the next thread
 * can already write and force the entries that queued up meanwhile. Entries become durable (added
 * to the {@link LogState} and released to their appenders) in index order: a force covers every
 * write that completed before it began, so when any force returns, every batch written before it
 * is durable too, whichever force finishes first.
 *
 * <p>All fields are guarded by the log's lock, which is released during writes and forces. After
 * a failed write or force the log fails closed: every waiting and later append throws.
 */
final class GroupCommit {

  /** One force running and the next batch writing and forcing behind it keeps the disk busy. */
  static final int FORCES_IN_FLIGHT = 2;

  /** A parked appender: woken when its last entry is durable, or to write the next batch. */
  private static final class Waiter {
    final long last;
    final Condition wakeUp;

    Waiter(long last, Condition wakeUp) {
      this.last = last;
      this.wakeUp = wakeUp;
    }
  }

  private record Batch(List<PendingEntry> entries, SegmentWriter.Written where) {
    long end() {
      return entries.get(entries.size() - 1).index + 1;
    }
  }

  private final Path directory;
  private final ReentrantLock lock;
  /** Signalled for {@link #close} only: appenders wait on their own condition. */
  private final Condition idle;
  private final SegmentWriter writer;
  private final LogState state;
  private final QueryIndexFile.Appender postings;
  private ArrayList<PendingEntry> pending = new ArrayList<>();
  /** Appenders waiting for their entries, in index order; each is woken alone, not the whole crowd. */
  private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
  /** Batches written but not yet known to be durable, oldest first. */
  private final ArrayDeque<Batch> written = new ArrayDeque<>();
  private long nextIndex;
  private boolean writing;
  private int forcing;
  /** Threads writing postings of durable batches (outside the lock); close waits for them. */
  private int indexing;
  private boolean closing;
  private Throwable failure;
  private boolean closed;

  GroupCommit(Path directory, ReentrantLock lock, SegmentWriter writer, LogState state,
      QueryIndexFile.Appender postings) {
    this.directory = directory;
    this.lock = lock;
    this.idle = lock.newCondition();
    this.writer = writer;
    this.state = state;
    this.postings = postings;
    this.nextIndex = state.size();
  }

  /** Queues {@code entries} as consecutive entries and returns the first index once all are durable. */
  long commit(List<PendingEntry> entries) {
    lock.lock();
    try {
      checkUsable();
      long first = nextIndex;
      for (PendingEntry entry : entries) {
        entry.index = nextIndex++;
        pending.add(entry);
      }
      long last = nextIndex - 1;
      Waiter me = null;
      while (state.size() <= last) {
        checkUsable();
        if (canWrite()) {
          writeAndForce();
        } else {
          if (me == null) {
            me = new Waiter(last, lock.newCondition());
            waiters.addLast(me); // indices are handed out under this lock, so the queue stays in order
          }
          me.wakeUp.awaitUninterruptibly();
        }
      }
      return first;
    } finally {
      lock.unlock();
    }
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

  /** Called with the lock held; releases it during the write and the force. */
  private void writeAndForce() {
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
      return;
    }
    lock.lock();
    writing = false;
    Batch batch = new Batch(entries, where);
    written.addLast(batch);
    forcing++;
    wakeNextWriter(); // the entries that queued meanwhile are written while this batch is forced
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
    List<Batch> durable = new ArrayList<>(FORCES_IN_FLIGHT);
    while (!written.isEmpty() && written.peekFirst().end() <= batch.end()) {
      Batch done = written.removeFirst();
      publish(done);
      durable.add(done);
    }
    while (!waiters.isEmpty() && waiters.peekFirst().last < state.size()) {
      waiters.removeFirst().wakeUp.signal();
    }
    wakeNextWriter();
    if (closing) {
      idle.signalAll();
    }
    if (!durable.isEmpty()) {
      indexing++;
      lock.unlock();
      try {
        writePostings(durable);
      } finally {
        lock.lock();
        indexing--;
        if (closing) {
          idle.signalAll();
        }
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
   * If a batch can be written now, wakes the newest waiter to write it: whoever queued last has
   * entries in {@code pending} and is parked (or about to check again under this lock).
   */
  private void wakeNextWriter() {
    if (canWrite() && !waiters.isEmpty()) {
      waiters.peekLast().wakeUp.signal();
    }
  }

  private void wakeAll() {
    for (Waiter waiter : waiters) {
      waiter.wakeUp.signal();
    }
    waiters.clear();
    idle.signalAll();
  }

  private void fail(Throwable error) {
    if (failure == null) {
      failure = error;
    }
    wakeAll();
  }

  private void checkUsable() {
    if (failure != null) {
      throw new AuditException("audit log " + directory + " failed and refuses appends until reopened: "
          + failure.getMessage(), failure);
    }
    if (closed) {
      throw new AuditException("audit log " + directory + " is closed");
    }
  }
}
