package dev.shuqiao.cli;

import dev.shuqiao.catalog.CreditCode;
import dev.shuqiao.crypto.KeyAlgorithm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Locale;

/** What the {@code keys} commands share: option parsing for keys and passwords, and careful file writes. */
final class KeyFiles {

  /** Environment variable holding the PKCS#12 password when {@code --password-file} is not given. */
  static final String PASSWORD_ENV = "SHUQIAO_KEYSTORE_PASSWORD";

  private KeyFiles() {}

  static KeyAlgorithm algorithm(Options options) throws UsageException {
    String name = options.value("--algorithm", "sm2").toLowerCase(Locale.ROOT);
    switch (name) {
      case "sm2":
        return KeyAlgorithm.SM2;
      case "ed25519":
        return KeyAlgorithm.ED25519;
      case "p256":
      case "ecdsa-p256":
        return KeyAlgorithm.ECDSA_P256;
      default:
        throw new UsageException("--algorithm must be sm2, ed25519 or p256");
    }
  }

  static String required(Options options, String name) throws UsageException {
    String value = options.value(name, null);
    if (value == null || value.isBlank()) {
      throw new UsageException(name + " is required");
    }
    return value;
  }

  static CreditCode creditCode(Options options) throws UsageException {
    try {
      return CreditCode.parse(required(options, "--credit-code"));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--credit-code: " + e.getMessage());
    }
  }

  static Duration days(Options options, int fallback) throws UsageException {
    try {
      int days = Integer.parseInt(options.value("--days", Integer.toString(fallback)));
      if (days < 1 || days > 7300) {
        throw new UsageException("--days must be 1..7300");
      }
      return Duration.ofDays(days);
    } catch (NumberFormatException e) {
      throw new UsageException("--days must be a number");
    }
  }

  /** The password from {@code --password-file} (first line) or the environment; never from the command line. */
  static char[] password(Options options) throws UsageException, IOException {
    String file = options.value("--password-file", null);
    String password = file != null
        ? Files.readAllLines(Path.of(file), StandardCharsets.UTF_8).stream().findFirst().orElse("")
        : System.getenv(PASSWORD_ENV);
    if (password == null || password.length() < 8) {
      throw new UsageException("give a key store password of 8+ characters in --password-file FILE or $" + PASSWORD_ENV);
    }
    return password.toCharArray();
  }

  /** Writes a new file (never overwrites); {@code secret} files are created readable by the owner only. */
  static void writeNew(Path path, byte[] content, boolean secret) throws IOException {
    if (Files.exists(path)) {
      throw new FileAlreadyExistsException(path + " exists; not overwriting key material");
    }
    if (secret && path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(path, content, StandardOpenOption.TRUNCATE_EXISTING);
    } else {
      Files.write(path, content, StandardOpenOption.CREATE_NEW);
    }
  }

  static void writeNew(Path path, String content, boolean secret) throws IOException {
    writeNew(path, content.getBytes(StandardCharsets.UTF_8), secret);
  }
}
