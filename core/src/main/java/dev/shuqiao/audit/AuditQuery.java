package dev.shuqiao.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read-only queries of a log directory from another process, e.g. the portal where a citizen sees
 * which official accessed their data and why. It reads the query index kept next to the log and
 * the records, takes no lock and never writes. Every returned entry was read from its segment,
 * checked (length, index, checksum, canonical encoding) and matches the key asked for.
 *
 * <pre>{@code
 * AuditQuery query = AuditQuery.open(Path.of("/var/lib/shuqiao/audit"));
 * List<AuditEntry> accesses = query.findBySubject(pseudonymizer.pseudonymize(idNumber), 0, 50);
 * }</pre>
 *
 * It sees the entries indexed when it was opened; open it again for newer ones. Integrity of the
 * log as a whole is the business of {@link AuditVerifier}.
 */
public final class AuditQuery {

  private final Path segments;
  private final Map<ByteBuffer, List<long[]>> postings;

  private AuditQuery(Path segments, Map<ByteBuffer, List<long[]>> postings) {
    this.segments = segments;
    this.postings = postings;
  }

  /**
   * Loads the query index of the log in {@code dir}.
   *
   * @throws IOException if it is not a readable audit log directory
   */
  public static AuditQuery open(Path dir) throws IOException {
    LogFiles.readSettings(dir);
    Map<ByteBuffer, List<long[]>> postings = new HashMap<>();
    Path file = dir.resolve(QueryIndexFile.NAME);
    if (Files.exists(file)) {
      ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
      while (in.remaining() >= QueryIndexFile.POSTING_BYTES) {
        byte[] key = new byte[33];
        in.get(key);
        long index = in.getLong();
        long offset = in.getLong();
        postings.computeIfAbsent(ByteBuffer.wrap(key), k -> new ArrayList<>()).add(new long[] {index, offset});
      }
    }
    postings.values().forEach(list -> list.sort((a, b) -> Long.compare(a[0], b[0])));
    return new AuditQuery(LogFiles.segments(dir), postings);
  }

  /** Up to {@code limit} entries about {@code subject} with index {@code >= fromIndex}, oldest first. */
  public List<AuditEntry> findBySubject(SubjectPseudonym subject, long fromIndex, int limit) throws IOException {
    return find(QueryIndexFile.SUBJECT, QueryIndexFile.subjectKey(subject), fromIndex, limit,
        e -> e.subject().equals(Optional.of(subject)));
  }

  /** Up to {@code limit} entries of case {@code caseId} with index {@code >= fromIndex}, oldest first. */
  public List<AuditEntry> findByCaseId(String caseId, long fromIndex, int limit) throws IOException {
    return find(QueryIndexFile.CASE, QueryIndexFile.caseKey(caseId), fromIndex, limit,
        e -> e.caseId().equals(Optional.of(caseId)));
  }

  private List<AuditEntry> find(byte kind, byte[] digest, long fromIndex, int limit,
      java.util.function.Predicate<AuditEvent> matches) throws IOException {
    byte[] key = new byte[33];
    key[0] = kind;
    System.arraycopy(digest, 0, key, 1, 32);
    List<AuditEntry> out = new ArrayList<>();
    List<Path> files = SegmentScanner.segments(segments);
    long[] firsts = files.stream().mapToLong(SegmentFormat::firstIndexOf).toArray();
    for (long[] posting : postings.getOrDefault(ByteBuffer.wrap(key), List.of())) {
      if (out.size() >= limit) {
        break;
      }
      if (posting[0] >= fromIndex) {
        AuditEvent event = read(files, firsts, posting[0], posting[1]);
        if (matches.test(event)) {
          out.add(new AuditEntry(posting[0], event));
        }
      }
    }
    return out;
  }

  private static AuditEvent read(List<Path> files, long[] firsts, long index, long offset) throws IOException {
    int s = Arrays.binarySearch(firsts, index);
    int at = s >= 0 ? s : -s - 2;
    if (at < 0) {
      throw new IOException("query index names entry " + index + " but no segment holds it");
    }
    Path segment = files.get(at);
    try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ)) {
      ByteBuffer head = ByteBuffer.allocate(12);
      channel.read(head, offset);
      int length = head.getInt(0);
      if (head.position() < 12 || length < 0 || length > SegmentFormat.MAX_PAYLOAD || head.getLong(4) != index) {
        throw new AuditLogCorruptedException(index, segment, offset, "query index points at no record of this entry");
      }
      ByteBuffer record = ByteBuffer.allocate(SegmentFormat.recordBytes(length) - 4);
      channel.read(record, offset);
      ByteBuffer crc = ByteBuffer.allocate(4);
      channel.read(crc, offset + record.capacity());
      if (record.hasRemaining() || crc.hasRemaining()
          || SegmentFormat.checksum(record.flip()) != crc.getInt(0)) {
        throw new AuditLogCorruptedException(index, segment, offset, "record checksum mismatch");
      }
      byte[] payload = Arrays.copyOfRange(record.array(), 12, 12 + length);
      try {
        return EventCodec.decode(payload);
      } catch (IllegalArgumentException e) {
        throw new AuditLogCorruptedException(index, segment, offset, "record is not a valid event: " + e.getMessage());
      }
    }
  }
}
