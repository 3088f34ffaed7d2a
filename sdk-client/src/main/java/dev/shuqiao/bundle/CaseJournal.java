package dev.shuqiao.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shuqiao.crypto.EnvelopeException;
import dev.shuqiao.crypto.StorageKey;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * The append-only journal of one case: one file per case under the runner's directory, one record
 * per state change, each forced to disk before the change takes effect.
 *
 * <p>Record: {@code length} (4 bytes, big-endian, of the payload), {@code crc32c} (4 bytes, of the
 * payload), payload (UTF-8 JSON object with a {@code "t"} member). A record cut short by a crash — or
 * whose checksum fails and which ends the file — is a torn last write: it is dropped (the file is
 * truncated before it) and the change it described never happened. A bad record followed by good ones
 * is corruption, and the case is refused. CRC-32C detects torn and garbled writes; it is not a MAC,
 * and the journal is no audit log (the audit log is).
 *
 * <p>The payload is encrypted at rest: it is the JSON sealed with the runner's {@link StorageKey}
 * (SM4-GCM or AES-256-GCM, a fresh salt and nonce per record) bound to the context
 * {@code "shuqiao case journal v1\n" + caseId + "\n" + recordNumber} (0-based), so a record cannot be
 * read without the key, nor moved to another case or position unnoticed. The CRC covers the sealed
 * bytes: a torn tail is still told from tampering, which fails authentication ({@code journal-corrupt}).
 */
final class CaseJournal implements Closeable {

  static final int MAX_RECORD_BYTES = 64 << 20;
  private static final Pattern PLAIN_CASE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;
  private final StorageKey key;
  private final String caseId;
  /** The number of the next record appended. Guarded by this. */
  private long next;

  private CaseJournal(Path file, FileChannel channel, FileLock lock, StorageKey key, String caseId) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
    this.key = key;
    this.caseId = caseId;
  }

  /** The file of {@code caseId}: the id itself when it is a plain file name, else its SHA-256. */
  static Path fileOf(Path directory, String caseId) {
    if (PLAIN_CASE_ID.matcher(caseId).matches()) {
      return directory.resolve(caseId + ".case");
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(caseId.getBytes(StandardCharsets.UTF_8));
      return directory.resolve("sha256-" + HexFormat.of().formatHex(digest) + ".case");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Creates the journal of a new case; {@code case-exists} if there is one. */
  static CaseJournal create(Path directory, String caseId, StorageKey key) {
    Path file = fileOf(directory, caseId);
    try {
      Files.createDirectories(directory);
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      forceDirectory(directory);
      return new CaseJournal(file, channel, lock(channel, file, caseId), key, caseId);
    } catch (FileAlreadyExistsException e) {
      throw new BundleException("case-exists", "case " + caseId + " has already been started; resume it instead");
    } catch (IOException e) {
      throw io(file, e);
    }
  }

  /** Opens the journal of an existing case and reads its records; {@code case-unknown} if there is none. */
  static CaseJournal open(Path directory, String caseId, StorageKey key, List<ObjectNode> records) {
    Path file = fileOf(directory, caseId);
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
      CaseJournal journal = new CaseJournal(file, channel, lock(channel, file, caseId), key, caseId);
      journal.readAll(records);
      return journal;
    } catch (NoSuchFileException e) {
      throw new BundleException("case-unknown", "no case " + caseId + " in " + directory);
    } catch (IOException e) {
      closeQuietly(channel);
      throw io(file, e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  private static FileLock lock(FileChannel channel, Path file, String caseId) throws IOException {
    try {
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return lock;
      }
    } catch (OverlappingFileLockException e) {
      // held by this JVM
    }
    channel.close();
    throw new BundleException("case-busy", "case " + caseId + " is being run by another runner (" + file + ")");
  }

  private void readAll(List<ObjectNode> records) throws IOException {
    readRecords(records);
    next = records.size();
  }

  private void readRecords(List<ObjectNode> records) throws IOException {
    long size = channel.size();
    ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN);
    long position = 0;
    while (position < size) {
      if (size - position < 8) {
        truncate(position);
        return;
      }
      header.clear();
      readFully(header, position);
      header.flip();
      int length = header.getInt();
      int crc = header.getInt();
      long end = position + 8 + (long) length;
      if (length < 0 || length > MAX_RECORD_BYTES || end > size) {
        truncate(position); // the length itself may be torn: nothing after it can be trusted
        return;
      }
      ByteBuffer payload = ByteBuffer.allocate(length);
      readFully(payload, position + 8);
      CRC32C check = new CRC32C();
      check.update(payload.array());
      if ((int) check.getValue() != crc) {
        if (end == size) {
          truncate(position);
          return;
        }
        throw new BundleException("journal-corrupt", "the case journal " + file + " has a damaged record at byte "
            + position + " followed by others; it was changed outside the runner");
      }
      records.add(decrypt(key, caseId, records.size(), payload.array(), file, position));
      position = end;
    }
  }

  private static byte[] context(String caseId, long number) {
    return ("shuqiao case journal v1\n" + caseId + "\n" + number).getBytes(StandardCharsets.UTF_8);
  }

  private static ObjectNode decrypt(StorageKey key, String caseId, long number, byte[] sealed, Path file, long position)
      throws IOException {
    byte[] plain;
    try {
      plain = key.open(sealed, context(caseId, number));
    } catch (EnvelopeException e) {
      throw new BundleException("journal-corrupt", "record " + number + " (byte " + position + ") of the case journal "
          + file + " does not open with the journal key: " + (number == 0
          ? "the case was journaled under another key (another department identity or configured key), or "
          : "") + "the file was changed outside the runner");
    }
    return (ObjectNode) JSON.readTree(plain);
  }

  private void readFully(ByteBuffer buffer, long position) throws IOException {
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        throw new IOException("unexpected end of " + file);
      }
    }
  }

  private void truncate(long position) throws IOException {
    channel.truncate(position);
    channel.force(true);
  }

  /** Appends {@code record} and forces it to disk before returning. */
  synchronized void append(ObjectNode record) {
    try {
      byte[] payload = key.seal(JSON.writeValueAsBytes(record), context(caseId, next));
      if (payload.length > MAX_RECORD_BYTES) {
        throw new BundleException("journal-io", "a journal record of " + payload.length + " bytes is over the limit");
      }
      CRC32C crc = new CRC32C();
      crc.update(payload);
      ByteBuffer buffer = ByteBuffer.allocate(8 + payload.length).order(ByteOrder.BIG_ENDIAN);
      buffer.putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
      long position = channel.size();
      while (buffer.hasRemaining()) {
        position += channel.write(buffer, position);
      }
      channel.force(false);
      next++;
    } catch (IOException e) {
      throw io(file, e);
    }
  }

  static ObjectNode record(String type) {
    return JSON.createObjectNode().put("t", type);
  }

  static ObjectMapper json() {
    return JSON;
  }

  @Override
  public synchronized void close() {
    try {
      lock.release();
    } catch (IOException | RuntimeException ignored) {
      // closing the channel releases it anyway
    }
    closeQuietly(channel);
  }

  private static void forceDirectory(Path directory) {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // not every platform can open a directory (Windows); the file's own force still holds its records
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing left to do
      }
    }
  }

  private static BundleException io(Path file, IOException e) {
    return new BundleException("journal-io", "cannot use the case journal " + file + ": " + e.getMessage(), e);
  }

  /** All records of a journal file, for tests and tools (no lock taken, nothing truncated). */
  static List<ObjectNode> readOnly(Path file, String caseId, StorageKey key) throws IOException {
    List<ObjectNode> records = new ArrayList<>();
    ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file));
    while (all.remaining() >= 8) {
      int length = all.getInt();
      all.getInt();
      if (length < 0 || length > all.remaining()) {
        break;
      }
      byte[] payload = new byte[length];
      all.get(payload);
      records.add(decrypt(key, caseId, records.size(), payload, file, 0));
    }
    return records;
  }
}
