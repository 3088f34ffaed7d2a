package dev.shuqiao.audit;

import java.nio.file.Path;

/**
 * The log on disk is damaged somewhere other than an unacknowledged torn tail: a record in the
 * middle fails its checksum, carries the wrong index, or a segment is missing. The log refuses to
 * open; {@link #index()}, {@link #segment()} and {@link #offset()} say where.
 */
public final class AuditLogCorruptedException extends AuditException {

  private static final long serialVersionUID = 1L;

  private final long index;
  private final transient Path segment;
  private final long offset;
  private final String problem;

  AuditLogCorruptedException(long index, Path segment, long offset, String problem) {
    super("audit log corrupted at entry " + index + " (" + segment.getFileName() + " offset " + offset + "): "
        + problem);
    this.index = index;
    this.segment = segment;
    this.offset = offset;
    this.problem = problem;
  }

  /** What is wrong, without the position. */
  public String problem() {
    return problem;
  }

  /** Index of the first entry that could not be read intact. */
  public long index() {
    return index;
  }

  /** The segment file holding it. */
  public Path segment() {
    return segment;
  }

  /** Byte offset of the damaged record inside {@link #segment()}. */
  public long offset() {
    return offset;
  }
}
