package dev.shuqiao.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads every segment of a log directory in order, read-only, handing each intact record to a
 * visitor. The one damage it tolerates is a torn tail: the bytes after the last intact record at the
 * very end of the last segment, when {@link TornTailRule} proves them an unfinished last write (a
 * crash between write and fsync, never acknowledged), or an incomplete header of a last segment
 * that was being started. Anything else throws {@link AuditLogCorruptedException} naming the entry
 * index, segment and offset.
 */
final class SegmentScanner {

  /** One intact record. */
  record Record(long index, byte[] payload, Path segment, long offset) {}

  /** Receives records in index order; may throw IllegalArgumentException for a bad payload. */
  interface Visitor {
    void accept(Record record);
  }

  /** Bytes at the end of the last segment that are not a complete record. */
  record TornTail(Path segment, long offset, long bytes) {
    boolean wholeSegment() {
      return offset == 0;
    }
  }

  /**
   * Where the valid records are: {@code lastSegmentEnd} is the offset after the last intact record
   * of the last segment (zero-filled free space or a torn tail may follow it).
   */
  record Result(Optional<HashSuite> suite, long size, List<Path> segments, Optional<TornTail> tornTail,
      long lastSegmentEnd) {}

  private SegmentScanner() {}

  static List<Path> segments(Path segmentDir) throws IOException {
    if (!Files.isDirectory(segmentDir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(segmentDir)) {
      return files.filter(p -> p.getFileName().toString().matches("[0-9]{20}\\.seg")).sorted().toList();
    }
  }

  static Result scan(Path segmentDir, Visitor visitor) throws IOException {
    List<Path> segments = segments(segmentDir);
    HashSuite suite = null;
    long next = 0;
    long lastEnd = -1;
    for (int i = 0; i < segments.size(); i++) {
      Path segment = segments.get(i);
      boolean last = i == segments.size() - 1;
      ByteBuffer data = map(segment);
      if (data.limit() < SegmentFormat.HEADER_BYTES || !hasMagic(data)) {
        if (last && TornTailRule.isTornHeader(data,
            SegmentFormat.header(suite == null ? HashSuite.SHA256 : suite, next), suite != null)) {
          return new Result(Optional.ofNullable(suite), next, segments.subList(0, i),
              Optional.of(new TornTail(segment, 0, data.limit())), lastEnd);
        }
        throw new AuditLogCorruptedException(next, segment, 0, "not a segment header");
      }
      suite = checkHeader(data, segment, suite, next);
      SegmentEnd end = scanRecords(data, segment, next, last, visitor);
      next = end.next();
      lastEnd = end.validEnd();
      if (end.torn()) {
        return new Result(Optional.of(suite), next, segments,
            Optional.of(new TornTail(segment, lastEnd, TornTailRule.lastNonZero(data) + 1 - lastEnd)), lastEnd);
      }
    }
    return new Result(Optional.ofNullable(suite), next, segments, Optional.empty(), lastEnd);
  }

  /** Index after the last intact record of a segment, the offset after it, and whether a torn tail follows. */
  private record SegmentEnd(long next, int validEnd, boolean torn) {}

  private static HashSuite checkHeader(ByteBuffer data, Path segment, HashSuite suite, long next) {
    int version = data.get(8) & 0xff;
    if (version != SegmentFormat.VERSION) {
      throw new AuditLogCorruptedException(next, segment, 8, "unsupported segment format version " + version);
    }
    HashSuite found;
    try {
      found = SegmentFormat.suiteOf(data.get(9) & 0xff);
    } catch (IllegalArgumentException e) {
      throw new AuditLogCorruptedException(next, segment, 9, e.getMessage());
    }
    if (suite != null && found != suite) {
      throw new AuditLogCorruptedException(next, segment, 9, "segment uses " + found.id() + ", log uses " + suite.id());
    }
    for (int i = 10; i < 16; i++) {
      if (data.get(i) != 0) {
        throw new AuditLogCorruptedException(next, segment, i, "reserved segment header bytes 10-15 are not zero");
      }
    }
    long first = data.getLong(16);
    if (first != next || SegmentFormat.firstIndexOf(segment) != next) {
      throw new AuditLogCorruptedException(next, segment, 16, "segment starts at entry " + first
          + " but the previous segments end before entry " + next + " (missing or extra segment)");
    }
    return found;
  }

  private static SegmentEnd scanRecords(ByteBuffer data, Path segment, long next, boolean last, Visitor visitor) {
    int p = SegmentFormat.HEADER_BYTES;
    int size = data.limit();
    while (p < size) {
      if (allZero(data, p)) {
        if (!last) {
          // The writer cuts its allocated space off a segment before it starts the next one.
          throw new AuditLogCorruptedException(next, segment, p, "zero padding at the end of a segment that is not"
              + " the last");
        }
        break; // zero-filled space the writer allocated ahead of its records
      }
      String problem = recordProblem(data, p);
      if (problem != null) {
        String notTorn = last ? TornTailRule.whyNotTorn(data, p, next) : null;
        if (last && notTorn == null) {
          return new SegmentEnd(next, p, true);
        }
        throw new AuditLogCorruptedException(next, segment, p,
            problem + (notTorn == null ? "" : "; not a torn tail: " + notTorn));
      }
      int length = data.getInt(p);
      long index = data.getLong(p + 4);
      if (index != next) {
        throw new AuditLogCorruptedException(next, segment, p, "record claims entry " + index + ", expected " + next);
      }
      byte[] payload = new byte[length];
      data.get(p + 12, payload);
      try {
        visitor.accept(new Record(index, payload, segment, p));
      } catch (IllegalArgumentException e) {
        throw new AuditLogCorruptedException(next, segment, p, "record payload is not a valid event: " + e.getMessage());
      }
      p += SegmentFormat.recordBytes(length);
      next++;
    }
    return new SegmentEnd(next, Math.min(p, size), false);
  }

  private static String recordProblem(ByteBuffer data, int p) {
    int remaining = data.limit() - p;
    if (remaining < SegmentFormat.RECORD_OVERHEAD) {
      return "incomplete record header (" + remaining + " bytes)";
    }
    int length = data.getInt(p);
    if (length <= 0 || length > SegmentFormat.MAX_PAYLOAD) {
      return "invalid record length " + length;
    }
    if (SegmentFormat.recordBytes(length) > remaining) {
      return "record of " + length + " bytes runs past the end of the segment";
    }
    int stored = data.getInt(p + 12 + length);
    int computed = SegmentFormat.checksum(data.duplicate().position(p).limit(p + 12 + length));
    return stored == computed ? null : "record checksum mismatch";
  }

  private static boolean hasMagic(ByteBuffer data) {
    byte[] magic = new byte[SegmentFormat.MAGIC.length];
    data.get(0, magic);
    return Arrays.equals(magic, SegmentFormat.MAGIC);
  }

  private static boolean allZero(ByteBuffer data, int from) {
    for (int i = from; i < data.limit(); i++) {
      if (data.get(i) != 0) {
        return false;
      }
    }
    return true;
  }

  private static ByteBuffer map(Path segment) throws IOException {
    try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size > Integer.MAX_VALUE) {
        throw new AuditLogCorruptedException(SegmentFormat.firstIndexOf(segment), segment, Integer.MAX_VALUE,
            "segment larger than 2 GiB");
      }
      return channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
    }
  }
}
