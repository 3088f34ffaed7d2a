package dev.shuqiao.audit;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Writes batches of records to the current segment ({@link #write}) and makes them durable
 * ({@link #force}). Writes come from one thread at a time, in index order; forces may run
 * concurrently with each other and with the next write, which is how {@link GroupCommit} keeps the
 * disk busy. A force covers every write that completed before it started. A new segment is started
 * when the current one reaches the configured size, only while no force is running ({@link
 * #segmentFull}); its header and the directory entry are forced before any record goes into it.
 *
 * <p>Space is zero-filled and forced ahead of the records (up to {@value #ALLOCATE_AHEAD} bytes at a
 * time), so that forcing a batch writes data only: the file size, and with it the file system's
 * metadata, does not change on each append, which makes each fsync cheaper. Recovery reads zeros
 * after the last record as free space. Closing cuts the unused space off.
 */
final class SegmentWriter implements Closeable {

  /** Where a written batch landed: its segment and the offset of each record. */
  record Written(Path segment, long[] offsets) {}

  static final int ALLOCATE_AHEAD = 1 << 20;

  private final Path segmentDir;
  private final HashSuite suite;
  private final long segmentBytes;
  private volatile FileChannel channel;
  private Path current;
  private long position;
  private long allocated;
  /** Reused by the one writing thread: a direct buffer saves the JDK's copy into a temporary one. */
  private ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);

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

  /** True if the next write starts a new segment, which must wait until no force is running. */
  boolean segmentFull() {
    return position >= segmentBytes;
  }

  /** Writes {@code batch} (in index order) after the previous records; not yet durable. */
  Written write(List<PendingEntry> batch) throws IOException {
    if (segmentFull()) {
      finishSegment();
      startSegment(batch.get(0).index);
    }
    int total = 0;
    for (PendingEntry p : batch) {
      total += SegmentFormat.recordBytes(p.payload.length);
    }
    allocate(position + total);
    if (buffer.capacity() < total) {
      buffer = ByteBuffer.allocateDirect(Math.max(total, buffer.capacity() * 2));
    }
    buffer.clear();
    long[] offsets = new long[batch.size()];
    for (int i = 0; i < batch.size(); i++) {
      offsets[i] = position + buffer.position();
      SegmentFormat.putRecord(buffer, batch.get(i).index, batch.get(i).payload);
    }
    buffer.flip();
    writeFully(buffer, position);
    position += total;
    return new Written(current, offsets);
  }

  /** Makes every write that completed before this call durable (data only: the size did not change). */
  void force() throws IOException {
    channel.force(false);
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

  private void writeFully(ByteBuffer data, long at) throws IOException {
    long offset = at;
    while (data.hasRemaining()) {
      offset += channel.write(data, offset);
    }
  }

  @Override
  public void close() throws IOException {
    finishSegment();
  }
}
