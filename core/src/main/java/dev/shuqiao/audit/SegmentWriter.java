package dev.shuqiao.audit;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Appends batches of records to the current segment and makes each batch durable with a single
 * {@link FileChannel#force} before returning: this is where group commit saves fsyncs. A new
 * segment is started when the current one reaches the configured size; its header and the
 * directory entry are forced before any record goes into it. Used by one flushing thread at a time.
 *
 * <p>Space is zero-filled and forced ahead of the records (up to {@value #ALLOCATE_AHEAD} bytes at a
 * time), so that forcing a batch writes data only: the file size, and with it the file system's
 * metadata, does not change on each append, which makes each fsync cheaper. Recovery reads zeros
 * after the last record as free space. Closing cuts the unused space off.
 */
final class SegmentWriter implements Closeable {

  /** A record waiting to be written. */
  record Pending(long index, byte[] payload, byte[] leafHash, AuditEvent event) {}

  /** Where a written batch landed: its segment and the offset of each record. */
  record Written(Path segment, long[] offsets) {}

  static final int ALLOCATE_AHEAD = 1 << 20;

  private final Path segmentDir;
  private final HashSuite suite;
  private final long segmentBytes;
  private FileChannel channel;
  private Path current;
  private long position;
  private long allocated;

  private SegmentWriter(Path segmentDir, HashSuite suite, long segmentBytes) {
    this.segmentDir = segmentDir;
    this.suite = suite;
    this.segmentBytes = segmentBytes;
  }

  /**
   * Continues {@code last} after its {@code validBytes}; beyond them there may only be zeros (the
   * caller cuts a torn tail first with {@link #cut}).
   */
  static SegmentWriter resume(Path segmentDir, HashSuite suite, long segmentBytes, Path last, long validBytes)
      throws IOException {
    SegmentWriter writer = new SegmentWriter(segmentDir, suite, segmentBytes);
    writer.channel = FileChannel.open(last, StandardOpenOption.WRITE);
    writer.current = last;
    writer.position = validBytes;
    writer.allocated = writer.channel.size();
    return writer;
  }

  /** Starts a log with its first segment. */
  static SegmentWriter create(Path segmentDir, HashSuite suite, long segmentBytes, long firstIndex)
      throws IOException {
    SegmentWriter writer = new SegmentWriter(segmentDir, suite, segmentBytes);
    writer.startSegment(firstIndex);
    return writer;
  }

  /** Cuts {@code segment} after {@code validBytes}, durably: removes a torn tail. */
  static void cut(Path segment, long validBytes) throws IOException {
    try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      channel.truncate(validBytes);
      channel.force(true);
    }
  }

  Written append(List<Pending> batch) throws IOException {
    if (position >= segmentBytes) {
      finishSegment();
      startSegment(batch.get(0).index());
    }
    int total = 0;
    for (Pending p : batch) {
      total += SegmentFormat.recordBytes(p.payload().length);
    }
    allocate(position + total);
    ByteBuffer buffer = ByteBuffer.allocate(total);
    long[] offsets = new long[batch.size()];
    for (int i = 0; i < batch.size(); i++) {
      offsets[i] = position + buffer.position();
      SegmentFormat.putRecord(buffer, batch.get(i).index(), batch.get(i).payload());
    }
    buffer.flip();
    writeFully(buffer, position);
    channel.force(false);
    position += total;
    return new Written(current, offsets);
  }

  /** Zero-fills and forces space up to at least {@code end}. */
  private void allocate(long end) throws IOException {
    // Small segments (tests, tiny logs) allocate no more than their own size at a time.
    int chunk = (int) Math.min(ALLOCATE_AHEAD, Math.max(4096, segmentBytes));
    while (allocated < end) {
      writeFully(ByteBuffer.allocate(chunk), allocated);
      allocated += chunk;
      channel.force(true);
    }
  }

  private void startSegment(long firstIndex) throws IOException {
    current = segmentDir.resolve(SegmentFormat.fileName(firstIndex));
    channel = FileChannel.open(current, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    writeFully(SegmentFormat.header(suite, firstIndex), 0);
    channel.force(true);
    LogFiles.forceDirectory(segmentDir);
    position = SegmentFormat.HEADER_BYTES;
    allocated = position;
  }

  /** Cuts the unused zero-filled space off the current segment and closes it. */
  private void finishSegment() throws IOException {
    if (allocated > position) {
      channel.truncate(position);
    }
    channel.force(true);
    channel.close();
  }

  private void writeFully(ByteBuffer buffer, long at) throws IOException {
    long offset = at;
    while (buffer.hasRemaining()) {
      offset += channel.write(buffer, offset);
    }
  }

  @Override
  public void close() throws IOException {
    finishSegment();
  }
}
