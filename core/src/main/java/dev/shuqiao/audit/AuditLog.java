package dev.shuqiao.audit;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The tamper-evident audit log of one department or hub: an append-only RFC 6962 Merkle log stored
 * in segment files, with signed checkpoints and proofs. Thread-safe; open one per directory and
 * share it.
 *
 * <pre>{@code
 * try (AuditLog log = AuditLog.builder()
 *     .directory(Path.of("/var/lib/shuqiao/audit"))
 *     .hashSuite(HashSuite.SM3)
 *     .origin("audit.health.liuzhou.gov.cn")
 *     .open()) {
 *   long index = log.append(event);              // returns once the entry is on disk
 *   log.appendAsync(other).thenAccept(i -> ...);  // returns at once; completes once it is on disk
 *   Checkpoint checkpoint = log.checkpoint(signer); // signed tree head, also kept in DIR/checkpoints
 *   List<byte[]> proof = log.inclusionProof(index, checkpoint.treeSize());
 * }
 * }</pre>
 *
 * <p><b>Durability.</b> {@link #append} returns the entry's index only after the record has been
 * forced to disk. Concurrent appenders share fsyncs (group commit): while one thread forces a
 * batch, the others queue, and the next batch carries all of them with one force. Each appender
 * sleeps until its entry is durable, and putting a thread to sleep and waking it costs more CPU
 * than the rest of an append: {@link #appendAll} commits several events of one caller with one
 * wake-up, and {@link #appendAsync} does not sleep at all: it returns a future that completes once
 * the entry is durable, which is the way for a request thread that has other work to do meanwhile,
 * or for a producer of many events.
 *
 * <p><b>Recovery.</b> Opening reads every record. An incomplete record at the very end of the last
 * segment (a crash between write and fsync; never acknowledged) is cut. Any other damage, or a log
 * shorter than its latest checkpoint, makes {@link Builder#open} throw {@link AuditLogCorruptedException}
 * naming the entry, segment and offset. After an I/O error while appending the log fails closed:
 * every later append throws until it is reopened.
 */
public final class AuditLog implements AuditRecorder, Closeable {

  private final Path directory;
  private final HashSuite suite;
  private final String origin;
  private final List<AuditHook> hooks;
  private final FileChannel lockChannel;
  private final SegmentWriter writer;
  private final LogState state;
  private final CheckpointStore checkpoints;

  private final ReentrantLock lock = new ReentrantLock();
  private final Object checkpointLock = new Object();
  private final QueryIndexFile.Appender postings;
  private final GroupCommit commits;
  private boolean writerClosed;

  AuditLog(LogOpener.Opened opened, List<AuditHook> hooks) throws IOException {
    this.directory = opened.directory();
    this.suite = opened.suite();
    this.origin = opened.origin();
    this.hooks = List.copyOf(hooks);
    this.lockChannel = opened.lockChannel();
    this.writer = opened.writer();
    this.state = opened.state();
    this.checkpoints = opened.checkpoints();
    try {
      this.postings = new QueryIndexFile.Appender(directory);
    } catch (IOException | RuntimeException e) {
      LogOpener.closeAfterFailure(writer, e);
      LogOpener.closeAfterFailure(lockChannel, e);
      throw e;
    }
    this.commits = new GroupCommit(directory, lock, writer, state, postings, this::notifyHooks);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Appends {@code event} and returns its index once it is durable.
   *
   * @throws AuditException if the log is closed or has failed; the event may then not be logged
   */
  public long append(AuditEvent event) {
    long index = commits.commit(List.of(PendingEntry.of(suite, event)));
    notifyHooks(new AuditEntry(index, event));
    return index;
  }

  /**
   * Appends {@code events} as consecutive entries, in list order, and returns the index of the first
   * once all of them are durable: entry {@code first + i} is {@code events.get(i)}. They go to disk
   * in one group commit, so this costs less per event than {@link #append} in a loop, which waits
   * for one commit per event. Either all of them are acknowledged or the call throws.
   *
   * @throws IllegalArgumentException if {@code events} is empty
   * @throws AuditException if the log is closed or has failed; the events may then not be logged
   */
  public long appendAll(List<AuditEvent> events) {
    long first = commits.commit(pendingEntries(events));
    for (int i = 0; i < events.size(); i++) {
      notifyHooks(new AuditEntry(first + i, events.get(i)));
    }
    return first;
  }

  /**
   * Queues {@code event} and returns at once a future of its index, which completes only once the
   * entry is durable and the hooks have seen it, exactly as {@link #append} returns. If the log is
   * closed, or fails before the entry is durable, the future completes exceptionally with an {@link
   * AuditException} (fail closed: an entry is never acknowledged unless it is durable; it may still
   * be found in the log after a reopen). Indices are assigned in call order, as for {@code append}.
   *
   * <p>No thread waits per event: whoever forces a batch — an appender blocked in {@code append}, or
   * the log's commit thread, started on the first asynchronous append — completes that batch's
   * futures. Their dependent actions (a {@code thenAccept} without an executor) run on that thread
   * and hold up the next batch: keep them short or give them an executor. Closing the log from one (or from a
   * hook) throws {@link IllegalStateException} instead of waiting for the batch it is holding up. The call waits (uninterruptibly, keeping the interrupt status) only while 16,384
   * entries are queued and not yet durable, which bounds the memory (about 16 MiB) that producers
   * faster than the disk can take.
   *
   * @throws NullPointerException if {@code event} is null
   */
  public CompletableFuture<Long> appendAsync(AuditEvent event) {
    return commits.commitAsync(List.of(PendingEntry.of(suite, Objects.requireNonNull(event, "event"))));
  }

  /**
   * {@link #appendAll} without waiting: queues {@code events} as consecutive entries and returns a
   * future of the first index, completed as {@link #appendAsync}'s once all of them are durable.
   *
   * @throws IllegalArgumentException if {@code events} is empty
   */
  public CompletableFuture<Long> appendAllAsync(List<AuditEvent> events) {
    return commits.commitAsync(pendingEntries(events));
  }

  /** Same as {@link #append}. */
  @Override
  public long record(AuditEvent event) {
    return append(event);
  }

  /** Looks {@code messageId} up in the postings and reads its entries back (a few per exchange). */
  @Override
  public boolean contains(String messageId, AuditAction action) {
    Objects.requireNonNull(action, "action");
    for (long from = 0; ; ) {
      List<AuditEntry> entries = findByMessageId(Objects.requireNonNull(messageId, "messageId"), from, 64);
      for (AuditEntry entry : entries) {
        if (entry.event().action() == action) {
          return true;
        }
      }
      if (entries.size() < 64) {
        return false;
      }
      from = entries.get(entries.size() - 1).index() + 1;
    }
  }

  private List<PendingEntry> pendingEntries(List<AuditEvent> events) {
    if (events.isEmpty()) {
      throw new IllegalArgumentException("no events to append");
    }
    List<PendingEntry> entries = new ArrayList<>(events.size());
    for (AuditEvent event : events) {
      entries.add(PendingEntry.of(suite, Objects.requireNonNull(event, "event")));
    }
    return entries;
  }

  private void notifyHooks(AuditEntry entry) {
    for (AuditHook hook : hooks) {
      try {
        hook.onAppended(entry);
      } catch (RuntimeException e) {
        org.slf4j.LoggerFactory.getLogger(AuditLog.class).warn("audit hook {} failed on entry {}: {}",
            hook.getClass().getName(), entry.index(), e.toString());
      }
    }
  }

  /** Number of durable entries. */
  public long size() {
    return locked(state::size);
  }

  /** Root hash of the whole durable log. */
  public byte[] root() {
    return locked(() -> state.tree().root(state.size()));
  }

  /** Root hash of the first {@code treeSize} entries. */
  public byte[] root(long treeSize) {
    return locked(() -> state.tree().root(treeSize));
  }

  /** Leaf hash of entry {@code index}. */
  public byte[] leafHash(long index) {
    return locked(() -> state.tree().leafHash(index));
  }

  /** RFC 9162 inclusion proof of entry {@code index} in the tree of {@code treeSize} entries. */
  public List<byte[]> inclusionProof(long index, long treeSize) {
    return locked(() -> state.tree().inclusionProof(index, treeSize));
  }

  /** RFC 9162 consistency proof from {@code oldSize} to {@code newSize}, {@code 0 < oldSize <= newSize}. */
  public List<byte[]> consistencyProof(long oldSize, long newSize) {
    return locked(() -> state.tree().consistencyProof(oldSize, newSize));
  }

  /** Reads entry {@code index} back from disk, checked against its leaf hash. */
  public AuditEvent read(long index) {
    // Only the location is taken under the lock: appenders do not wait for this disk read.
    LogState.Location at = locked(() -> state.locate(index));
    return LogState.read(List.of(at), suite).get(0).event();
  }

  /** Up to {@code limit} entries about {@code subject} with index {@code >= fromIndex}, oldest first. */
  public List<AuditEntry> findBySubject(SubjectPseudonym subject, long fromIndex, int limit) {
    return LogState.read(locked(() -> state.locate(state.index().bySubject(subject, fromIndex, limit))), suite);
  }

  /** Up to {@code limit} entries of case {@code caseId} with index {@code >= fromIndex}, oldest first. */
  public List<AuditEntry> findByCaseId(String caseId, long fromIndex, int limit) {
    return LogState.read(locked(() -> state.locate(state.index().byCase(caseId, fromIndex, limit))), suite);
  }

  /**
   * Up to {@code limit} entries of exchange message {@code messageId} with index {@code >= fromIndex},
   * oldest first: how {@link Receipts} joins a hub's events, which carry no subject, to the
   * departments' (served from postings in memory, not from {@code DIR/query-index}).
   */
  public List<AuditEntry> findByMessageId(String messageId, long fromIndex, int limit) {
    return LogState.read(locked(() -> state.locate(state.index().byMessage(messageId, fromIndex, limit))), suite);
  }

  /**
   * Signs a checkpoint of the current durable tree and stores it durably in {@code DIR/checkpoints};
   * the signer's verifier key is added to {@code DIR/verifier-keys}. If the tree has not grown since
   * the latest checkpoint, that checkpoint is returned instead.
   *
   * @throws IllegalStateException if the log is empty
   */
  public Checkpoint checkpoint(CheckpointSigner signer) {
    Objects.requireNonNull(signer, "signer");
    // Signing and the forced writes happen outside the append lock, so appenders do not wait for
    // them; the checkpoint lock keeps the chain of "previous" sizes in order.
    synchronized (checkpointLock) {
      long size = locked(state::size);
      if (size == 0) {
        throw new IllegalStateException("an empty log has nothing to checkpoint");
      }
      byte[] root = locked(() -> state.tree().root(size));
      java.util.Optional<Checkpoint> latest = checkpoints.latest();
      if (latest.isPresent() && latest.get().treeSize() == size) {
        return latest.get();
      }
      long previous = latest.map(Checkpoint::treeSize).orElse(0L);
      Checkpoint checkpoint = Checkpoint.sign(origin, size, root, previous, signer);
      try {
        checkpoints.store(checkpoint);
        checkpoints.rememberKey(directory, signer.verifierKey());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot store checkpoint in " + directory, e);
      }
      return checkpoint;
    }
  }

  /** The most recent stored checkpoint, if any. */
  public java.util.Optional<Checkpoint> latestCheckpoint() {
    return checkpoints.latest();
  }

  public HashSuite hashSuite() {
    return suite;
  }

  public String origin() {
    return origin;
  }

  public Path directory() {
    return directory;
  }

  /** Waits until everything queued is durable and closes the files; later appends throw. */
  @Override
  public void close() throws IOException {
    commits.close();
    synchronized (checkpointLock) {
      try (lockChannel; postings) {
        if (!writerClosed) {
          writerClosed = true;
          writer.close();
        }
      }
    }
  }

  private <T> T locked(java.util.function.Supplier<T> action) {
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  /** Configures and opens an {@link AuditLog}. */
  public static final class Builder {
    private Path directory;
    private HashSuite suite = HashSuite.SM3;
    private String origin;
    private long segmentBytes = 64L << 20;
    private final List<AuditHook> hooks = new ArrayList<>();

    private Builder() {}

    /** Directory of the log; created if missing. Required. */
    public Builder directory(Path directory) {
      this.directory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** Hash function of a new log (default SM3); an existing log must match. */
    public Builder hashSuite(HashSuite suite) {
      this.suite = Objects.requireNonNull(suite, "suite");
      return this;
    }

    /** Checkpoint origin line, e.g. {@code audit.health.liuzhou.gov.cn}. Required for a new log. */
    public Builder origin(String origin) {
      this.origin = Checkpoint.requireOrigin(origin);
      return this;
    }

    /** Size after which a new segment file is started (default 64 MiB). */
    public Builder segmentBytes(long segmentBytes) {
      if (segmentBytes < 1024 || segmentBytes > (1L << 30)) {
        throw new IllegalArgumentException("segment size must be between 1 KiB and 1 GiB");
      }
      this.segmentBytes = segmentBytes;
      return this;
    }

    /** Adds a hook called after every durable append. */
    public Builder addHook(AuditHook hook) {
      hooks.add(Objects.requireNonNull(hook, "hook"));
      return this;
    }

    /** Adds every {@link AuditHook} registered with {@link java.util.ServiceLoader}. */
    public Builder loadHooks() {
      java.util.ServiceLoader.load(AuditHook.class).forEach(hooks::add);
      return this;
    }

    /**
     * Opens the log, recovering it after a crash.
     *
     * @throws AuditLogCorruptedException if the log is damaged anywhere but an unacknowledged torn tail
     * @throws UncheckedIOException if the files cannot be read or written
     */
    public AuditLog open() {
      if (directory == null) {
        throw new IllegalStateException("an audit log needs a directory");
      }
      try {
        return new AuditLog(LogOpener.open(directory, suite, origin, segmentBytes), hooks);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot open audit log " + directory + ": " + e.getMessage(), e);
      }
    }
  }

  static FileChannel lockDirectory(Path directory) throws IOException {
    FileChannel channel = FileChannel.open(LogFiles.lock(directory), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    FileLock fileLock = channel.tryLock();
    if (fileLock == null) {
      channel.close();
      throw new IOException("audit log " + directory + " is already open in another process");
    }
    return channel;
  }
}
