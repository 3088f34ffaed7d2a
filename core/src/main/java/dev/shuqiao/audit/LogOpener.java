package dev.shuqiao.audit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens a log directory: settings, lock, full read of the records, torn-tail cut, checkpoint check. */
final class LogOpener {

  private static final Logger LOG = LoggerFactory.getLogger(LogOpener.class);

  record Opened(Path directory, HashSuite suite, String origin, FileChannel lockChannel, SegmentWriter writer,
      LogState state, CheckpointStore checkpoints) {}

  private LogOpener() {}

  static Opened open(Path directory, HashSuite suite, String origin, long segmentBytes) throws IOException {
    Files.createDirectories(LogFiles.segments(directory));
    Files.createDirectories(LogFiles.checkpoints(directory));
    FileChannel lockChannel = lock(directory);
    try {
      LogFiles.Settings settings = settings(directory, suite, origin);
      LogState state = new LogState(settings.suite());
      SegmentScanner.Result scan = SegmentScanner.scan(LogFiles.segments(directory), record -> {
        AuditEvent event = EventCodec.decode(record.payload());
        state.add(record.index(), settings.suite().leafHash(record.payload()), event, record.segment(),
            record.offset());
      });
      if (scan.suite().isPresent() && scan.suite().get() != settings.suite()) {
        throw new IOException("segments use " + scan.suite().get().id() + " but the log is " + settings.suite().id());
      }
      CheckpointStore checkpoints = new CheckpointStore(LogFiles.checkpoints(directory));
      checkAgainstCheckpoints(directory, state, checkpoints, scan);
      SegmentWriter writer = writer(directory, settings.suite(), segmentBytes, scan, state.size());
      try {
        if (!QueryIndexFile.holds(directory, state.postings())) {
          state.rewriteQueryIndex(directory);
        }
      } catch (IOException | RuntimeException e) {
        closeAfterFailure(writer, e);
        throw e;
      }
      return new Opened(directory, settings.suite(), settings.origin(), lockChannel, writer, state, checkpoints);
    } catch (IOException | RuntimeException e) {
      lockChannel.close();
      throw e;
    }
  }

  /** Closes what an open that failed had opened; a second failure is kept with the first. */
  static void closeAfterFailure(java.io.Closeable resource, Exception failure) {
    try {
      resource.close();
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  private static FileChannel lock(Path directory) throws IOException {
    try {
      return AuditLog.lockDirectory(directory);
    } catch (OverlappingFileLockException e) {
      throw new IOException("audit log " + directory + " is already open in this process");
    }
  }

  private static LogFiles.Settings settings(Path directory, HashSuite suite, String origin) throws IOException {
    if (!Files.exists(directory.resolve(LogFiles.PROPERTIES))) {
      if (origin == null) {
        throw new IllegalStateException("a new audit log needs an origin for its checkpoints");
      }
      LogFiles.Settings settings = new LogFiles.Settings(suite, origin);
      LogFiles.writeSettings(directory, settings);
      return settings;
    }
    LogFiles.Settings stored = LogFiles.readSettings(directory);
    if (stored.suite() != suite) {
      throw new IllegalStateException("audit log " + directory + " uses " + stored.suite().id() + ", not " + suite.id());
    }
    if (origin != null && !origin.equals(stored.origin())) {
      throw new IllegalStateException("audit log " + directory + " has origin " + stored.origin() + ", not " + origin);
    }
    return stored;
  }

  /** The log must still contain every checkpointed tree: a cut or rewrite below one is corruption. */
  private static void checkAgainstCheckpoints(Path directory, LogState state, CheckpointStore checkpoints,
      SegmentScanner.Result scan) throws IOException {
    List<Checkpoint> all = checkpoints.all();
    for (Checkpoint checkpoint : all) {
      long size = checkpoint.treeSize();
      Path where = scan.tornTail().map(SegmentScanner.TornTail::segment)
          .orElse(scan.segments().isEmpty() ? LogFiles.segments(directory) : scan.segments().get(scan.segments().size() - 1));
      if (Long.compareUnsigned(size, state.size()) > 0) {
        throw new AuditLogCorruptedException(state.size(), where, scan.tornTail().map(SegmentScanner.TornTail::offset).orElse(-1L),
            "checkpoint at tree size " + size + " covers entries the log no longer has (it has " + state.size() + ")");
      }
      if (!MessageDigest.isEqual(state.tree().root(size), checkpoint.rootHash())) {
        throw new AuditLogCorruptedException(Math.max(0, size - 1), where, -1,
            "the first " + size + " entries do not match the root hash of their checkpoint");
      }
    }
  }

  private static SegmentWriter writer(Path directory, HashSuite suite, long segmentBytes, SegmentScanner.Result scan,
      long size) throws IOException {
    Path segments = LogFiles.segments(directory);
    if (scan.tornTail().isPresent()) {
      SegmentScanner.TornTail torn = scan.tornTail().get();
      LOG.warn("audit log {}: cutting a torn tail of {} bytes at {} offset {} (entries from {} were never acknowledged)",
          directory, torn.bytes(), torn.segment().getFileName(), torn.offset(), size);
      if (torn.wholeSegment()) {
        Files.delete(torn.segment());
        LogFiles.forceDirectory(segments);
      } else {
        SegmentWriter.cut(torn.segment(), torn.offset());
        return SegmentWriter.resume(segments, suite, segmentBytes, torn.segment(), torn.offset());
      }
    }
    List<Path> remaining = SegmentScanner.segments(segments);
    if (remaining.isEmpty()) {
      return SegmentWriter.create(segments, suite, segmentBytes, size);
    }
    Path last = remaining.get(remaining.size() - 1);
    return SegmentWriter.resume(segments, suite, segmentBytes, last, scan.lastSegmentEnd());
  }
}
