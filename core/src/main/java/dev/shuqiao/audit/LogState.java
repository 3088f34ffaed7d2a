package dev.shuqiao.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the log knows about its durable entries: the Merkle tree, where each record lives on disk
 * and the query index. Rebuilt by reading every record on open; extended after each durable batch.
 * Not thread-safe; {@link AuditLog} guards it.
 */
final class LogState {

  private final MerkleTree tree;
  private final List<Long> segmentFirsts = new ArrayList<>();
  private final List<Path> segmentPaths = new ArrayList<>();
  private final LongColumn offsets = new LongColumn();
  private final QueryIndex index = new QueryIndex();
  private long postings;

  LogState(HashSuite suite) {
    this.tree = new MerkleTree(suite);
  }

  MerkleTree tree() {
    return tree;
  }

  QueryIndex index() {
    return index;
  }

  long size() {
    return tree.size();
  }

  void add(long entryIndex, byte[] leafHash, AuditEvent event, Path segment, long offset) {
    if (entryIndex != tree.size()) {
      throw new IllegalStateException("entry " + entryIndex + " added at size " + tree.size());
    }
    Path last = segmentPaths.isEmpty() ? null : segmentPaths.get(segmentPaths.size() - 1);
    if (last != segment && (last == null || !last.equals(segment))) { // same Path object within a batch
      segmentFirsts.add(entryIndex);
      segmentPaths.add(segment);
    }
    tree.append(leafHash);
    offsets.add(offset);
    index.add(entryIndex, event);
    postings += QueryIndexFile.postingCount(event);
  }

  /** Number of query-index postings of all entries. */
  long postings() {
    return postings;
  }

  /** Rewrites the query-index file from the postings in memory, streaming (never all in one buffer). */
  void rewriteQueryIndex(Path logDir) throws IOException {
    QueryIndexFile.rewrite(logDir, out -> index.forEach((kind, digest, entry) ->
        QueryIndexFile.posting(kind, digest, entry, offsets.get(entry), out)));
  }

  /**
   * Reads entry {@code i} back from disk and checks it against the leaf hash in the tree, so a
   * record altered after the log was opened is reported instead of returned.
   */
  AuditEvent read(long i) {
    if (i < 0 || i >= tree.size()) {
      throw new IndexOutOfBoundsException("entry " + i + " of " + tree.size());
    }
    int s = Collections.binarySearch(segmentFirsts, i);
    Path segment = segmentPaths.get(s >= 0 ? s : -s - 2);
    long offset = offsets.get(i);
    try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ)) {
      ByteBuffer head = readFully(channel, offset, 12);
      int length = head.getInt(0);
      if (length < 0 || length > SegmentFormat.MAX_PAYLOAD || head.getLong(4) != i) {
        throw new AuditLogCorruptedException(i, segment, offset, "record header changed on disk");
      }
      byte[] payload = readFully(channel, offset + 12, length).array();
      if (!MessageDigest.isEqual(tree.suite().leafHash(payload), tree.leafHash(i))) {
        throw new AuditLogCorruptedException(i, segment, offset, "record changed on disk since the log was opened");
      }
      return EventCodec.decode(payload);
    } catch (IOException e) {
      throw new AuditException("cannot read audit entry " + i + " from " + segment.getFileName(), e);
    }
  }

  private static ByteBuffer readFully(FileChannel channel, long at, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, at + buffer.position()) < 0) {
        throw new IOException("unexpected end of segment at " + (at + buffer.position()));
      }
    }
    return buffer.flip();
  }
}
