package dev.shuqiao.audit;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Properties;

/**
 * Layout of a log directory and the durable file operations on it.
 *
 * <pre>
 * DIR/audit-log.properties   format, hash suite and checkpoint origin, written once
 * DIR/segments/*.seg         the records ({@link SegmentFormat})
 * DIR/checkpoints/*.note     signed checkpoints, one file per tree size
 * DIR/verifier-keys          verifier keys of the signers used, one per line (convenience copy)
 * DIR/query-index            subject and case-id postings ({@code QueryIndexFile})
 * DIR/.lock                  held by the process that has the log open for writing
 * </pre>
 */
final class LogFiles {

  static final String PROPERTIES = "audit-log.properties";
  static final String VERIFIER_KEYS = "verifier-keys";

  private LogFiles() {}

  static Path segments(Path dir) {
    return dir.resolve("segments");
  }

  static Path checkpoints(Path dir) {
    return dir.resolve("checkpoints");
  }

  static Path lock(Path dir) {
    return dir.resolve(".lock");
  }

  /** The stored settings of a log. */
  record Settings(HashSuite suite, String origin) {}

  static Settings readSettings(Path dir) throws IOException {
    Properties properties = new Properties();
    try {
      properties.load(new StringReader(Files.readString(dir.resolve(PROPERTIES), StandardCharsets.UTF_8)));
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(dir + " is not an audit log directory (no " + PROPERTIES + ")");
    }
    if (!"1".equals(properties.getProperty("format"))) {
      throw new IOException(dir.resolve(PROPERTIES) + ": unsupported format " + properties.getProperty("format"));
    }
    return new Settings(HashSuite.fromId(properties.getProperty("hash", "")), properties.getProperty("origin", ""));
  }

  static void writeSettings(Path dir, Settings settings) throws IOException {
    String text = "# Shuqiao audit log. Do not edit.\nformat=1\nhash=" + settings.suite().id() + "\norigin="
        + settings.origin() + "\n";
    writeAtomically(dir.resolve(PROPERTIES), text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes a file so that after a crash it is either absent or complete: temp file, fsync, rename, fsync dir. */
  static void writeAtomically(Path target, byte[] content) throws IOException {
    Path temp = target.resolveSibling(target.getFileName() + ".tmp");
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    forceDirectory(target.getParent());
  }

  static void forceDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
