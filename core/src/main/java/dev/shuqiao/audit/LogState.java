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
 * Not thread-safe; {@link AuditLog} guards it with its lock, except {@link #read(List, HashSuite)},
 * which reads records at locations taken under that lock.
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

  /** Where a durable entry's record is and what its leaf hash is. */
  record Location(long index, Path segment, long offset, byte[] leafHash) {}

  /** Location of entry {@code i}; needs the log's lock, the read that follows does not. */
  Location locate(long i) {
    if (i < 0 || i >= tree.size()) {
      throw new IndexOutOfBoundsException("entry " + i + " of " + tree.size());
    }
    int s = Collections.binarySearch(segmentFirsts, i);
    return new Location(i, segmentPaths.get(s >= 0 ? s : -s - 2), offsets.get(i), tree.leafHash(i));
  }

  /** Locations of {@code indices}, in that order. */
  List<Location> locate(long[] indices) {
    List<Location> out = new ArrayList<>(indices.length);
    for (long i : indices) {
      out.add(locate(i));
    }
    return out;
  }

  /**
   * Reads the entries at {@code locations} back from disk and checks each against its leaf hash, so
   * a record altered after the log was opened is reported instead of returned. Needs no lock: a
   * located entry is durable and complete, and records are never rewritten. Consecutive entries of
   * one segment share one open file.
   */
  static List<AuditEntry> read(List<Location> locations, HashSuite suite) {
    List<AuditEntry> out = new ArrayList<>(locations.size());
    FileChannel channel = null;
    Path open = null;
    try {
      for (Location at : locations) {
        if (!at.segment().equals(open)) {
          if (channel != null) {
            channel.close();
          }
          open = at.segment();
          channel = FileChannel.open(open, StandardOpenOption.READ);
        }
        out.add(new AuditEntry(at.index(), read(channel, at, suite)));
      }
      if (channel != null) {
        channel.close();
      }
      return out;
    } catch (IOException e) {
      closeQuietly(channel, e);
      throw new AuditException("cannot read audit entries from " + open.getFileName(), e);
    } catch (RuntimeException e) {
      closeQuietly(channel, e);
      throw e;
    }
  }

  private static AuditEvent read(FileChannel channel, Location at, HashSuite suite) throws IOException {
    ByteBuffer head = readFully(channel, at.offset(), 12);
    int length = head.getInt(0);
    if (length < 0 || length > SegmentFormat.MAX_PAYLOAD || head.getLong(4) != at.index()) {
      throw new AuditLogCorruptedException(at.index(), at.segment(), at.offset(), "record header changed on disk");
    }
    byte[] payload = readFully(channel, at.offset() + 12, length).array();
    if (!MessageDigest.isEqual(suite.leafHash(payload), at.leafHash())) {
      throw new AuditLogCorruptedException(at.index(), at.segment(), at.offset(),
          "record changed on disk since the log was opened");
    }
    return EventCodec.decode(payload);
  }

  private static void closeQuietly(FileChannel channel, Exception failure) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        failure.addSuppressed(e);
      }
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
