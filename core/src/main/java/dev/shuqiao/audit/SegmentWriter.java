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
 */
final class SegmentWriter implements Closeable {

  /** A record waiting to be written. */
  record Pending(long index, byte[] payload, byte[] leafHash, AuditEvent event) {}

  /** Where a written batch landed: its segment and the offset of each record. */
  record Written(Path segment, long[] offsets) {}

  private final Path segmentDir;
  private final HashSuite suite;
  private final long segmentBytes;
  private FileChannel channel;
  private Path current;
  private long position;

  private SegmentWriter(Path segmentDir, HashSuite suite, long segmentBytes) {
    this.segmentDir = segmentDir;
    this.suite = suite;
    this.segmentBytes = segmentBytes;
  }

  /** Continues {@code last} after its {@code validBytes}, cutting anything beyond (a torn tail). */
  static SegmentWriter resume(Path segmentDir, HashSuite suite, long segmentBytes, Path last, long validBytes)
      throws IOException {
    SegmentWriter writer = new SegmentWriter(segmentDir, suite, segmentBytes);
    writer.channel = FileChannel.open(last, StandardOpenOption.WRITE);
    if (writer.channel.size() > validBytes) {
      writer.channel.truncate(validBytes);
      writer.channel.force(true);
    }
    writer.current = last;
    writer.position = validBytes;
    return writer;
  }

  /** Starts a log with its first segment. */
  static SegmentWriter create(Path segmentDir, HashSuite suite, long segmentBytes, long firstIndex)
      throws IOException {
    SegmentWriter writer = new SegmentWriter(segmentDir, suite, segmentBytes);
    writer.startSegment(firstIndex);
    return writer;
  }

  Written append(List<Pending> batch) throws IOException {
    if (position >= segmentBytes) {
      channel.force(true);
      channel.close();
      startSegment(batch.get(0).index());
    }
    int total = 0;
    for (Pending p : batch) {
      total += SegmentFormat.recordBytes(p.payload().length);
    }
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

  private void startSegment(long firstIndex) throws IOException {
    current = segmentDir.resolve(SegmentFormat.fileName(firstIndex));
    channel = FileChannel.open(current, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    writeFully(SegmentFormat.header(suite, firstIndex), 0);
    channel.force(true);
    LogFiles.forceDirectory(segmentDir);
    position = SegmentFormat.HEADER_BYTES;
  }

  private void writeFully(ByteBuffer buffer, long at) throws IOException {
    long offset = at;
    while (buffer.hasRemaining()) {
      offset += channel.write(buffer, offset);
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
