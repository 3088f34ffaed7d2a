package dev.shuqiao.hub.internal.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

/**
 * The bytes of mailbox uploads on the hub's disk (docs/bulk.md §3): {@code <dir>/<id>.part} while
 * an upload is open, {@code <dir>/<id>.sealed} once its whole digest was checked. A chunk is
 * appended only at the file's current length, its SHA-256 compared with the one the client
 * declared for it, and forced to the device before the new offset is returned: an offset the hub
 * acknowledged survives a crash. A chunk that breaks off (dropped connection) or does not match
 * its digest is cut off again, so the committed offset is always a chunk boundary the client saw
 * acknowledged, and resuming never duplicates or loses a byte. Only ciphertext is ever written.
 */
public final class UploadSpool {

  private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final int BUFFER = 64 * 1024;

  /** The client's offset is not the committed one; {@link #committed()} is where to resume. */
  public static final class OffsetMismatch extends Exception {
    private static final long serialVersionUID = 1L;
    private final long committed;

    OffsetMismatch(long committed) {
      super("the upload's committed offset is " + committed, null, false, false);
      this.committed = committed;
    }

    public long committed() {
      return committed;
    }
  }

  /** A chunk or a whole upload whose bytes do not match the declared digest, or exceed a limit. */
  public static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message, null, false, false);
    }
  }

  private final Path dir;

  public UploadSpool(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
  }

  /** Creates the empty {@code .part} file of a new upload (idempotent for the same id). */
  public void create(String id) throws IOException {
    Path part = part(id);
    if (!Files.exists(part)) {
      try (FileChannel ignored = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        ignored.force(true);
      }
    }
  }

  /** The committed offset of an open upload: the length of its {@code .part} file. */
  public long offset(String id) throws IOException {
    return Files.size(part(id));
  }

  /**
   * Appends one chunk at {@code expectedOffset}. The chunk is read to its end (at most {@code
   * maxTotal - expectedOffset} bytes), its SHA-256 must equal {@code chunkSha256}, then it is forced
   * to disk and the new committed offset returned. On any failure the file is cut back to {@code
   * expectedOffset}.
   */
  public long append(String id, long expectedOffset, InputStream chunk, byte[] chunkSha256, long maxTotal)
      throws IOException, OffsetMismatch, Refused {
    try (FileChannel file = FileChannel.open(part(id), StandardOpenOption.WRITE)) {
      long size = file.size();
      if (size != expectedOffset) {
        throw new OffsetMismatch(size);
      }
      boolean committed = false;
      try {
        MessageDigest sha = sha256();
        byte[] buffer = new byte[BUFFER];
        long position = expectedOffset;
        for (int n; (n = chunk.read(buffer)) > 0; ) {
          if (position + n > maxTotal) {
            throw new Refused("the upload would exceed its declared size of " + maxTotal + " bytes");
          }
          sha.update(buffer, 0, n);
          ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
          while (bytes.hasRemaining()) {
            position += file.write(bytes, position);
          }
        }
        if (!MessageDigest.isEqual(sha.digest(), chunkSha256)) {
          throw new Refused("the chunk does not match its declared digest");
        }
        file.force(true);
        committed = true;
        return position;
      } finally {
        if (!committed) {
          file.truncate(expectedOffset);
          file.force(true);
        }
      }
    }
  }

  /**
   * Completes an upload: its whole SHA-256 must equal {@code declaredSha256}, else the bytes are
   * deleted and {@link Refused} thrown (nothing is delivered). On success the file becomes {@code
   * .sealed} by an atomic rename; calling again after a crash between the rename and the caller's
   * database commit finds the {@code .sealed} file and checks it again.
   */
  public Path finish(String id, byte[] declaredSha256) throws IOException, Refused {
    Path sealed = sealed(id);
    Path source = Files.exists(sealed) ? sealed : part(id);
    if (!MessageDigest.isEqual(digest(source), declaredSha256)) {
      Files.deleteIfExists(source);
      throw new Refused("the upload does not match its declared digest; it was discarded");
    }
    if (source != sealed) {
      try {
        Files.move(source, sealed, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(source, sealed);
      }
    }
    return sealed;
  }

  /**
   * Makes the {@code .part} file agree with the committed offset of the database row after a
   * restart: bytes past {@code committed} (fsynced, but the crash came before the row was updated)
   * are cut off. Returns the file's length afterwards, which is below {@code committed} only if
   * the file lost bytes the hub had acknowledged (then the caller resumes from the file's length).
   */
  public long reconcile(String id, long committed) throws IOException {
    Path part = part(id);
    if (!Files.exists(part)) {
      create(id);
    }
    try (FileChannel file = FileChannel.open(part, StandardOpenOption.WRITE)) {
      if (file.size() > committed) {
        file.truncate(committed);
        file.force(true);
      }
      return file.size();
    }
  }

  /** True once {@link #finish} renamed the upload to {@code .sealed}. */
  public boolean isSealed(String id) {
    return Files.exists(sealed(id));
  }

  /** The stored file of a finished upload. */
  public Path sealed(String id) {
    return dir.resolve(checked(id) + ".sealed");
  }

  /** Removes whatever is stored for {@code id} (acknowledged, expired or abandoned). */
  public void delete(String id) throws IOException {
    Files.deleteIfExists(part(id));
    Files.deleteIfExists(sealed(id));
  }

  /** SHA-256 of a file, read in 64 KiB steps. */
  public static byte[] digest(Path file) throws IOException {
    MessageDigest sha = sha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[BUFFER];
      for (int n; (n = in.read(buffer)) > 0; ) {
        sha.update(buffer, 0, n);
      }
    }
    return sha.digest();
  }

  private Path part(String id) {
    return dir.resolve(checked(id) + ".part");
  }

  private static String checked(String id) {
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("an upload id is a lower-case UUID");
    }
    return id;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JRE has SHA-256", e);
    }
  }
}
