package dev.shuqiao.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The explicit repair of a log whose last segment is damaged after its newest checkpoint: what
 * {@link AuditLog} refuses to open, because only an unfinished last write may be cut silently. Run
 * it only after looking at what {@code shuqiao audit verify} reports; it needs the log closed.
 *
 * <pre>{@code
 * AuditLogRepair.Outcome outcome = AuditLogRepair.repair(Path.of("/var/lib/app/audit"));
 * outcome.sideFile().ifPresent(f -> System.out.println("moved aside: " + f));
 * }</pre>
 *
 * <p>It cuts the last segment at the first damaged record and moves everything it cuts (up to the
 * last non-zero byte) into {@code DIR/repair/<segment>.<offset>.cut}, written and forced before the
 * segment is cut, so nothing is deleted: the entries there can be examined and re-recorded. It
 * refuses — and changes nothing — when the damage is not in the last segment, is in a segment
 * header, or lies in entries a checkpoint has signed (cutting them would contradict a signature).
 */
public final class AuditLogRepair {

  static final String DIRECTORY = "repair";

  /** What a repair did. */
  public enum Status {
    /** The log was intact (zeros after the last record are free space); nothing changed. */
    NOTHING_TO_REPAIR,
    /** Damaged bytes were moved to {@link Outcome#sideFile()} and cut off the log. */
    CUT,
    /** The damage cannot be repaired by a cut; nothing changed ({@link Outcome#detail()} says why). */
    REFUSED
  }

  /**
   * The result: {@code entriesKept} is the log's size afterwards (before it, for a refusal).
   */
  public record Outcome(Status status, long entriesKept, Optional<Path> sideFile, long bytesMoved, String detail) {
    public Outcome {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(sideFile, "sideFile");
      Objects.requireNonNull(detail, "detail");
    }
  }

  private AuditLogRepair() {}

  /**
   * Repairs the closed log in {@code directory}.
   *
   * @throws IOException if it is not an audit log, is open elsewhere, or cannot be read or written
   */
  public static Outcome repair(Path directory) throws IOException {
    LogFiles.readSettings(directory); // refuses a directory that is no audit log
    FileChannel lock;
    try {
      lock = AuditLog.lockDirectory(directory);
    } catch (OverlappingFileLockException e) {
      throw new IOException("audit log " + directory + " is open in this process; close it first");
    }
    try (lock) {
      Path segmentDir = LogFiles.segments(directory);
      long[] size = {0};
      try {
        SegmentScanner.Result scan = SegmentScanner.scan(segmentDir, record -> {
          EventCodec.decode(record.payload());
          size[0]++;
        });
        if (scan.tornTail().isEmpty()) {
          return new Outcome(Status.NOTHING_TO_REPAIR, size[0], Optional.empty(), 0, "the log is intact");
        }
        SegmentScanner.TornTail torn = scan.tornTail().get();
        return cut(directory, torn.segment(), torn.offset(), size[0],
            "a torn tail (an unfinished last write, never acknowledged)");
      } catch (AuditLogCorruptedException e) {
        Optional<String> refusal = refusal(directory, e);
        if (refusal.isPresent()) {
          return new Outcome(Status.REFUSED, e.index(), Optional.empty(), 0, refusal.get());
        }
        return cut(directory, e.segment(), e.offset(), e.index(), "damage at entry " + e.index() + ": " + e.problem());
      }
    }
  }

  private static Optional<String> refusal(Path directory, AuditLogCorruptedException e) throws IOException {
    List<Path> segments = SegmentScanner.segments(LogFiles.segments(directory));
    String where = "entry " + e.index() + " (" + e.segment().getFileName() + " offset " + e.offset() + "): "
        + e.problem();
    if (segments.isEmpty() || !segments.get(segments.size() - 1).equals(e.segment())) {
      return Optional.of("the damage at " + where + " is not in the last segment; cutting there would remove"
          + " the segments after it — restore the log from a copy instead");
    }
    if (e.offset() < SegmentFormat.HEADER_BYTES) {
      return Optional.of("the damage at " + where + " is in the segment header; restore the log from a copy");
    }
    for (Path note : CheckpointStore.files(LogFiles.checkpoints(directory))) {
      String name = note.getFileName().toString();
      long signed = Long.parseUnsignedLong(name.substring(0, name.indexOf('.')));
      if (Long.compareUnsigned(signed, e.index()) > 0) {
        return Optional.of("the damage at " + where + " lies inside the tree of the checkpoint at size " + signed
            + ", whose signed entries a cut would remove — restore the log from a copy instead");
      }
    }
    return Optional.empty();
  }

  /** Moves {@code [offset, last non-zero byte]} of {@code segment} to a side file, then cuts it there. */
  private static Outcome cut(Path directory, Path segment, long offset, long kept, String what) throws IOException {
    ByteBuffer tail;
    try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ)) {
      ByteBuffer all = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
      int end = Math.max((int) offset, TornTailRule.lastNonZero(all) + 1);
      tail = all.duplicate().position((int) offset).limit(end).slice();
    }
    Path sideDir = Files.createDirectories(directory.resolve(DIRECTORY));
    String base = segment.getFileName() + "." + offset;
    Path side = sideDir.resolve(base + ".cut");
    for (int n = 2; Files.exists(side); n++) {
      side = sideDir.resolve(base + "-" + n + ".cut");
    }
    long moved = tail.remaining();
    try (FileChannel out = FileChannel.open(side, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      while (tail.hasRemaining()) {
        out.write(tail);
      }
      out.force(true);
    }
    LogFiles.forceDirectory(sideDir);
    LogFiles.forceDirectory(directory);
    if (offset == 0) {
      Files.delete(segment); // a torn header of a segment being started
    } else {
      SegmentWriter.cut(segment, offset);
    }
    LogFiles.forceDirectory(LogFiles.segments(directory));
    return new Outcome(Status.CUT, kept, Optional.of(side), moved, what + "; moved " + moved + " bytes from "
        + segment.getFileName() + " offset " + offset + " to " + side);
  }
}
