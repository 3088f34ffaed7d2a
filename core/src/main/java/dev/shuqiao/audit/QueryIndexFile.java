package dev.shuqiao.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The query index kept next to the log, {@code DIR/query-index}, so that a separate process (a
 * citizen portal answering "who accessed my data") can query without opening the log for writing.
 * Fixed-size postings, appended after each durable batch:
 *
 * <pre>u8 kind (1 subject, 2 case id) | 32-byte SHA-256 of the key | u64 entry index | u64 record offset</pre>
 *
 * The file is derived data and is not forced: the records are the truth. When the log is opened
 * and the file does not hold exactly the expected number of postings (a crash, a lost write), it is
 * rewritten from the records. Readers check every record they return against the key.
 */
final class QueryIndexFile {

  static final String NAME = "query-index";
  static final int POSTING_BYTES = 1 + 32 + 8 + 8;
  static final byte SUBJECT = 1;
  static final byte CASE = 2;

  private QueryIndexFile() {}

  /** The JDK's SHA-256 uses the CPU's SHA instructions where it has them; one instance per thread. */
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  });

  static byte[] keyDigest(byte kind, byte[] key) {
    MessageDigest sha256 = SHA256.get(); // runs once per appended event: no provider lookup each time
    sha256.update(kind);
    sha256.update(key);
    return sha256.digest();
  }

  static byte[] subjectKey(SubjectPseudonym subject) {
    return keyDigest(SUBJECT, subject.bytes());
  }

  static byte[] caseKey(String caseId) {
    return keyDigest(CASE, caseId.getBytes(StandardCharsets.UTF_8));
  }

  static void posting(byte kind, byte[] digest, long index, long offset, java.io.OutputStream out) {
    ByteBuffer posting = ByteBuffer.allocate(POSTING_BYTES).put(kind).put(digest).putLong(index).putLong(offset);
    try {
      out.write(posting.array(), 0, POSTING_BYTES);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static int postingCount(AuditEvent event) {
    return (event.subject().isPresent() ? 1 : 0) + (event.caseId().isPresent() ? 1 : 0);
  }

  /** Appends the postings of durable batches to the file, which it keeps open. Thread-safe. */
  static final class Appender implements java.io.Closeable {
    private final FileChannel channel;
    /** Reused under this object's monitor; grows to the largest batch's postings. */
    private ByteBuffer out = ByteBuffer.allocateDirect(64 * POSTING_BYTES);

    Appender(Path logDir) throws IOException {
      channel = FileChannel.open(logDir.resolve(NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND);
    }

    /** Appends the postings of {@code entries}, whose records are at {@code offsets}. */
    synchronized void append(List<PendingEntry> entries, long[] offsets) throws IOException {
      int count = 0;
      for (PendingEntry e : entries) {
        count += e.postingCount();
      }
      if (count == 0) {
        return;
      }
      if (out.capacity() < count * POSTING_BYTES) {
        out = ByteBuffer.allocateDirect(Math.max(count * POSTING_BYTES, out.capacity() * 2));
      }
      out.clear();
      for (int i = 0; i < entries.size(); i++) {
        PendingEntry e = entries.get(i);
        if (e.subjectKey != null) {
          out.put(SUBJECT).put(e.subjectKey).putLong(e.index).putLong(offsets[i]);
        }
        if (e.caseKey != null) {
          out.put(CASE).put(e.caseKey).putLong(e.index).putLong(offsets[i]);
        }
      }
      out.flip();
      while (out.hasRemaining()) {
        channel.write(out);
      }
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }

  /** True if the file holds exactly {@code postings} whole postings. */
  static boolean holds(Path logDir, long postings) throws IOException {
    Path file = logDir.resolve(NAME);
    long expected = postings * POSTING_BYTES;
    return Files.exists(file) ? Files.size(file) == expected : expected == 0;
  }

  /** Writes the whole file through {@code writer} into a temp file, then renames it into place. */
  static void rewrite(Path logDir, java.util.function.Consumer<java.io.OutputStream> writer) throws IOException {
    Path target = logDir.resolve(NAME);
    Path temp = logDir.resolve(NAME + ".tmp");
    try (java.io.OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
      writer.accept(out);
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
    Files.move(temp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}
